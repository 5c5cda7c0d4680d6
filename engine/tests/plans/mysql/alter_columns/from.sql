CREATE TABLE t (
  id int NOT NULL PRIMARY KEY,
  a varchar(10) DEFAULT 'x',
  b int,
  c text NOT NULL,
  d enum('x','y'),
  e int COMMENT 'old'
);
