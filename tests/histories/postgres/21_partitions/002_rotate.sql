CREATE TABLE measurements_2025 (
  id bigint NOT NULL,
  taken_on date NOT NULL,
  reading numeric(8, 2)
);
ALTER TABLE measurements ATTACH PARTITION measurements_2025
  FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
DROP TABLE measurements_2023;
CREATE TABLE logs_2024_high PARTITION OF logs_2024 DEFAULT;
