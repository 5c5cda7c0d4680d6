ALTER TABLE users ADD COLUMN display_name varchar(100) NULL AFTER email;
ALTER TABLE users ADD COLUMN age tinyint unsigned DEFAULT NULL;
