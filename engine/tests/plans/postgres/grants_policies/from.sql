-- Grantees are PUBLIC and roles every PostgreSQL server has, so the oracle can run this.
CREATE TABLE accounts (id bigint PRIMARY KEY, tenant_id integer, owner text, note text);
GRANT SELECT, INSERT ON accounts TO pg_monitor;
GRANT SELECT ON accounts TO pg_read_all_stats WITH GRANT OPTION;
GRANT UPDATE ON accounts TO PUBLIC;
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY by_tenant ON accounts USING (tenant_id = 1);
CREATE POLICY tenant_guard ON accounts AS RESTRICTIVE USING (tenant_id > 0);
CREATE POLICY by_owner ON accounts FOR SELECT TO pg_monitor USING (owner = current_user);
CREATE POLICY by_note ON accounts USING (note <> '');
CREATE POLICY readers ON accounts FOR SELECT USING (true);
