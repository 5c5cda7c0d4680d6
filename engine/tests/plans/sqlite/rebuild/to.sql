CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', UNIQUE (name));
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE, qty INTEGER CHECK (qty > 0));
CREATE INDEX child_parent ON child (parent_id);
CREATE VIEW names AS SELECT name FROM parent;
