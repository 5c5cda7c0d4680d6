ALTER INDEX events_kind_idx RENAME TO events_by_kind;
DROP INDEX events_nulls_idx;
