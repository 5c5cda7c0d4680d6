-- Grantees are roles every PostgreSQL server has, so the oracle can run this.
CREATE TABLE docs (id bigint PRIMARY KEY, title text, body text, secret text);
GRANT SELECT ON docs TO pg_monitor;
GRANT SELECT (id, title), UPDATE (title) ON docs TO pg_monitor;
GRANT SELECT (secret) ON docs TO pg_read_all_stats;
GRANT INSERT (body) ON docs TO pg_read_all_stats WITH GRANT OPTION;
