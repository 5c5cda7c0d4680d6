CREATE TABLE products (
    id INTEGER PRIMARY KEY,
    sku VARCHAR(32) NOT NULL,
    price NUMERIC(8, 2),
    stock INT
);
INSERT INTO products (sku, price, stock) VALUES ('a', 1.5, 3);
