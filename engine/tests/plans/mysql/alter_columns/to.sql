CREATE TABLE t (
  id int NOT NULL PRIMARY KEY,
  f int,
  a varchar(50) DEFAULT 'y',
  b bigint NOT NULL DEFAULT 0,
  c text,
  d enum('x','y','z'),
  e int COMMENT 'new'
);
