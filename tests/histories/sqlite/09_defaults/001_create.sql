CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT DEFAULT '',
    enabled BOOLEAN NOT NULL DEFAULT 1,
    retries INT DEFAULT 3,
    ratio REAL DEFAULT 0.5
);
