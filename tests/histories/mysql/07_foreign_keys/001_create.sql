CREATE TABLE authors (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(100) NOT NULL);
CREATE TABLE books (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id int NOT NULL,
  editor_id int,
  title varchar(200) NOT NULL,
  FOREIGN KEY (author_id) REFERENCES authors (id)
);
