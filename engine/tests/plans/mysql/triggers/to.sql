CREATE TABLE users (id int PRIMARY KEY, name varchar(50), n int);
CREATE TABLE audit (msg varchar(100));
CREATE TRIGGER users_ai AFTER INSERT ON users FOR EACH ROW INSERT INTO audit VALUES (CONCAT('insert ', NEW.name));
CREATE TRIGGER users_bu BEFORE UPDATE ON users FOR EACH ROW
BEGIN
  IF NEW.n IS NULL THEN
    SET NEW.n = 0;
  END IF;
END;
