CREATE TABLE teams (
    id integer PRIMARY KEY,
    slug text UNIQUE,
    name text NOT NULL,
    org_id integer NOT NULL,
    UNIQUE (org_id, name)
);
