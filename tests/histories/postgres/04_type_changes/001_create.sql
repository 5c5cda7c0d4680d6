CREATE TABLE products (
    id integer PRIMARY KEY,
    sku varchar(32) NOT NULL,
    price numeric(8, 2),
    stock integer DEFAULT 0
);
