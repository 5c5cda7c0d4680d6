ALTER TABLE teams DROP CONSTRAINT teams_org_id_name_key;
