ALTER TABLE books DROP FOREIGN KEY books_author_fk;
