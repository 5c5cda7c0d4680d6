CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE products (
  id integer PRIMARY KEY,
  name text NOT NULL,
  code varchar(20),
  tags jsonb,
  labels text[],
  notes jsonb
);
CREATE INDEX products_name ON products (name text_pattern_ops);
CREATE INDEX products_tags ON products USING gin (tags jsonb_path_ops);
CREATE INDEX products_labels ON products USING gin (labels);
CREATE INDEX products_code ON products (code varchar_pattern_ops DESC, name);
CREATE UNIQUE INDEX products_lower_name ON products (lower(name) text_pattern_ops);
CREATE INDEX products_trgm ON products USING gin (name gin_trgm_ops, ((notes ->> 'text')) public.gin_trgm_ops);
