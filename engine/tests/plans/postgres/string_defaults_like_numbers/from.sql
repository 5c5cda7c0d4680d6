CREATE TYPE version AS ENUM ('1.0', '1.5', '2');
CREATE TABLE items (
  id integer PRIMARY KEY,
  code text,
  grade char(1),
  v version,
  price numeric DEFAULT 10
);
