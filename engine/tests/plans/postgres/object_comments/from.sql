CREATE TYPE status AS ENUM ('on', 'off', 'gone');
COMMENT ON TYPE status IS 'old';
CREATE TABLE users (
  id integer CONSTRAINT users_pk PRIMARY KEY,
  state status,
  name text,
  CONSTRAINT name_len CHECK (length(name) < 10)
);
CREATE INDEX users_state ON users (state);
CREATE INDEX users_name ON users (name);
COMMENT ON INDEX users_state IS 'by state';
COMMENT ON INDEX users_name IS 'by name';
COMMENT ON CONSTRAINT name_len ON users IS 'short';
CREATE TABLE things (id integer PRIMARY KEY);
CREATE VIEW thing_ids AS SELECT id FROM things;
COMMENT ON VIEW thing_ids IS 'ids';
