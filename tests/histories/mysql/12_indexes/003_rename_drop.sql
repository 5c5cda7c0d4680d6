ALTER TABLE events RENAME INDEX kind TO events_kind_idx;
ALTER TABLE events DROP INDEX events_title_prefix;
