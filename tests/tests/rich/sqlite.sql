CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email VARCHAR(255) NOT NULL UNIQUE,
    name TEXT COLLATE NOCASE DEFAULT 'anon',
    score REAL NOT NULL DEFAULT 0.0 CHECK (score >= 0),
    created_at TEXT DEFAULT CURRENT_TIMESTAMP,
    flags INT,
    email_lower TEXT GENERATED ALWAYS AS (lower(email)) VIRTUAL,
    score2 REAL AS (score * 2) STORED,
    UNIQUE (name, created_at),
    CHECK (flags IS NULL OR flags > 0)
);
CREATE UNIQUE INDEX users_lower_idx ON users (lower(email));
CREATE INDEX users_recent_idx ON users (created_at DESC, name) WHERE flags > 1;
CREATE TABLE posts (
    user_id INTEGER NOT NULL REFERENCES users ON DELETE CASCADE,
    slug TEXT NOT NULL,
    editor_id INTEGER,
    body BLOB,
    PRIMARY KEY (user_id, slug),
    FOREIGN KEY (editor_id) REFERENCES users (id) ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED
);
CREATE VIEW user_posts AS WITH p AS (SELECT * FROM posts) SELECT u.id, p.slug FROM users u JOIN p ON p.user_id = u.id;
