CREATE TABLE order_items (
  order_id bigint unsigned NOT NULL,
  sku varchar(64) NOT NULL,
  qty int unsigned NOT NULL DEFAULT 1,
  PRIMARY KEY (order_id, sku),
  CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO users (email, name) VALUES ('a@example.com', 'A');
