CREATE TABLE users (id integer PRIMARY KEY, age integer NOT NULL);
CREATE TABLE logs (id integer PRIMARY KEY, body text);
CREATE TRIGGER users_insert AFTER INSERT ON users BEGIN INSERT INTO logs (body) VALUES ('inserted'); END;
CREATE TRIGGER users_delete BEFORE DELETE ON users BEGIN INSERT INTO logs (body) VALUES ('deleted'); END;
