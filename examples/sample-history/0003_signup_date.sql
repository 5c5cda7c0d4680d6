ALTER TABLE users ADD COLUMN signup_date TEXT;
ALTER TABLE users DROP COLUMN birthDate;
