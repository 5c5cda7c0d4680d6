CREATE INDEX events_recent_idx ON events (happened_at DESC);
CREATE INDEX events_title_prefix ON events (title(20), kind);
ALTER TABLE events ADD FULLTEXT INDEX events_body_ft (body);
ALTER TABLE events ADD INDEX events_kind_time (kind, happened_at);
