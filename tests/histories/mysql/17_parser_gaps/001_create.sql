CREATE TABLE documents (id int NOT NULL PRIMARY KEY, title varchar(200)) COMMENT='Uploaded documents';
