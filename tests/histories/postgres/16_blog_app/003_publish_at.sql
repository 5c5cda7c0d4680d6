ALTER TABLE posts ADD COLUMN published_at timestamptz;
UPDATE posts SET published_at = now() WHERE published;
ALTER TABLE posts DROP COLUMN published;
CREATE INDEX posts_published_idx ON posts (published_at DESC) WHERE published_at IS NOT NULL;
CREATE VIEW published_posts AS SELECT p.id, p.title, u.name AS author FROM posts p JOIN users u ON u.id = p.author_id WHERE p.published_at IS NOT NULL;
