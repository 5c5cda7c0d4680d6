CREATE TABLE parent (id integer PRIMARY KEY);
CREATE TABLE child (
  id integer PRIMARY KEY,
  parent_id integer NOT NULL CONSTRAINT child_parent_fk REFERENCES parent (id),
  qty integer CONSTRAINT qty_positive CHECK (qty > 0),
  note text
);
CREATE INDEX child_note ON child (note);
