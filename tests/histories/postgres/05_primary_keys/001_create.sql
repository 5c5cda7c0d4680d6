CREATE TABLE memberships (
    id serial PRIMARY KEY,
    user_id integer NOT NULL,
    group_id integer NOT NULL
);
