CREATE TABLE documents (id serial PRIMARY KEY, title text NOT NULL, body text);
COMMENT ON TABLE documents IS 'Uploaded documents';
COMMENT ON COLUMN documents.title IS 'Shown in lists';
