CREATE TABLE users (
  id int PRIMARY KEY,
  name varchar(40),
  code varchar(5) CHARACTER SET ascii,
  updated_at datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE posts (
  id int PRIMARY KEY,
  title varchar(40),
  body text,
  FULLTEXT KEY ft_body (body)
);

CREATE TABLE logs (id int, msg varchar(100));

CREATE TABLE places (id int, loc point NOT NULL, SPATIAL KEY sp (loc)) ENGINE=Aria;
