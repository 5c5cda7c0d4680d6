ALTER TABLE documents COMMENT = 'All documents';
