CREATE TABLE users (id integer PRIMARY KEY, age integer NOT NULL, name text);
CREATE TABLE logs (id integer PRIMARY KEY, body text);
CREATE VIEW adults AS SELECT id, age FROM users WHERE age >= 18;
CREATE TRIGGER users_insert AFTER INSERT ON users BEGIN INSERT INTO logs (body) VALUES ('inserted'); END;
CREATE TRIGGER users_delete BEFORE DELETE ON users BEGIN INSERT INTO logs (body) VALUES ('deleted'); END;
CREATE TRIGGER adults_insert INSTEAD OF INSERT ON adults BEGIN INSERT INTO users (id, age) VALUES (NEW.id, NEW.age); END;
