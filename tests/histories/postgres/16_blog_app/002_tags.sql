CREATE TABLE tags (id serial PRIMARY KEY, name varchar(50) NOT NULL UNIQUE);
CREATE TABLE post_tags (
    post_id bigint NOT NULL REFERENCES posts ON DELETE CASCADE,
    tag_id integer NOT NULL REFERENCES tags ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);
