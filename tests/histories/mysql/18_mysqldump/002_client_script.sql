-- A script for the mysql client: stored programs between DELIMITER // and DELIMITER ;.
SET @saved_cs_client = @@character_set_client;
DELIMITER //
CREATE PROCEDURE count_books(IN a int, OUT n int)
BEGIN
  SELECT COUNT(*) INTO n FROM books WHERE author_id = a;
END //
CREATE TRIGGER books_touch BEFORE UPDATE ON books FOR EACH ROW
BEGIN
  SET NEW.title = TRIM(NEW.title);
END//
DELIMITER ;
ALTER TABLE books ADD COLUMN isbn varchar(20) NULL;
DELIMITER $$
CREATE FUNCTION book_count() RETURNS int DETERMINISTIC
BEGIN
  RETURN (SELECT COUNT(*) FROM books);
END$$
DELIMITER ;
SET character_set_client = @saved_cs_client;
