DROP TABLE IF EXISTS tmp_import;
ALTER TABLE projects DROP notes;
