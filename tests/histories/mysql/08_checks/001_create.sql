CREATE TABLE orders (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  quantity int NOT NULL CHECK (quantity > 0),
  status varchar(20) NOT NULL DEFAULT 'new',
  discount decimal(5,2),
  CONSTRAINT orders_discount_range CHECK (discount BETWEEN 0 AND 100)
);
