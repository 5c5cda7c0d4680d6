-- Grantees are PUBLIC and roles every PostgreSQL server has, so the oracle can run this.
CREATE TABLE accounts (id bigint PRIMARY KEY, tenant_id bigint, owner text);
GRANT SELECT ON accounts TO pg_monitor WITH GRANT OPTION;
GRANT SELECT, DELETE ON accounts TO pg_read_all_stats;
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY by_tenant ON accounts USING (tenant_id = 2);
CREATE POLICY tenant_guard ON accounts AS RESTRICTIVE USING (tenant_id > 0);
CREATE POLICY by_owner ON accounts FOR SELECT TO pg_monitor, pg_read_all_stats USING (owner = current_user);
CREATE POLICY readers ON accounts AS RESTRICTIVE FOR SELECT USING (true);
CREATE TABLE audit (id bigint, at timestamptz);
GRANT INSERT ON audit TO pg_monitor;
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY writers ON audit FOR INSERT TO pg_monitor WITH CHECK (true);
