CREATE TABLE orders (id bigint NOT NULL, placed date NOT NULL, total numeric(10, 2)) PARTITION BY RANGE (placed);
CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX orders_placed ON orders (placed);
CREATE TABLE notes (id bigint NOT NULL, body text);
CREATE INDEX notes_body ON notes (body);
