CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    status TEXT NOT NULL DEFAULT 'new',
    discount REAL,
    CONSTRAINT discount_range CHECK (discount BETWEEN 0 AND 100),
    CHECK (status IN ('new', 'paid', 'shipped'))
);
