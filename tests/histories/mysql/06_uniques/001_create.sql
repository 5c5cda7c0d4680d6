CREATE TABLE teams (
  id int NOT NULL PRIMARY KEY,
  slug varchar(64) UNIQUE,
  name varchar(100) NOT NULL,
  org_id int NOT NULL,
  UNIQUE KEY (org_id, name)
);
