CREATE TABLE events (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind varchar(50) NOT NULL,
  title varchar(255),
  body text,
  happened_at datetime NOT NULL,
  INDEX (kind)
);
