CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);
CREATE INDEX people_name ON users (name);
CREATE TABLE pets (id integer PRIMARY KEY, owner integer REFERENCES users (id));
