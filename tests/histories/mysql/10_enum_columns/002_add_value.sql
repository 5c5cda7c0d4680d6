ALTER TABLE payments MODIFY status enum('pending','paid','refunded') NOT NULL DEFAULT 'pending';
