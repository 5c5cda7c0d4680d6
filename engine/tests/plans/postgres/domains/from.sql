CREATE TYPE color AS ENUM ('red', 'green');
CREATE DOMAIN status_code AS integer DEFAULT 200;
CREATE DOMAIN email AS text CHECK (VALUE ~ '@');
CREATE DOMAIN old_domain AS text NOT NULL;
CREATE DOMAIN score AS integer CHECK (VALUE >= 0) CHECK (VALUE <= 100);
CREATE TABLE users (id integer PRIMARY KEY, mail email, legacy old_domain);
