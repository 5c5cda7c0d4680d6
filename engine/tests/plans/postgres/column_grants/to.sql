-- Revoking SELECT on the table takes SELECT on its columns along: the plan grants back
-- the column privileges that stay, including one on a column it adds.
CREATE TABLE docs (id bigint PRIMARY KEY, title text, body text, summary text);
GRANT SELECT (id, title, summary), UPDATE (title) ON docs TO pg_monitor;
GRANT INSERT (body) ON docs TO pg_read_all_stats;
