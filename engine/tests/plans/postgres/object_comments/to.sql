CREATE TYPE status AS ENUM ('on', 'off');
COMMENT ON TYPE status IS 'new';
CREATE TABLE users (
  id integer CONSTRAINT users_pk PRIMARY KEY,
  state status,
  name text,
  CONSTRAINT name_len CHECK (length(name) < 20)
);
CREATE INDEX users_state ON users (state);
COMMENT ON INDEX users_state IS 'state index';
COMMENT ON CONSTRAINT name_len ON users IS 'short';
COMMENT ON CONSTRAINT users_pk ON users IS 'key';
CREATE TABLE things (id integer PRIMARY KEY);
CREATE VIEW thing_ids AS SELECT id FROM things;
COMMENT ON VIEW thing_ids IS 'all ids';
CREATE TABLE posts (id integer PRIMARY KEY, CHECK (id > 0));
CREATE INDEX posts_id ON posts (id);
COMMENT ON INDEX posts_id IS 'lookup';
COMMENT ON CONSTRAINT posts_pkey ON posts IS 'the key';
COMMENT ON CONSTRAINT posts_id_check ON posts IS 'positive';
