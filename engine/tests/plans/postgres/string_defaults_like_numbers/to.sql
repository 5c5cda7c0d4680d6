CREATE TYPE version AS ENUM ('1.0', '1.5', '2');
CREATE TABLE items (
  id integer PRIMARY KEY,
  code text DEFAULT '007',
  grade char(1) DEFAULT '5',
  v version DEFAULT '1.5',
  price numeric DEFAULT '10.50',
  label varchar(10) DEFAULT '1e3'
);
