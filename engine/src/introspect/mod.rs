//! Introspection as data. The engine never connects to a database: it hands the host the
//! catalog queries for a dialect ([`queries`]), the host runs them all in one round and passes
//! the rows back ([`from_rows`]), and the engine turns them into the same canonical [`Schema`]
//! that SQL ingestion produces.
//!
//! Every query selects text or NULL only, so any driver (pg, mysql2, better-sqlite3, psycopg,
//! pymysql, sqlite3) returns the same JSON. Lists are aggregated as JSON arrays in SQL.

// `Diagnostic` is large; whether to box it is decided crate-wide in diag.rs.

mod access;
mod build;
mod mysql;
mod pg_objects;
mod postgres;
mod reads;
mod routines;
mod rows;
mod sqlite;

use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::model::Schema;
use build::Scope;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One catalog query for the host to run; its rows go back under `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IntrospectionQuery {
    pub id: String,
    pub sql: String,
}

/// One result row, keyed by column name.
pub type Row = serde_json::Map<String, serde_json::Value>;

/// The catalog queries for one namespace: a Postgres schema (`public`), a MySQL database
/// name, or a SQLite schema (`main`). None depends on another's result, so a host can run
/// them in any order, or all at once.
pub fn queries(dialect: Dialect, namespace: &str) -> Vec<IntrospectionQuery> {
    scoped(
        dialect,
        Scope {
            default: namespace,
            whole: false,
        },
    )
}

/// The catalog queries for a whole PostgreSQL database: every schema but the system ones,
/// with the names of `default` (the one first on the search_path, usually `public`) bare and
/// all others qualified, and the schemas themselves. A MySQL database and a SQLite file are
/// one namespace each, so there this is [`queries`]. The rows go to [`from_rows`] with the
/// same `default`.
pub fn database_queries(dialect: Dialect, default: &str) -> Vec<IntrospectionQuery> {
    scoped(
        dialect,
        Scope {
            default,
            whole: dialect == Dialect::Postgres,
        },
    )
}

fn scoped(dialect: Dialect, scope: Scope) -> Vec<IntrospectionQuery> {
    let namespace = scope.default;
    let mut list = match dialect {
        Dialect::Postgres => postgres::queries(scope),
        Dialect::Mysql => mysql::queries(namespace),
        Dialect::Sqlite => sqlite::queries(namespace),
    };
    list.extend(routines::queries(dialect, scope));
    list.extend(pg_objects::queries(dialect, scope));
    list.extend(access::queries(dialect, scope));
    list.into_iter()
        .map(|(id, sql)| IntrospectionQuery {
            id: id.to_string(),
            sql,
        })
        .collect()
}

/// Builds the schema from the rows of every query in [`queries`] (or [`database_queries`]),
/// keyed by query id. Objects in `namespace` get `schema: None`, like unqualified names in SQL.
pub fn from_rows(
    dialect: Dialect,
    namespace: &str,
    results: &BTreeMap<String, Vec<Row>>,
) -> Result<Schema, Diagnostic> {
    let mut schema = match dialect {
        Dialect::Postgres => postgres::from_rows(namespace, results),
        Dialect::Mysql => mysql::from_rows(namespace, results),
        Dialect::Sqlite => sqlite::from_rows(namespace, results),
    }?;
    routines::from_rows(dialect, namespace, results, &mut schema)?;
    pg_objects::from_rows(dialect, namespace, results, &mut schema)?;
    access::from_rows(dialect, namespace, results, &mut schema)?;
    // Catalog order is not stable; ingestion uses the same canonical order.
    schema.tables.values_mut().for_each(|t| t.sort_members());
    Ok(schema)
}

#[cfg(test)]
mod tests;
