CREATE TABLE customers (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(100) NOT NULL, country char(2));
CREATE TABLE invoices (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id int, total decimal(10,2), FOREIGN KEY (customer_id) REFERENCES customers (id));
CREATE VIEW customer_totals AS
  SELECT c.id, c.name, SUM(i.total) AS total
  FROM customers c LEFT JOIN invoices i ON i.customer_id = c.id
  GROUP BY c.id, c.name;
