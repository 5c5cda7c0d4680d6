CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE TABLE app.people (id integer PRIMARY KEY, mood app.mood, name text);
CREATE TABLE people (id integer PRIMARY KEY, nick text);
