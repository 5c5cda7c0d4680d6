CREATE TABLE users (id int NOT NULL PRIMARY KEY, name varchar(50) NOT NULL, KEY people_name (name));
