CREATE INDEX products_price_idx ON products (price DESC);
