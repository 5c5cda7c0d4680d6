CREATE TABLE users (
  id int PRIMARY KEY,
  name varchar(40),
  code varchar(5) CHARACTER SET ascii,
  updated_at datetime DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE posts (
  id int PRIMARY KEY,
  title varchar(40),
  FULLTEXT KEY ft_title (title)
);

CREATE TABLE logs (id int, msg varchar(100)) ENGINE=MyISAM;
