-- Defaults as ORMs and dumps write them; the server stores them canonically.
CREATE TABLE flags (
    id integer PRIMARY KEY,
    a boolean DEFAULT 'false',
    b boolean DEFAULT 'true' NOT NULL,
    c boolean DEFAULT 't',
    d boolean DEFAULT 'f',
    code character(3) DEFAULT NULL::bpchar,
    note text DEFAULT NULL::text,
    label character varying(20) DEFAULT NULL::character varying,
    n integer DEFAULT 1
);
ALTER TABLE flags ALTER COLUMN n SET DEFAULT NULL;
ALTER TABLE flags ALTER COLUMN a SET DEFAULT 'true';
ALTER TABLE flags ALTER COLUMN note SET DEFAULT NULL::text;
