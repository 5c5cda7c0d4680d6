CREATE INDEX events_recent_idx ON events (happened_at DESC);
CREATE INDEX events_live_idx ON events (kind, happened_at) WHERE deleted_at IS NULL;
CREATE INDEX events_payload_idx ON events USING gin (payload);
CREATE INDEX ON events (lower(kind));
CREATE INDEX events_nulls_idx ON events (deleted_at NULLS FIRST);
