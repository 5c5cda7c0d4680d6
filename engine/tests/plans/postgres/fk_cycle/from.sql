CREATE TABLE country (id integer PRIMARY KEY, name text NOT NULL);
