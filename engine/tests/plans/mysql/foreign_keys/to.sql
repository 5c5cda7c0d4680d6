CREATE TABLE a (id int NOT NULL PRIMARY KEY, code varchar(10) NOT NULL, UNIQUE KEY a_code (code));
CREATE TABLE b (id int NOT NULL PRIMARY KEY, a_id int, a_code varchar(10), KEY b_code_idx (a_code), CONSTRAINT b_code FOREIGN KEY (a_code) REFERENCES a (code));
