CREATE TABLE t (id integer PRIMARY KEY, name varchar(50), gone integer);
CREATE VIEW v AS SELECT id, name FROM t;
CREATE VIEW vv AS SELECT name FROM v;
CREATE VIEW w AS SELECT id FROM t WHERE id > 1;
