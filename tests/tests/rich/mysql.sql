CREATE TABLE users (
    id int(11) unsigned NOT NULL AUTO_INCREMENT,
    email varchar(255) NOT NULL,
    name varchar(100) COLLATE utf8mb4_bin DEFAULT 'anon',
    nickname varchar(50) DEFAULT NULL,
    status enum('active','banned') NOT NULL DEFAULT 'active',
    score decimal(10,2) NOT NULL DEFAULT 0.00,
    is_admin tinyint(1) NOT NULL DEFAULT 0,
    settings json,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    email_domain varchar(255) AS (substring_index(email, '@', -1)) VIRTUAL,
    score_x2 decimal(12,2) AS (score * 2) STORED,
    bio text COMMENT 'about me',
    PRIMARY KEY (id),
    UNIQUE KEY users_email_uq (email),
    KEY users_name_idx (name(20), created_at DESC),
    FULLTEXT KEY users_bio_ft (bio),
    CONSTRAINT score_positive CHECK (score >= 0),
    CHECK (status <> 'banned' OR is_admin = 0)
) ENGINE=InnoDB COMMENT='people';
CREATE TABLE posts (
    id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id int unsigned NOT NULL,
    editor_id int unsigned,
    title varchar(200) NOT NULL,
    CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    FOREIGN KEY (editor_id) REFERENCES users (id) ON DELETE SET NULL ON UPDATE RESTRICT
);
CREATE VIEW user_posts AS SELECT u.id, p.title FROM users u JOIN posts p ON p.user_id = u.id;
