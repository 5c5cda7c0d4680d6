CREATE TABLE authors (id bigint PRIMARY KEY, name text);
CREATE TABLE books (
  id bigint PRIMARY KEY,
  author_id bigint REFERENCES authors (id) ON DELETE CASCADE
);
CREATE TABLE reviews (
  id bigint PRIMARY KEY,
  book_id bigint,
  CONSTRAINT reviews_book_fk FOREIGN KEY (book_id) REFERENCES books (id)
);
