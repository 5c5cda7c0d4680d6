ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new', 'paid', 'shipped'));
ALTER TABLE orders ADD CHECK (quantity < 1000);
