-- The table rebuild migration tools write by hand (sqlite.org/lang_altertable.html).
PRAGMA foreign_keys = off;
CREATE TABLE _players_new (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    score INTEGER NOT NULL DEFAULT 0
);
INSERT INTO _players_new (id, code, score) SELECT id, code, score FROM players;
DROP TABLE players;
ALTER TABLE _players_new RENAME TO players;
CREATE INDEX players_score ON players (score);
PRAGMA foreign_keys = on;
