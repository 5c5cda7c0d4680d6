CREATE TABLE settings (
  name varchar(100) NOT NULL PRIMARY KEY,
  value text,
  enabled tinyint(1),
  retries int,
  updated_at timestamp NULL
);
