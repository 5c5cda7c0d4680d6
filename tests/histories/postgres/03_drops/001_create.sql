CREATE TABLE projects (
    id integer PRIMARY KEY,
    name text NOT NULL,
    legacy_code varchar(20),
    notes text
);
CREATE TABLE tmp_import (id integer, payload text);
CREATE INDEX projects_name_idx ON projects (name);
