CREATE FUNCTION next_rank(n int, step int4 DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT n + step $$;
CREATE TABLE ranks (
  id integer PRIMARY KEY,
  r integer DEFAULT next_rank(1),
  CONSTRAINT ranks_r_check CHECK (next_rank(r) > 0)
);
