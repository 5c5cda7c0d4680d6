CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT);
CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), total REAL);
CREATE VIEW customer_totals AS
    SELECT c.id, c.name, sum(i.total) AS total
    FROM customers c LEFT JOIN invoices i ON i.customer_id = c.id
    GROUP BY c.id, c.name;
