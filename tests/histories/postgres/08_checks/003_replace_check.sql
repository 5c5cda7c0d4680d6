ALTER TABLE orders DROP CONSTRAINT orders_quantity_check;
ALTER TABLE orders ADD CHECK (quantity > 0 AND quantity < 1000);
