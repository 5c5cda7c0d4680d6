CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts (id),
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL
);
CREATE VIEW recent_comments AS
    SELECT c.id, c.body, p.title FROM comments c JOIN posts p ON p.id = c.post_id;
ALTER TABLE posts RENAME COLUMN body TO content;
INSERT INTO users (email) VALUES ('seed@example.com');
