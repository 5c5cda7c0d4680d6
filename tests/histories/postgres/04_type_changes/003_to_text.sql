ALTER TABLE products ALTER COLUMN sku SET DATA TYPE text;
ALTER TABLE products ALTER COLUMN stock TYPE bigint USING stock::bigint;
