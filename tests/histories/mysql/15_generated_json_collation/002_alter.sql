ALTER TABLE people ADD COLUMN name_len int AS (CHAR_LENGTH(first_name) + CHAR_LENGTH(last_name)) STORED;
ALTER TABLE people MODIFY code varchar(20) COLLATE utf8mb4_unicode_ci;
ALTER TABLE people ADD COLUMN meta json NOT NULL;
