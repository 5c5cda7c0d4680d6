-- A foreign key relies on the unique index it references; dropping it with CASCADE drops
-- the foreign key too.
CREATE TABLE accounts (id integer NOT NULL, email text);
CREATE UNIQUE INDEX accounts_id_key ON accounts (id);
CREATE TABLE sessions (id integer PRIMARY KEY, account_id integer REFERENCES accounts (id));
CREATE TABLE tokens (id integer PRIMARY KEY, account_id integer);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
ALTER TABLE tokens ADD COLUMN account_email text REFERENCES accounts (email);
DROP INDEX accounts_id_key CASCADE;
