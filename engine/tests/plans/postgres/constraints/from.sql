CREATE TABLE a (id integer, code text, CONSTRAINT a_code_check CHECK (code <> ''));
CREATE TABLE b (id integer PRIMARY KEY, a_code text, CONSTRAINT b_code UNIQUE (a_code));
