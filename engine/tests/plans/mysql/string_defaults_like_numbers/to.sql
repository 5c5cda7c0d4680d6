CREATE TABLE items (
  id int PRIMARY KEY,
  code varchar(10) DEFAULT '007',
  grade enum('1', '2', '3') DEFAULT '3',
  price decimal(10,2) DEFAULT '10.50',
  label char(4) DEFAULT '1.50'
);
