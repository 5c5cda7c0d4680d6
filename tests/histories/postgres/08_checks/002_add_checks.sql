ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'shipped'));
ALTER TABLE orders ADD CONSTRAINT discount_range CHECK (discount BETWEEN 0 AND 100);
