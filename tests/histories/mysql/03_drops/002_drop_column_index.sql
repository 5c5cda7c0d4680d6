ALTER TABLE projects DROP COLUMN legacy_code;
DROP INDEX projects_name_idx ON projects;
