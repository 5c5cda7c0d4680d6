DROP INDEX events_kind_idx;
DROP INDEX IF EXISTS no_such_idx;
