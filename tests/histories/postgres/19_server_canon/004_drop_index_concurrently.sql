-- waymark:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS audit_id_invitation;
DROP INDEX CONCURRENTLY IF EXISTS no_such_index;
