CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (
    id serial PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id),
    editor_id integer,
    title text NOT NULL
);
