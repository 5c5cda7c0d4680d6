CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, country text);
CREATE TABLE invoices (id serial PRIMARY KEY, customer_id integer REFERENCES customers (id), total numeric(10, 2));
CREATE VIEW customer_totals AS
    SELECT c.id, c.name, sum(i.total) AS total
    FROM customers c LEFT JOIN invoices i ON i.customer_id = c.id
    GROUP BY c.id, c.name;
