ALTER TABLE people ADD COLUMN initials TEXT AS (substr(first_name, 1, 1) || substr(last_name, 1, 1));
