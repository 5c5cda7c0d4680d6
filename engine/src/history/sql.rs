//! The history table's SQL for each dialect: its DDL, the query that reads it, the writes that
//! record progress, and the lock deployers take. Every statement is literal SQL with quoted
//! values, so a host runs it as is, without parameter binding (whose syntax differs by driver).
//! Times come from the database's clock (the engine has none).

use super::RecordStatus;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use serde::{Deserialize, Serialize};

pub const DEFAULT_TABLE: &str = "waymark_migrations";

/// PostgreSQL advisory lock key: "waymark" read as a big-endian integer. Fixed, so every
/// deployer of every version agrees on it.
pub const POSTGRES_LOCK_KEY: i64 = 33_602_696_382_607_979;

/// Columns in the order of `HistoryTable::select`; the host maps each row to an
/// `AppliedRecord` by these names.
pub const COLUMNS: [&str; 10] = [
    "id",
    "checksum",
    "checksum_version",
    "started_at",
    "finished_at",
    "statements_total",
    "statements_applied",
    "status",
    "error",
    "replaced_by",
];

/// The lock that keeps two deployers apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Lock {
    /// Run in order. When `check_result` is set, the last one is a query whose single value is
    /// 1 when the lock was taken (MySQL's GET_LOCK returns 0 after its timeout).
    pub acquire: Vec<String>,
    pub check_result: bool,
    /// Run after the last migration, and after a failure.
    pub release: Vec<String>,
    /// What to report when the lock cannot be taken (timeout, SQLITE_BUSY).
    pub not_acquired: Diagnostic,
}

/// The history table of one dialect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HistoryTable {
    pub dialect: Dialect,
    pub name: String,
}

/// A value in a history row.
pub(crate) enum Value<'a> {
    Text(&'a str),
    Int(u64),
    Null,
    Now,
}

impl HistoryTable {
    pub fn new(dialect: Dialect, name: impl Into<String>) -> Self {
        HistoryTable {
            dialect,
            name: name.into(),
        }
    }

    pub fn quoted_name(&self) -> String {
        quote_ident(self.dialect, &self.name)
    }

    /// `CREATE TABLE IF NOT EXISTS`: safe to run on every deploy, after taking the lock.
    pub fn create(&self) -> String {
        let (text, key, int, time) = match self.dialect {
            Dialect::Postgres => ("text", "text", "integer", "timestamptz"),
            Dialect::Mysql => ("text", "varchar(255)", "int", "datetime(6)"),
            Dialect::Sqlite => ("TEXT", "TEXT", "INTEGER", "TEXT"),
        };
        let short = if self.dialect == Dialect::Mysql {
            "varchar(255)"
        } else {
            text
        };
        format!(
            "CREATE TABLE IF NOT EXISTS {} (\n  id {key} NOT NULL PRIMARY KEY,\n  checksum {short} NOT NULL,\n  \
             checksum_version {int} NOT NULL,\n  started_at {time},\n  finished_at {time},\n  \
             statements_total {int} NOT NULL,\n  statements_applied {int} NOT NULL,\n  status {short} NOT NULL,\n  \
             error {text},\n  replaced_by {short}\n)",
            self.quoted_name()
        )
    }

    /// Reads every row, times as text, in the column order of `COLUMNS`.
    pub fn select(&self) -> String {
        let as_text = |c: &str| match self.dialect {
            Dialect::Postgres => format!("{c}::text AS {c}"),
            Dialect::Mysql => format!("CAST({c} AS CHAR) AS {c}"),
            Dialect::Sqlite => c.to_string(),
        };
        let cols: Vec<String> = COLUMNS
            .iter()
            .map(|c| match *c {
                "started_at" | "finished_at" => as_text(c),
                c => c.to_string(),
            })
            .collect();
        format!(
            "SELECT {} FROM {} ORDER BY id",
            cols.join(", "),
            self.quoted_name()
        )
    }

    pub fn lock(&self, timeout_seconds: u32) -> Lock {
        let (acquire, check_result, release) = match self.dialect {
            Dialect::Postgres => (
                // Session-level: held across the per-migration transactions. It waits as long
                // as the session's lock_timeout allows, so the timeout is set for the wait only.
                vec![
                    format!("SET lock_timeout = '{timeout_seconds}s'"),
                    format!("SELECT pg_advisory_lock({POSTGRES_LOCK_KEY})"),
                    "RESET lock_timeout".to_string(),
                ],
                false,
                vec![format!("SELECT pg_advisory_unlock({POSTGRES_LOCK_KEY})")],
            ),
            Dialect::Mysql => (
                vec![format!("SELECT GET_LOCK('waymark', {timeout_seconds})")],
                true,
                vec!["SELECT RELEASE_LOCK('waymark')".to_string()],
            ),
            // The deploy runs inside one write transaction; each migration is a savepoint.
            Dialect::Sqlite => (
                vec![
                    format!(
                        "PRAGMA busy_timeout = {}",
                        u64::from(timeout_seconds) * 1000
                    ),
                    "BEGIN IMMEDIATE".to_string(),
                ],
                false,
                vec!["COMMIT".to_string()],
            ),
        };
        Lock {
            acquire,
            check_result,
            release,
            not_acquired: Diagnostic::error(
                Code::LockNotAcquired,
                format!(
                    "another deployer holds the migration lock on this database (waited {timeout_seconds} s)"
                ),
            )
            .with_object(self.name.clone())
            .with_hint("wait for the other deploy to finish, then run again: it may already have applied these migrations"),
        }
    }

    /// Inserts the row, or replaces it when one exists (a rolled-back migration run again, a
    /// failure recorded after the start). `keep_started` leaves an existing `started_at`.
    pub(crate) fn upsert(&self, row: &[(&str, Value)], keep_started: bool) -> String {
        let cols: Vec<&str> = row.iter().map(|(c, _)| *c).collect();
        let values: Vec<String> = row.iter().map(|(_, v)| self.value(v)).collect();
        let updated = cols
            .iter()
            .filter(|c| **c != "id" && !(keep_started && **c == "started_at"));
        let set: Vec<String> = match self.dialect {
            Dialect::Mysql => updated.map(|c| format!("{c} = VALUES({c})")).collect(),
            _ => updated.map(|c| format!("{c} = excluded.{c}")).collect(),
        };
        let conflict = match self.dialect {
            Dialect::Mysql => "ON DUPLICATE KEY UPDATE".to_string(),
            _ => "ON CONFLICT (id) DO UPDATE SET".to_string(),
        };
        format!(
            "INSERT INTO {} ({}) VALUES ({}) {conflict} {}",
            self.quoted_name(),
            cols.join(", "),
            values.join(", "),
            set.join(", ")
        )
    }

    pub(crate) fn update(&self, id: &str, set: &[(&str, Value)]) -> String {
        let set: Vec<String> = set
            .iter()
            .map(|(c, v)| format!("{c} = {}", self.value(v)))
            .collect();
        format!(
            "UPDATE {} SET {} WHERE id = {}",
            self.quoted_name(),
            set.join(", "),
            quote_literal(self.dialect, id)
        )
    }

    fn value(&self, v: &Value) -> String {
        match v {
            Value::Text(s) => quote_literal(self.dialect, s),
            Value::Int(n) => n.to_string(),
            Value::Null => "NULL".to_string(),
            Value::Now => match self.dialect {
                Dialect::Postgres => "clock_timestamp()".to_string(),
                Dialect::Mysql => "CURRENT_TIMESTAMP(6)".to_string(),
                Dialect::Sqlite => "strftime('%Y-%m-%d %H:%M:%f', 'now')".to_string(),
            },
        }
    }

    pub(crate) fn status_value(status: RecordStatus) -> Value<'static> {
        Value::Text(status.as_str())
    }
}

/// A string literal. MySQL also reads backslash escapes in literals (unless
/// NO_BACKSLASH_ESCAPES), so backslashes are doubled there. NUL bytes cannot be stored in
/// PostgreSQL text and are dropped.
pub fn quote_literal(dialect: Dialect, s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' if dialect == Dialect::Mysql => out.push_str("\\\\"),
            '\0' => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

pub fn quote_ident(dialect: Dialect, name: &str) -> String {
    match dialect {
        Dialect::Mysql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_survive_quotes_and_backslashes() {
        assert_eq!(
            quote_literal(Dialect::Postgres, r"it's a \n"),
            r"'it''s a \n'"
        );
        assert_eq!(
            quote_literal(Dialect::Mysql, r"it's a \n"),
            r"'it''s a \\n'"
        );
        assert_eq!(quote_ident(Dialect::Mysql, "a`b"), "`a``b`");
        assert_eq!(quote_ident(Dialect::Sqlite, "a\"b"), "\"a\"\"b\"");
    }
}
