-- Where the sample history should go next: the demo plans from the replayed history to this.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    signup_date TEXT,
    display_name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(title) <= 200),
    content TEXT,
    published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1))
);
CREATE INDEX posts_user_id_idx ON posts (user_id);
CREATE INDEX posts_published_idx ON posts (user_id, title) WHERE published = 1;

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts (id),
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL
);
CREATE VIEW recent_comments AS
    SELECT c.id, c.body, p.title FROM comments c JOIN posts p ON p.id = c.post_id;

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
