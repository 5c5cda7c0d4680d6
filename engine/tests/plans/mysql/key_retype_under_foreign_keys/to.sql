CREATE TABLE authors (id bigint PRIMARY KEY, name text);
CREATE TABLE books (
  id int PRIMARY KEY,
  author_id bigint,
  CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE
);
