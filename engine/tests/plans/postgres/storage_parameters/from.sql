CREATE TABLE events (
  id integer PRIMARY KEY,
  body text,
  doc tsvector
) WITH (fillfactor = 80);
-- Ownership is not part of the schema: noted, never planned.
ALTER TABLE events OWNER TO CURRENT_USER, SET (autovacuum_enabled = false);
CREATE INDEX events_body ON events (body) WITH (fillfactor = 70);
CREATE INDEX events_doc ON events USING gin (doc) WITH (fastupdate = off);
CREATE INDEX events_id_body ON events (id, body);
