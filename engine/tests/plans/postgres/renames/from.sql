CREATE TABLE people (id integer PRIMARY KEY, full_name text NOT NULL);
CREATE INDEX people_name ON people (full_name);
CREATE TABLE pets (id integer PRIMARY KEY, owner integer REFERENCES people (id));
