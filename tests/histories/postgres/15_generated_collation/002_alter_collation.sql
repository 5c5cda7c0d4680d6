ALTER TABLE people ALTER COLUMN code TYPE varchar(20);
ALTER TABLE people ADD COLUMN height_cm numeric(5, 1);
ALTER TABLE people ADD COLUMN height_in numeric GENERATED ALWAYS AS (height_cm / 2.54) STORED;
ALTER TABLE people ADD COLUMN tag text COLLATE "POSIX";
