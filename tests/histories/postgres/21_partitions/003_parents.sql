ALTER TABLE measurements ADD COLUMN source text;
CREATE INDEX measurements_source ON measurements (source);
ALTER TABLE measurements ALTER COLUMN reading TYPE numeric(10, 2);
ALTER TABLE events RENAME TO app_events;
CREATE TABLE events_mail PARTITION OF app_events FOR VALUES IN ('mail');
DROP TABLE accounts;
DROP TABLE logs;
