CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'happy');
CREATE TABLE app.people (id integer PRIMARY KEY, mood app.mood);
CREATE INDEX people_mood ON app.people (mood);
