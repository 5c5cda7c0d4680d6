CREATE TABLE events (
  id integer PRIMARY KEY,
  body text,
  doc tsvector
) WITH (fillfactor = '90');
ALTER TABLE events SET (toast.autovacuum_enabled = false);
CREATE INDEX events_body ON events (body) WITH (fillfactor = '60', deduplicate_items = off);
CREATE INDEX events_doc ON events USING gin (doc);
CREATE INDEX events_id_body ON events (id, body) WITH (fillfactor = 50);
ALTER INDEX events_doc SET (gin_pending_list_limit = 128);
