CREATE TABLE orders (
    id serial PRIMARY KEY,
    quantity integer NOT NULL CHECK (quantity > 0),
    status text NOT NULL DEFAULT 'new',
    discount numeric(5, 2)
);
