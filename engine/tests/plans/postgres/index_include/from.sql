CREATE TABLE orders (
  id integer NOT NULL,
  user_id integer,
  status text,
  total numeric,
  code text,
  CONSTRAINT orders_code_key UNIQUE (code)
);
CREATE INDEX orders_user ON orders (user_id);
CREATE UNIQUE INDEX orders_status ON orders (status);
