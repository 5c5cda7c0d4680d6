CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    slug TEXT UNIQUE,
    name TEXT NOT NULL,
    org_id INTEGER NOT NULL,
    UNIQUE (org_id, name)
);
