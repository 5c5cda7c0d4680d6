CREATE TABLE documents (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  title varchar(200) NOT NULL COMMENT 'Shown in lists',
  body text
) COMMENT='Uploaded documents';
