CREATE TABLE tickets (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number bigserial,
    title text
);
CREATE TABLE labels (id integer NOT NULL, name text);
