CREATE VIEW french_customers AS SELECT * FROM customers WHERE country = 'FR';
CREATE VIEW big_customers AS SELECT id, name FROM customer_totals WHERE total > 1000;
