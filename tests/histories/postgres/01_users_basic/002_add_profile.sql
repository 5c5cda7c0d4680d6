ALTER TABLE users ADD COLUMN display_name text;
ALTER TABLE users ADD COLUMN age integer CHECK (age >= 0);
