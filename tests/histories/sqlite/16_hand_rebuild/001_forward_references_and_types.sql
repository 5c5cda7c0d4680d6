-- SQLite accepts a foreign key to a table (and column) that does not exist yet.
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams (id),
    player_code VARYING CHARACTER(10) REFERENCES players (code),
    captain TEXT REFERENCES teams (captain_code)
);
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
-- Any type name: SQLite gives it an affinity by its words.
CREATE TABLE players (
    id INTEGER PRIMARY KEY,
    code NATIVE CHARACTER(70),
    score UNSIGNED BIG INT NOT NULL DEFAULT 0,
    rating DOUBLE PRECISION,
    mood FOOBAR,
    wins "unsigned small int",
    badge LONG VARBINARY BLOB
);
ALTER TABLE players ADD COLUMN joined DATETIME WITH TIME ZONE;
-- The column the foreign key above names arrives last.
ALTER TABLE teams ADD COLUMN captain_code TEXT;
