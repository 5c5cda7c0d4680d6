ALTER TABLE teams DROP CONSTRAINT teams_slug_key;
ALTER TABLE teams ADD CONSTRAINT teams_slug_uq UNIQUE NULLS NOT DISTINCT (slug);
CREATE UNIQUE INDEX teams_lower_name_idx ON teams (lower(name));
