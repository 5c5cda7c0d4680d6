CREATE OR REPLACE VIEW customer_totals AS
  SELECT c.id, c.name, SUM(i.total) AS total, COUNT(i.id) AS n
  FROM customers c LEFT JOIN invoices i ON i.customer_id = c.id
  GROUP BY c.id, c.name;
CREATE VIEW french_customers AS SELECT * FROM customers WHERE country = 'FR';
