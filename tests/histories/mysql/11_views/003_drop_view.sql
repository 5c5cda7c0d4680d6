DROP VIEW french_customers;
CREATE VIEW big_customers AS SELECT id, name FROM customer_totals WHERE total > 1000;
