DROP VIEW published_posts;
ALTER TABLE users RENAME TO members;
ALTER TABLE members RENAME COLUMN name TO display_name;
