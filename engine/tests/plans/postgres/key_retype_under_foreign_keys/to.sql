CREATE TABLE authors (id text PRIMARY KEY, name text);
CREATE TABLE books (
  id text PRIMARY KEY,
  author_id text REFERENCES authors (id) ON DELETE CASCADE
);
CREATE TABLE reviews (
  id bigint PRIMARY KEY,
  book_id text,
  CONSTRAINT reviews_book_fk FOREIGN KEY (book_id) REFERENCES books (id)
);
