CREATE TABLE items (id integer PRIMARY KEY, code text, price real DEFAULT 10);
