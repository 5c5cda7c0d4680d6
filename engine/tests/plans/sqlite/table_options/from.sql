CREATE TABLE items (id integer PRIMARY KEY, name text, data blob);
CREATE TABLE lookup (name text PRIMARY KEY, data text) WITHOUT ROWID;
CREATE INDEX items_name ON items (name);
