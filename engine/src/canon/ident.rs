//! Identifier case rules per dialect.

use crate::dialect::{Dialect, IdentCase};
use crate::model::QualifiedName;
use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};

/// The name the server stores for an identifier as written.
pub fn ident(dialect: Dialect, id: &Ident) -> String {
    let name = match (dialect.ident_case(), id.quote_style) {
        // PostgreSQL folds only ASCII letters in a UTF-8 database.
        (IdentCase::FoldLower, None) => id.value.to_ascii_lowercase(),
        _ => id.value.clone(),
    };
    match dialect {
        Dialect::Postgres => truncate_pg(name),
        _ => name,
    }
}

/// PostgreSQL keeps NAMEDATALEN - 1 = 63 bytes of a name, cut at a character boundary.
pub fn truncate_pg(mut name: String) -> String {
    const MAX: usize = 63;
    if name.len() > MAX {
        let mut n = MAX;
        while !name.is_char_boundary(n) {
            n -= 1;
        }
        name.truncate(n);
    }
    name
}

/// The namespace every unqualified name lives in; written as `None` in the model.
pub fn default_namespace(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "public",
        Dialect::Mysql => "",
        Dialect::Sqlite => "main",
    }
}

/// `Some(ns)` unless `ns` is the default namespace.
pub fn namespace(dialect: Dialect, ns: Option<String>) -> Option<String> {
    ns.filter(|s| !s.is_empty() && s != default_namespace(dialect))
}

fn part(dialect: Dialect, p: &ObjectNamePart) -> String {
    match p {
        ObjectNamePart::Identifier(id) => ident(dialect, id),
        other => other.to_string(),
    }
}

/// `schema.name` or `name` → a qualified name; the default namespace becomes `None`.
/// MySQL's `db.table` names a database; it is kept as the namespace.
pub fn object_name(dialect: Dialect, name: &ObjectName) -> QualifiedName {
    let parts: Vec<String> = name.0.iter().map(|p| part(dialect, p)).collect();
    match parts.as_slice() {
        [] => QualifiedName::bare(""),
        [n] => QualifiedName::bare(n.clone()),
        [.., s, n] => QualifiedName::new(namespace(dialect, Some(s.clone())), n.clone()),
    }
}

/// Whether two column names denote the same column. MySQL and SQLite column names are
/// case-insensitive; Postgres compares the stored (folded) names exactly.
pub fn same_column(dialect: Dialect, a: &str, b: &str) -> bool {
    match dialect.ident_case() {
        IdentCase::FoldLower => a == b,
        IdentCase::Preserve => a.eq_ignore_ascii_case(b),
    }
}
