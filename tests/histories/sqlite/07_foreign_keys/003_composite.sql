CREATE TABLE reviews (
    book_id INTEGER NOT NULL,
    author_id INTEGER NOT NULL,
    stars INTEGER,
    FOREIGN KEY (book_id) REFERENCES books (id) ON UPDATE CASCADE ON DELETE RESTRICT,
    FOREIGN KEY (author_id) REFERENCES authors
);
