CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE posts (id integer PRIMARY KEY, author_id integer REFERENCES users (id), title text);
CREATE VIEW published_posts AS SELECT p.id, p.title, u.name AS author FROM posts p JOIN users u ON u.id = p.author_id;
