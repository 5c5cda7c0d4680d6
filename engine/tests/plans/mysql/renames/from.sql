CREATE TABLE people (id int NOT NULL PRIMARY KEY, full_name varchar(50) NOT NULL, KEY people_name (full_name));
