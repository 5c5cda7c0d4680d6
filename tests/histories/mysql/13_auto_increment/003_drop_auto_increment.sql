ALTER TABLE tickets MODIFY id int unsigned NOT NULL;
