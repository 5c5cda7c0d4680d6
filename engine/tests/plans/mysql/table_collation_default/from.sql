-- The table goes back to the database's default collation, which SQL does not name.
CREATE TABLE t (
  a varchar(10),
  b varchar(10) COLLATE latin1_bin,
  c text CHARACTER SET utf8mb4,
  n int
) DEFAULT CHARSET=latin1;
