CREATE INDEX posts_user_id_idx ON posts (user_id);
CREATE INDEX posts_published_idx ON posts (user_id, title) WHERE published = 1;
