CREATE TABLE users (id int PRIMARY KEY, name varchar(50), n int);
CREATE TABLE audit (msg varchar(100));
CREATE TRIGGER users_ai AFTER INSERT ON users FOR EACH ROW INSERT INTO audit VALUES ('insert');
CREATE TRIGGER users_ad AFTER DELETE ON users FOR EACH ROW INSERT INTO audit VALUES ('delete');
