CREATE TABLE people (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  first_name varchar(50) NOT NULL,
  last_name varchar(50) NOT NULL,
  full_name varchar(101) AS (CONCAT(first_name, ' ', last_name)) VIRTUAL,
  code varchar(10) COLLATE utf8mb4_bin,
  prefs json
);
