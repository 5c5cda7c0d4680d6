ALTER TABLE payments MODIFY status enum('pending','failed','paid','refunded') NOT NULL DEFAULT 'failed';
ALTER TABLE payments ADD COLUMN currency enum('EUR','USD') NOT NULL;
