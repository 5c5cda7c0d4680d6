CREATE TABLE events (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb,
    happened_at timestamptz NOT NULL,
    deleted_at timestamptz
);
CREATE INDEX events_kind_idx ON events (kind);
