DROP VIEW french_customers;
DROP VIEW IF EXISTS big_customers;
CREATE VIEW IF NOT EXISTS recent_invoices AS WITH r AS (SELECT * FROM invoices ORDER BY id DESC LIMIT 10) SELECT * FROM r;
