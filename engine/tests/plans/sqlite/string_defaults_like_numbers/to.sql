CREATE TABLE items (id integer PRIMARY KEY, code text DEFAULT '007', price real DEFAULT '10.5', label varchar(4) DEFAULT '1.50');
