CREATE TABLE a (id int NOT NULL PRIMARY KEY, code varchar(10) NOT NULL, UNIQUE KEY a_code (code));
CREATE TABLE b (id int NOT NULL PRIMARY KEY, a_id int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));
