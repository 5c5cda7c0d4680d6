CREATE TABLE a (id integer PRIMARY KEY, code text UNIQUE);
CREATE TABLE b (id integer PRIMARY KEY, a_code text REFERENCES a (code));
