-- Privileges on the sequences of serial columns. Grantees are roles every PostgreSQL
-- server has, so the oracle can run this.
CREATE TABLE counters (id bigint PRIMARY KEY, n serial, old serial);
GRANT USAGE, SELECT, UPDATE ON SEQUENCE counters_n_seq TO pg_monitor;
GRANT USAGE ON SEQUENCE counters_old_seq TO pg_monitor;
GRANT SELECT ON counters TO pg_monitor;
