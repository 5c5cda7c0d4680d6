CREATE TABLE products (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku varchar(32) NOT NULL,
  price decimal(8,2),
  stock int DEFAULT 0
);
