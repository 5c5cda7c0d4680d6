CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email varchar(200) NOT NULL UNIQUE,
  mood mood DEFAULT 'ok',
  score numeric(10,2) CHECK (score >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE users IS 'people';
COMMENT ON COLUMN users.email IS 'login';
CREATE TABLE posts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  tags text[] DEFAULT '{}'
);
CREATE INDEX posts_title_lower ON posts (lower(title));
CREATE UNIQUE INDEX posts_user_title ON posts (user_id, title) WHERE title <> '';
CREATE VIEW recent AS SELECT id, email FROM users WHERE id > 10;
