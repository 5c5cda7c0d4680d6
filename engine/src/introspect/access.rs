//! PostgreSQL privileges, row-level security and policies: catalog queries and their rows.
//!
//! Privileges come from `pg_class.relacl` through `aclexplode`; the owner's own entries are
//! left out (the owner holds every privilege implicitly), PUBLIC (grantee 0) is `public`,
//! and the grantor is not modelled: a privilege held from several grantors is held once,
//! with the grant option if any of them gave it.

use super::build::Scope;
use super::rows::{rows, unknown};
use super::Row;
use crate::canon::policy_expr::normalize_policy_text;
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::model::{canonical_grants, canonical_policies, Grant, Policy, PolicyCommand, Schema};
use std::collections::BTreeMap;

const TABLE_KINDS: &str = "c.relkind IN ('r', 'p') AND NOT c.relispartition";

pub(crate) fn queries(dialect: Dialect, scope: Scope) -> Vec<(&'static str, String)> {
    if dialect != Dialect::Postgres {
        return Vec::new();
    }
    let ns = scope.filter("n.nspname");
    // The table's live columns that carry privileges of their own.
    let columns = "att.attrelid = c.oid AND att.attnum > 0 \
                   AND NOT att.attisdropped AND att.attacl IS NOT NULL";
    let role = |oid: &str| {
        format!(
            "CASE WHEN {oid} = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid({oid})::text END"
        )
    };
    vec![
        (
            "table_access",
            // Only tables with something to say: row security on, or privileges granted on
            // the table or on one of its columns.
            format!(
                "SELECT n.nspname::text AS nsp, c.relname::text AS table_name, \
                 c.relrowsecurity::text AS row_security, \
                 c.relforcerowsecurity::text AS force_row_security, \
                 (SELECT json_agg(json_build_array({}, a.privilege_type, a.is_grantable) \
                    ORDER BY a.grantee, a.privilege_type) \
                  FROM aclexplode(c.relacl) AS a WHERE a.grantee <> c.relowner)::text AS grants, \
                 (SELECT json_agg(json_build_array({}, a.privilege_type, a.is_grantable, att.attname) \
                    ORDER BY att.attnum, a.grantee, a.privilege_type) \
                  FROM pg_catalog.pg_attribute att CROSS JOIN LATERAL aclexplode(att.attacl) AS a \
                  WHERE {columns} AND a.grantee <> c.relowner)::text AS column_grants \
                 FROM pg_catalog.pg_class c \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                 WHERE {ns} AND {TABLE_KINDS} \
                 AND (c.relrowsecurity OR c.relforcerowsecurity OR c.relacl IS NOT NULL \
                   OR EXISTS (SELECT 1 FROM pg_catalog.pg_attribute att WHERE {columns})) \
                 ORDER BY 1, 2",
                role("a.grantee"),
                role("a.grantee"),
            ),
        ),
        (
            "sequence_grants",
            // Privileges on the sequences that serial and identity columns own.
            format!(
                "SELECT n.nspname::text AS nsp, c.relname::text AS table_name, att.attname::text AS column_name, \
                 s.relname::text AS sequence_name, \
                 (SELECT json_agg(json_build_array({}, a.privilege_type, a.is_grantable) \
                    ORDER BY a.grantee, a.privilege_type) \
                  FROM aclexplode(s.relacl) AS a WHERE a.grantee <> s.relowner)::text AS grants \
                 FROM pg_catalog.pg_class s \
                 JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass \
                   AND d.objid = s.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass \
                   AND d.deptype IN ('a', 'i') \
                 JOIN pg_catalog.pg_class c ON c.oid = d.refobjid \
                 JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid AND att.attnum = d.refobjsubid \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                 WHERE {ns} AND {TABLE_KINDS} AND s.relkind = 'S' \
                 AND s.relnamespace = c.relnamespace AND s.relacl IS NOT NULL \
                 ORDER BY 1, 2, 3",
                role("a.grantee")
            ),
        ),
        (
            "policies",
            format!(
                "SELECT n.nspname::text AS nsp, c.relname::text AS table_name, p.polname::text AS name, \
                 p.polcmd::text AS command, p.polpermissive::text AS permissive, \
                 (SELECT json_agg({} ORDER BY r) FROM unnest(p.polroles) AS r)::text AS roles, \
                 pg_get_expr(p.polqual, p.polrelid) AS using_expr, \
                 pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr \
                 FROM pg_catalog.pg_policy p \
                 JOIN pg_catalog.pg_class c ON c.oid = p.polrelid \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                 WHERE {ns} AND {TABLE_KINDS} \
                 ORDER BY 1, 2, 3",
                role("r")
            ),
        ),
    ]
}

pub(crate) fn from_rows(
    dialect: Dialect,
    namespace: &str,
    results: &BTreeMap<String, Vec<Row>>,
    schema: &mut Schema,
) -> Result<(), Diagnostic> {
    if dialect != Dialect::Postgres {
        return Ok(());
    }
    let list = rows(results, "table_access")?;
    for r in list.iter() {
        let name = r.text("table_name")?;
        let grants: Vec<(String, String, bool)> = r.list("grants")?;
        let column_grants: Vec<(String, String, bool, String)> = r.list("column_grants")?;
        let t = schema
            .tables
            .get_mut(&r.key(namespace, "table_name")?)
            .ok_or_else(|| unknown(list.query, &format!("table `{name}`")))?;
        t.row_security.enabled = r.flag("row_security")?;
        t.row_security.forced = r.flag("force_row_security")?;
        let whole = grants
            .into_iter()
            .map(|(role, p, option)| (role, p, option, None));
        let columns = column_grants
            .into_iter()
            .map(|(role, p, option, column)| (role, p, option, Some(column)));
        t.grants = whole
            .chain(columns)
            .map(|(role, privilege, with_grant_option, column)| Grant {
                role,
                column,
                sequence: None,
                privileges: vec![privilege.to_ascii_uppercase()],
                with_grant_option,
            })
            .collect();
        canonical_grants(&mut t.grants);
    }
    let list = rows(results, "sequence_grants")?;
    for r in list.iter() {
        let name = r.text("table_name")?;
        let (column, sequence) = (r.text("column_name")?, r.text("sequence_name")?);
        let grants: Vec<(String, String, bool)> = r.list("grants")?;
        let t = schema
            .tables
            .get_mut(&r.key(namespace, "table_name")?)
            .ok_or_else(|| unknown(list.query, &format!("table `{name}`")))?;
        t.grants.extend(
            grants
                .into_iter()
                .map(|(role, privilege, with_grant_option)| Grant {
                    role,
                    column: Some(column.clone()),
                    sequence: Some(sequence.clone()),
                    privileges: vec![privilege.to_ascii_uppercase()],
                    with_grant_option,
                }),
        );
        canonical_grants(&mut t.grants);
    }
    let list = rows(results, "policies")?;
    for r in list.iter() {
        let name = r.text("table_name")?;
        let mut roles: Vec<String> = r.list("roles")?;
        if roles.is_empty() || roles.iter().any(|r| r == "public") {
            roles = vec!["public".into()];
        }
        let policy = Policy {
            name: r.text("name")?,
            command: match r.text("command")?.as_str() {
                "r" => PolicyCommand::Select,
                "a" => PolicyCommand::Insert,
                "w" => PolicyCommand::Update,
                "d" => PolicyCommand::Delete,
                _ => PolicyCommand::All,
            },
            restrictive: !r.flag("permissive")?,
            roles,
            using: None,
            with_check: None,
        };
        let t = schema
            .tables
            .get_mut(&r.key(namespace, "table_name")?)
            .ok_or_else(|| unknown(list.query, &format!("table `{name}`")))?;
        let expr = |e: String| normalize_policy_text(&e, &t.columns);
        let policy = Policy {
            using: r.opt("using_expr")?.map(expr),
            with_check: r.opt("check_expr")?.map(expr),
            ..policy
        };
        t.policies.push(policy);
        canonical_policies(&mut t.policies);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QualifiedName;
    use crate::model::{Column, Table};
    use serde_json::json;

    #[test]
    fn rows_to_grants_row_security_and_policies() {
        let mut schema = Schema::empty(Dialect::Postgres);
        let mut t = Table::new(QualifiedName::bare("t"));
        t.columns.push(Column::new("id", "integer"));
        t.columns.push(Column::new("tenant", "bigint"));
        schema.tables.insert(t.name.clone(), t);
        let row = |v: serde_json::Value| v.as_object().unwrap().clone();
        let mut results = BTreeMap::new();
        results.insert(
            "table_access".to_string(),
            vec![row(json!({
                "table_name": "t", "row_security": "true", "force_row_security": "false",
                "grants": "[[\"app\",\"SELECT\",false],[\"app\",\"INSERT\",true],[\"app\",\"SELECT\",true],[\"public\",\"SELECT\",false]]",
                "column_grants": "[[\"app\",\"UPDATE\",false,\"tenant\"]]"
            }))],
        );
        results.insert(
            "sequence_grants".to_string(),
            vec![row(json!({
                "table_name": "t", "column_name": "id", "sequence_name": "t_id_seq",
                "grants": "[[\"app\",\"USAGE\",false]]"
            }))],
        );
        results.insert(
            "policies".to_string(),
            vec![row(json!({
                "table_name": "t", "name": "p", "command": "r", "permissive": "false",
                "roles": "[\"public\",\"app\"]",
                "using_expr": "((tenant)::text = current_setting('x'::text))", "check_expr": null
            }))],
        );
        from_rows(Dialect::Postgres, "public", &results, &mut schema).unwrap();
        let t = &schema.tables[&QualifiedName::bare("t")];
        assert!(t.row_security.enabled && !t.row_security.forced);
        let got: Vec<String> = t
            .grants
            .iter()
            .map(|g| {
                format!(
                    "{} {:?} {:?} {} {}",
                    g.role,
                    g.column,
                    g.sequence,
                    g.privileges.join(","),
                    g.with_grant_option
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "app None None INSERT,SELECT true",
                "app Some(\"id\") Some(\"t_id_seq\") USAGE false",
                "app Some(\"tenant\") None UPDATE false",
                "public None None SELECT false",
            ]
        );
        let p = &t.policies[0];
        assert_eq!(p.command, PolicyCommand::Select);
        assert!(p.restrictive);
        assert_eq!(p.roles, ["public"]);
        assert_eq!(
            p.using.as_deref(),
            Some("tenant::text = current_setting('x')")
        );
    }
}
