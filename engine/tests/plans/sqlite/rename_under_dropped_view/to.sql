CREATE TABLE members (id integer PRIMARY KEY, display_name text NOT NULL);
CREATE TABLE posts (id integer PRIMARY KEY, author_id integer REFERENCES members (id), title text);
