ALTER TABLE notes ADD COLUMN archived_at TEXT;
CREATE INDEX notes_active_idx ON notes (user_id, pinned DESC) WHERE archived_at IS NULL;
CREATE VIEW active_notes AS SELECT n.id, n.title, u.email FROM notes n JOIN users u ON u.id = n.user_id WHERE n.archived_at IS NULL;
ALTER TABLE users RENAME COLUMN name TO display_name;
