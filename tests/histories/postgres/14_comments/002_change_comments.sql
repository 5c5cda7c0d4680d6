COMMENT ON TABLE documents IS 'All documents';
COMMENT ON COLUMN documents.title IS NULL;
COMMENT ON COLUMN documents.body IS 'Markdown';
