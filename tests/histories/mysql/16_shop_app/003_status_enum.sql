ALTER TABLE orders MODIFY status enum('open','paid','shipped') NOT NULL DEFAULT 'open';
ALTER TABLE orders ADD INDEX orders_status_idx (status);
ALTER TABLE users CHANGE name full_name varchar(150) NOT NULL;
