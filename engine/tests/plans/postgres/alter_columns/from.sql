CREATE TABLE t (
  id integer PRIMARY KEY,
  a varchar(10) DEFAULT 'x',
  b integer,
  c text NOT NULL,
  d integer,
  e text
);
COMMENT ON COLUMN t.e IS 'old';
