CREATE TABLE orders (
  id integer NOT NULL,
  user_id integer,
  status text,
  total numeric,
  code text,
  CONSTRAINT orders_code_key UNIQUE NULLS NOT DISTINCT (code) INCLUDE (total, id)
);
CREATE INDEX orders_user ON orders USING btree (user_id, status) INCLUDE (total) WHERE status = 'active';
CREATE UNIQUE INDEX orders_status ON orders (status) NULLS NOT DISTINCT;
ALTER TABLE orders ADD CONSTRAINT orders_id_user UNIQUE (id) INCLUDE (user_id);
-- Implicit names count the INCLUDE columns: orders_code_status_idx, orders_user_id_code_key.
CREATE INDEX ON orders (code) INCLUDE (status);
ALTER TABLE orders ADD UNIQUE (user_id) INCLUDE (code);
