CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    legacy_code VARCHAR(20),
    notes TEXT
);
CREATE TABLE tmp_import (id INTEGER, payload TEXT);
CREATE INDEX projects_name_idx ON projects (name);
