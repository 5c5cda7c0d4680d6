CREATE TABLE projects (
  id int NOT NULL PRIMARY KEY,
  name varchar(100) NOT NULL,
  legacy_code varchar(20),
  notes text,
  INDEX projects_name_idx (name)
);
CREATE TABLE tmp_import (id int, payload text);
