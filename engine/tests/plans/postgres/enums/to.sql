CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE size AS ENUM ('s', 'l');
CREATE TABLE t (id integer PRIMARY KEY, m mood DEFAULT 'ok', s size, ss size[]);
