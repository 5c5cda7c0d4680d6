CREATE TABLE users (id integer PRIMARY KEY, age integer NOT NULL);
CREATE TABLE logs (id integer PRIMARY KEY, body text);
CREATE TRIGGER users_insert AFTER INSERT ON users BEGIN INSERT INTO logs (body) VALUES ('user inserted'); END;
CREATE TRIGGER users_update AFTER UPDATE OF age ON users WHEN OLD.age <> NEW.age BEGIN INSERT INTO logs (body) VALUES ('age'); END;
