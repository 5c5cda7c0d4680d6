CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT COLLATE NOCASE NOT NULL,
    code VARCHAR(10) COLLATE RTRIM,
    weight DOUBLE PRECISION,
    amount DECIMAL(10, 2),
    data BLOB,
    flag BOOLEAN,
    anything
);
