CREATE TABLE members (id integer PRIMARY KEY, display_name varchar(100) NOT NULL);
CREATE TABLE posts (id integer PRIMARY KEY, author_id integer, title varchar(100), FOREIGN KEY (author_id) REFERENCES members (id));
