//! sqldef's per-case flags: which server a case needs, and which planner options it asks for.
//! sqldef compares `min_version`/`max_version` with the server's version string whatever the
//! flavor, so MariaDB 10.11 counts as newer than MySQL 8.0, as in sqldef's own MariaDB runs.

use serde_json::Value;
use waymark::plan::PlanOptions;
use waymark::Dialect;

const SERVERS: &str = "the oracle runs PostgreSQL 15 / MariaDB 10.11";
const PG_VERSION: &[u64] = &[15];
const MARIADB_VERSION: &[u64] = &[10, 11];

/// `Some("needs ...")` when the case cannot run on the oracle's servers.
pub fn needs(dialect: Dialect, flags: &Value) -> Option<String> {
    let text = |k: &str| flags.get(k).and_then(Value::as_str);
    let (server, ours) = match dialect {
        Dialect::Postgres => ("PostgreSQL", PG_VERSION),
        Dialect::Mysql => ("MySQL/MariaDB", MARIADB_VERSION),
        Dialect::Sqlite => return None,
    };
    if let Some(flavor) = text("flavor") {
        if let Some(need) = flavor_need(dialect, flavor) {
            return Some(format!("needs {need}; {SERVERS}"));
        }
    }
    if let Some(min) = text("min_version") {
        if version(min).as_slice() > ours {
            return Some(format!("needs {server} >= {min}; {SERVERS}"));
        }
    }
    if let Some(max) = text("max_version") {
        if version(max).as_slice() < ours {
            return Some(format!("needs {server} <= {max}; {SERVERS}"));
        }
    }
    None
}

/// What a `flavor` needs that MariaDB (or plain Postgres) is not.
fn flavor_need(dialect: Dialect, flavor: &str) -> Option<String> {
    match (dialect, flavor) {
        (Dialect::Mysql, "mariadb") => None,
        (Dialect::Mysql, "!mariadb") => Some("MySQL (flavor !mariadb)".into()),
        (Dialect::Mysql, f) if f.starts_with('!') => None,
        (Dialect::Mysql, "mysql") => Some("MySQL (flavor mysql)".into()),
        (Dialect::Mysql, "tidb") => Some("TiDB (flavor tidb)".into()),
        (Dialect::Postgres, "pgvector") => Some("the pgvector extension (flavor pgvector)".into()),
        (_, f) => Some(format!("flavor {f}")),
    }
}

fn version(text: &str) -> Vec<u64> {
    text.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// `config.create_index_concurrently` asks for Postgres online DDL.
pub fn options(dialect: Dialect, flags: &Value) -> PlanOptions {
    let concurrently = flags
        .pointer("/config/create_index_concurrently")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    PlanOptions {
        online: dialect == Dialect::Postgres && concurrently,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn versions_and_flavors() {
        let pg = Dialect::Postgres;
        let my = Dialect::Mysql;
        assert!(needs(pg, &json!({"min_version": "18.0"})).is_some());
        assert!(needs(pg, &json!({"min_version": "15"})).is_none());
        assert!(needs(pg, &json!({"flavor": "pgvector"})).is_some());
        assert!(needs(my, &json!({"min_version": "8.0"})).is_none());
        assert!(needs(my, &json!({"min_version": "10.2", "flavor": "mariadb"})).is_none());
        assert!(needs(my, &json!({"max_version": "5.7"})).is_some());
        assert!(needs(my, &json!({"flavor": "!tidb"})).is_none());
        assert!(needs(my, &json!({"flavor": "!mariadb"})).is_some());
        assert!(needs(my, &json!({"flavor": "tidb"})).is_some());
        assert!(needs(my, &json!({"flavor": "mysql"})).is_some());
    }
}
