CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT,
    happened_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX events_kind_idx ON events (kind);
