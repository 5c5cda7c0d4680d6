CREATE INDEX events_recent_idx ON events (happened_at DESC);
CREATE INDEX events_live_idx ON events (kind, happened_at) WHERE deleted_at IS NULL;
CREATE INDEX events_lower_kind_idx ON events (lower(kind));
CREATE UNIQUE INDEX IF NOT EXISTS events_payload_idx ON events (json_extract(payload, '$.id')) WHERE payload IS NOT NULL;
