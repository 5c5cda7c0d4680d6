CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE t (id integer, u uuid DEFAULT uuid_generate_v4(), name citext);
CREATE INDEX t_name ON t (name);
