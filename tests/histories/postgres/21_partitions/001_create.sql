CREATE TABLE measurements (
  id bigint NOT NULL,
  taken_on date NOT NULL,
  reading numeric(8, 2),
  PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2023 PARTITION OF measurements
  FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE measurements_2024 PARTITION OF measurements
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_old PARTITION OF measurements
  FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
CREATE INDEX measurements_reading ON measurements (reading);

CREATE TABLE events (id integer NOT NULL, kind text NOT NULL, region smallint) PARTITION BY LIST (kind);
CREATE TABLE events_web PARTITION OF events FOR VALUES IN ('web', 'mobile');
CREATE TABLE events_other PARTITION OF events DEFAULT;

CREATE TABLE accounts (id integer NOT NULL PRIMARY KEY, name text) PARTITION BY HASH (id);
CREATE TABLE accounts_0 PARTITION OF accounts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE accounts_1 PARTITION OF accounts FOR VALUES WITH (MODULUS 2, REMAINDER 1);

CREATE TABLE logs (id integer NOT NULL, at timestamp NOT NULL, level integer NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (level);
CREATE TABLE logs_2024_low PARTITION OF logs_2024 FOR VALUES IN (1, 2, -1);
