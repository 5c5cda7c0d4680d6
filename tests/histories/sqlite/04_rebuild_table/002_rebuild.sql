PRAGMA foreign_keys = OFF;
CREATE TABLE products_new (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    price REAL NOT NULL DEFAULT 0,
    stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0)
);
INSERT INTO products_new (id, sku, price, stock) SELECT id, sku, coalesce(price, 0), coalesce(stock, 0) FROM products;
DROP TABLE products;
ALTER TABLE products_new RENAME TO products;
PRAGMA foreign_keys = ON;
