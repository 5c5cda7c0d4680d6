ALTER TABLE memberships ADD COLUMN joined_at TEXT;
