-- Rows the application wrote before the migration: two posts with one title by one author.
INSERT INTO posts (id, user_id, title, content) VALUES (10, 1, 'Hello', 'first'), (11, 1, 'Hello', 'again'), (12, 1, 'Other', NULL);
