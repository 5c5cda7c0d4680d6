//! Small pieces every dialect's reader shares: quoting the namespace into SQL, finding the
//! table a row belongs to, canonical expressions.

use super::rows::unknown;
use crate::canon::expr::{column_default, is_null, normalize_expr_text, parse_expr, typed_default};
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::model::{FkAction, QualifiedName, Schema, Table};

/// A SQL string literal. MySQL also treats backslashes as escapes by default.
pub(crate) fn sql_string(dialect: Dialect, s: &str) -> String {
    let mut body = s.replace('\'', "''");
    if dialect == Dialect::Mysql {
        body = body.replace('\\', "\\\\");
    }
    format!("'{body}'")
}

/// Which namespaces one run of the queries reads. Names in `default` are bare in the model,
/// like unqualified names in SQL; `whole` (PostgreSQL) reads every user namespace of the
/// database, not only `default`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scope<'a> {
    pub default: &'a str,
    pub whole: bool,
}

impl Scope<'_> {
    /// The SQL condition on a namespace-name column that picks the namespaces read.
    pub fn filter(&self, column: &str) -> String {
        match self.whole {
            // pg_catalog, pg_toast and the temporary namespaces all start with `pg_`.
            true => format!("({column} <> 'information_schema' AND {column} !~ '^pg_')"),
            false => format!("{column} = {}", sql_string(Dialect::Postgres, self.default)),
        }
    }
}

/// The table in the introspected namespace that a row of `query` names.
pub(crate) fn table_mut<'s>(
    schema: &'s mut Schema,
    query: &str,
    name: &str,
) -> Result<&'s mut Table, Diagnostic> {
    table_at(schema, query, &QualifiedName::bare(name))
}

/// The table that a row of `query` names, in any namespace.
pub(crate) fn table_at<'s>(
    schema: &'s mut Schema,
    query: &str,
    name: &QualifiedName,
) -> Result<&'s mut Table, Diagnostic> {
    schema
        .tables
        .get_mut(name)
        .ok_or_else(|| unknown(query, &format!("table `{name}`")))
}

/// An expression as the server printed it, canonicalised like ingestion does. Text the
/// parser cannot read is kept as printed rather than failing the whole introspection.
pub(crate) fn expr(dialect: Dialect, text: &str) -> String {
    normalize_expr_text(dialect, text).unwrap_or_else(|_| text.trim().to_string())
}

/// The default of a column of canonical type `data_type`; `DEFAULT NULL` is no default.
pub(crate) fn default_expr(dialect: Dialect, data_type: &str, text: &str) -> Option<String> {
    let parsed = parse_expr(dialect, text);
    // `NULL::bpchar` (what the server keeps for `DEFAULT NULL` on some types) is no default.
    if parsed.as_ref().is_some_and(is_null) {
        return None;
    }
    let e = match &parsed {
        Some(p) => typed_default(dialect, data_type, p),
        None => column_default(data_type, text.trim().to_string()),
    };
    (!e.eq_ignore_ascii_case("NULL")).then_some(e)
}

/// The model's name for an object in namespace `ns` seen from `introspected`.
pub(crate) fn qualified(ns: Option<String>, introspected: &str, name: String) -> QualifiedName {
    QualifiedName::new(ns.filter(|s| s != introspected), name)
}

/// `ON DELETE`/`ON UPDATE` as information_schema and SQLite spell them.
pub(crate) fn fk_action(rule: &str) -> FkAction {
    match rule.to_ascii_uppercase().as_str() {
        "CASCADE" => FkAction::Cascade,
        "SET NULL" => FkAction::SetNull,
        "SET DEFAULT" => FkAction::SetDefault,
        "RESTRICT" => FkAction::Restrict,
        _ => FkAction::NoAction,
    }
}

/// The explicit NULLS FIRST/LAST of an index part, kept only where it differs from the
/// direction's default (NULLS LAST ascending, NULLS FIRST descending).
pub(crate) fn explicit_nulls(descending: bool, nulls_first: bool) -> Option<bool> {
    (nulls_first != descending).then_some(nulls_first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes() {
        assert_eq!(sql_string(Dialect::Postgres, "o'k\\"), "'o''k\\'");
        assert_eq!(sql_string(Dialect::Mysql, "o'k\\"), "'o''k\\\\'");
    }

    #[test]
    fn nulls_order_only_when_not_default() {
        assert_eq!(explicit_nulls(false, false), None);
        assert_eq!(explicit_nulls(true, true), None);
        assert_eq!(explicit_nulls(false, true), Some(true));
        assert_eq!(explicit_nulls(true, false), Some(false));
    }
}
