CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE products (
  id integer PRIMARY KEY,
  name text NOT NULL,
  code varchar(20),
  tags jsonb,
  labels text[],
  notes jsonb
);
-- Default classes written out are the same index as none.
CREATE INDEX products_name ON products (name text_ops);
CREATE INDEX products_tags ON products USING gin (tags jsonb_ops);
CREATE INDEX products_labels ON products USING gin (labels array_ops);
CREATE INDEX products_code ON products (code);
