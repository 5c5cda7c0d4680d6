CREATE EXTENSION pgcrypto;
CREATE TABLE t (id integer, secret bytea DEFAULT gen_random_bytes(8));
