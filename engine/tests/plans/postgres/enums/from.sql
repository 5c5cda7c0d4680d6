CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE size AS ENUM ('s', 'm', 'l');
CREATE TABLE t (id integer PRIMARY KEY, m mood DEFAULT 'sad', s size, ss size[]);
