CREATE FUNCTION next_rank(n integer, step integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT (n + step) * 1 $$;
CREATE TABLE ranks (
  id integer PRIMARY KEY,
  r integer DEFAULT next_rank(1),
  CONSTRAINT ranks_r_check CHECK (next_rank(r) > 0)
);
