-- National character types: varchar/char in the server's national character set.
CREATE TABLE contacts (
    id int PRIMARY KEY,
    name NVARCHAR(100) NOT NULL,
    code NCHAR(3),
    city NATIONAL VARCHAR(60),
    country NATIONAL CHAR(2),
    note NATIONAL CHARACTER VARYING(200),
    flag NCHAR
) DEFAULT CHARSET=utf8mb4;
ALTER TABLE contacts ADD COLUMN region NCHAR VARYING(30) NULL;
ALTER TABLE contacts MODIFY code NVARCHAR(5);
