CREATE TABLE users (id integer PRIMARY KEY, name varchar(100) NOT NULL);
CREATE TABLE posts (id integer PRIMARY KEY, author_id integer, title varchar(100), FOREIGN KEY (author_id) REFERENCES users (id));
CREATE VIEW published_posts AS SELECT p.id, p.title, u.name AS author FROM posts p JOIN users u ON u.id = p.author_id;
