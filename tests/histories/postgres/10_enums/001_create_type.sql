CREATE TYPE order_status AS ENUM ('pending', 'paid');
CREATE TABLE payments (
    id serial PRIMARY KEY,
    status order_status NOT NULL DEFAULT 'pending'
);
