CREATE TABLE drafts (id int PRIMARY KEY, body text);
ALTER TABLE drafts RENAME notes;
ALTER TABLE notes RENAME AS memos;
ALTER TABLE memos RENAME TO jottings, ADD COLUMN pinned bool NOT NULL DEFAULT 0;
