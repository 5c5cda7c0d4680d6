ALTER TABLE authors ADD COLUMN mentor_id integer REFERENCES authors ON DELETE SET NULL;
