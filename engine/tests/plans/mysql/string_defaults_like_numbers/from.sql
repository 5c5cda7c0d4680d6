CREATE TABLE items (
  id int PRIMARY KEY,
  code varchar(10),
  grade enum('1', '2', '3'),
  price decimal(10,2) DEFAULT 10
);
