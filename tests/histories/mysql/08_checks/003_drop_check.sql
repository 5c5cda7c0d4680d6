ALTER TABLE orders DROP CONSTRAINT orders_discount_range;
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
