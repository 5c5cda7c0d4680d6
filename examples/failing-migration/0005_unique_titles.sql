-- waymark:no-transaction
ALTER TABLE posts DROP COLUMN content;
CREATE UNIQUE INDEX posts_user_title ON posts (user_id, title);
ALTER TABLE posts ADD COLUMN slug TEXT;
