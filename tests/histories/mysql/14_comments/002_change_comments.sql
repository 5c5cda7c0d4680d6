ALTER TABLE documents MODIFY body mediumtext COMMENT 'Markdown';
ALTER TABLE documents MODIFY title varchar(200) NOT NULL;
