CREATE TABLE payments (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  status enum('pending','paid') NOT NULL DEFAULT 'pending',
  method set('card','cash') DEFAULT NULL
);
