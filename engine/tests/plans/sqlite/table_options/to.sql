CREATE TABLE items (id integer PRIMARY KEY, name text, data any) STRICT;
CREATE TABLE lookup (name text PRIMARY KEY, data text);
CREATE INDEX items_name ON items (name);
CREATE TABLE kv (k text PRIMARY KEY, v any) STRICT, WITHOUT ROWID;
