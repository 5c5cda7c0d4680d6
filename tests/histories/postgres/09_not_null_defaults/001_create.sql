CREATE TABLE settings (
    key text PRIMARY KEY,
    value text,
    enabled boolean,
    updated_at timestamptz
);
