CREATE TABLE measurements (
  id bigint NOT NULL,
  taken_on date NOT NULL,
  reading numeric(8, 2),
  source text,
  PRIMARY KEY (id, taken_on)
) PARTITION BY RANGE (taken_on);
CREATE TABLE measurements_2024 PARTITION OF measurements
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements
  FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE measurements_old PARTITION OF measurements
  FOR VALUES FROM (MINVALUE) TO ('2021-01-01');
CREATE INDEX measurements_reading ON measurements (reading, source);

CREATE TABLE events (id integer NOT NULL, kind text NOT NULL, region smallint) PARTITION BY LIST (kind);
CREATE TABLE events_web PARTITION OF events FOR VALUES IN ('web', 'mobile', 'tv');
CREATE TABLE events_other PARTITION OF events DEFAULT;

CREATE TABLE accounts (id integer NOT NULL PRIMARY KEY, name text NOT NULL) PARTITION BY HASH (id);
CREATE TABLE accounts_0 PARTITION OF accounts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE accounts_1 PARTITION OF accounts FOR VALUES WITH (MODULUS 2, REMAINDER 1);

CREATE TABLE logs (id integer NOT NULL, at timestamp NOT NULL, level integer NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (level);
CREATE TABLE logs_2024_low PARTITION OF logs_2024 FOR VALUES IN (1, 2, 3, -1);
CREATE TABLE logs_2025 PARTITION OF logs FOR VALUES FROM ('2025-01-01 00:00:00') TO ('2026-01-01');
CREATE INDEX measurements_2024_reading_only ON measurements_2024 (taken_on DESC);
ALTER TABLE events_web ADD CONSTRAINT events_web_region_check CHECK (region > 0);
CREATE TABLE regions (id smallint PRIMARY KEY);
ALTER TABLE events_other ADD CONSTRAINT events_other_region_fkey FOREIGN KEY (region) REFERENCES regions (id);
CREATE TABLE measurements_2026 PARTITION OF measurements
  FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX measurements_2026_id ON measurements_2026 (id);
