ALTER TABLE products MODIFY sku text NOT NULL, MODIFY stock bigint unsigned NOT NULL DEFAULT 0;
