-- Postgres prints an IN list over a varchar column as `(col)::text = ANY ((ARRAY[...])::text[])`.
CREATE TABLE tickets (
    id serial PRIMARY KEY,
    state varchar(16) NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    priority smallint CHECK (priority BETWEEN 1 AND 5)
);
ALTER TABLE tickets ADD CONSTRAINT tickets_state_not_other CHECK (state NOT IN ('other', 'unknown'));
