ALTER TABLE products ALTER COLUMN sku TYPE varchar(64);
ALTER TABLE products ALTER COLUMN price TYPE numeric(12, 4);
ALTER TABLE products ALTER COLUMN id TYPE bigint;
