//! The existence checks of idempotent `DO` blocks (`IF NOT EXISTS (SELECT 1 FROM pg_type
//! WHERE typname = 'x')`), answered from the schema in memory. Conditions on columns not
//! listed here (a namespace, a kind) are ignored: they narrow the same name.

use super::ctx::Ctx;
use super::do_block::Check;
use crate::model::Table;

pub fn exists(ctx: &Ctx, check: &Check) -> bool {
    let want = |col: &str| {
        check
            .conditions
            .iter()
            .find(|(c, _)| c == col)
            .map(|(_, v)| v.as_str())
    };
    let s = &ctx.schema;
    let table = |name: &str| s.tables.values().find(|t| t.name.name == name);
    match check.catalog.as_str() {
        "pg_type" => want("typname").is_some_and(|n| {
            // Tables and views have a row type of their name.
            s.enums.keys().any(|k| k.name == n)
                || s.domains.keys().any(|k| k.name == n)
                || table(n).is_some()
                || s.views.keys().any(|k| k.name == n)
        }),
        "pg_constraint" => want("conname").is_some_and(|n| {
            s.tables
                .values()
                .any(|t| constraint_names(t).any(|c| c == n))
        }),
        "table_constraints" | "key_column_usage" => want("constraint_name").is_some_and(|n| {
            s.tables
                .values()
                .filter(|t| want("table_name").is_none_or(|tn| t.name.name == tn))
                .any(|t| constraint_names(t).any(|c| c == n))
        }),
        "pg_class" => want("relname").is_some_and(|n| {
            table(n).is_some()
                || s.views.keys().any(|k| k.name == n)
                || s.tables.values().any(|t| index_names(t).any(|i| i == n))
        }),
        "pg_indexes" => want("indexname")
            .is_some_and(|n| s.tables.values().any(|t| index_names(t).any(|i| i == n))),
        "tables" => want("table_name").is_some_and(|n| table(n).is_some()),
        "columns" => match (want("table_name"), want("column_name")) {
            (Some(t), Some(c)) => table(t).is_some_and(|t| t.columns.iter().any(|x| x.name == c)),
            _ => false,
        },
        "pg_namespace" | "schemata" => want("nspname")
            .or(want("schema_name"))
            .is_some_and(|n| n == "public" || s.namespaces.iter().any(|x| x == n)),
        "pg_extension" => want("extname").is_some_and(|n| s.extensions.contains_key(n)),
        _ => false,
    }
}

/// Whether the check reads a catalog `exists` knows, with a condition it uses.
pub fn understood(check: &Check) -> bool {
    let has = |c: &str| check.conditions.iter().any(|(x, _)| x == c);
    match check.catalog.as_str() {
        "pg_type" => has("typname"),
        "pg_constraint" => has("conname"),
        "table_constraints" | "key_column_usage" => has("constraint_name"),
        "pg_class" => has("relname"),
        "pg_indexes" => has("indexname"),
        "tables" => has("table_name"),
        "columns" => has("table_name") && has("column_name"),
        "pg_namespace" => has("nspname"),
        "schemata" => has("schema_name"),
        "pg_extension" => has("extname"),
        _ => false,
    }
}

fn constraint_names(t: &Table) -> impl Iterator<Item = &str> {
    t.primary_key
        .iter()
        .filter_map(|p| p.name.as_deref())
        .chain(t.uniques.iter().filter_map(|u| u.name.as_deref()))
        .chain(t.foreign_keys.iter().filter_map(|f| f.name.as_deref()))
        .chain(t.checks.iter().filter_map(|c| c.name.as_deref()))
}

/// Indexes, with those of primary keys and unique constraints (named as their constraint).
fn index_names(t: &Table) -> impl Iterator<Item = &str> {
    t.indexes
        .iter()
        .map(|i| i.name.as_str())
        .chain(t.primary_key.iter().filter_map(|p| p.name.as_deref()))
        .chain(t.uniques.iter().filter_map(|u| u.name.as_deref()))
}
