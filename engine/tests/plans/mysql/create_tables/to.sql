CREATE TABLE users (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  email varchar(200) NOT NULL COMMENT 'login',
  kind enum('a','b') NOT NULL DEFAULT 'a',
  score decimal(10,2) DEFAULT NULL,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY users_email (email),
  KEY users_kind_score (kind, score),
  CONSTRAINT score_positive CHECK (score >= 0)
) COMMENT='people';
CREATE TABLE posts (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  title varchar(100) NOT NULL,
  CONSTRAINT posts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE VIEW recent AS SELECT id, email FROM users WHERE id > 10;
