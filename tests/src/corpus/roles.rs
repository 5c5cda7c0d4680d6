//! Roles a PostgreSQL case grants to or names in policies must exist before its SQL runs:
//! sqldef's `flags.managed_roles` (and `flags.manage.privilege[].target` when it is a plain
//! name), plus every role the engine reads from the case's GRANT statements and policies.
//! Roles belong to the whole server, so they are created once, idempotently, and left in
//! place; dropping a scratch schema or database takes the grants on its tables along.

use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Mutex;
use waymark::Dialect;

/// The roles a case needs, by the names the server stores (PUBLIC is no role).
pub fn needed(dialect: Dialect, flags: &Value, sqls: &[&str]) -> Vec<String> {
    if dialect != Dialect::Postgres {
        return Vec::new();
    }
    let mut out = BTreeSet::new();
    if let Some(list) = flags.get("managed_roles").and_then(Value::as_array) {
        out.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
    }
    if let Some(list) = flags.pointer("/manage/privilege").and_then(Value::as_array) {
        let plain =
            |s: &&str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        out.extend(
            list.iter()
                .filter_map(|m| m.get("target").and_then(Value::as_str))
                .filter(plain)
                .map(str::to_string),
        );
    }
    for sql in sqls {
        let lower = sql.to_ascii_lowercase();
        if !lower.contains("grant") && !lower.contains("policy") {
            continue;
        }
        // A case the engine cannot read names its roles in flags, or fails anyway.
        let parsed = std::panic::catch_unwind(|| waymark::ingest::parse_schema(dialect, sql).ok());
        if let Ok(Some((schema, _))) = parsed {
            for t in schema.tables.values() {
                out.extend(t.grants.iter().map(|g| g.role.clone()));
                out.extend(t.policies.iter().flat_map(|p| p.roles.iter().cloned()));
            }
        }
    }
    out.retain(|r| !r.eq_ignore_ascii_case("public"));
    out.into_iter().collect()
}

/// Creates the roles that do not exist yet (`CREATE ROLE`; "already exists", also from a
/// concurrent run racing on the same name, counts as success).
pub fn ensure(roles: &[String]) -> Result<(), String> {
    static DONE: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
    let missing: Vec<&String> = roles.iter().filter(|r| !done.contains(*r)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut client = crate::connect::postgres_db(None)?;
    for role in missing {
        let exists = client
            .query_opt(
                "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1",
                &[role],
            )
            .map_err(|e| format!("cannot look up role {role}: {e}"))?;
        if exists.is_some() {
            // Predefined roles (pg_monitor, ...) cannot be created, only used.
            done.insert(role.clone());
            continue;
        }
        let quoted = format!("\"{}\"", role.replace('"', "\"\""));
        if let Err(e) = client.batch_execute(&format!("CREATE ROLE {quoted}")) {
            let exists = e.code().is_some_and(|c| {
                *c == postgres::error::SqlState::DUPLICATE_OBJECT
                    || *c == postgres::error::SqlState::UNIQUE_VIOLATION
            });
            if !exists {
                return Err(format!("cannot create role {quoted}: {e}"));
            }
        }
        done.insert(role.clone());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn roles_from_flags_and_sql() {
        let flags = json!({"managed_roles": ["app_user", "PUBLIC"],
                           "manage": {"privilege": [{"target": "user\\d"}, {"target": "ro"}]}});
        let sql = "CREATE TABLE t (id int); GRANT SELECT ON t TO \"User-X\", PUBLIC; \
                   CREATE POLICY p ON t TO reader USING (true);";
        assert_eq!(
            needed(Dialect::Postgres, &flags, &[sql]),
            ["User-X", "app_user", "reader", "ro"]
        );
        assert!(needed(Dialect::Mysql, &flags, &[sql]).is_empty());
    }
}
