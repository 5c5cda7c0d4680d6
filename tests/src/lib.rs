//! The oracle: proof on real databases. Opens a scratch namespace on PostgreSQL, MariaDB or
//! SQLite, runs SQL there, introspects it with the engine's own queries, and compares the
//! result with what the engine computed in memory.
//!
//! Servers: PostgreSQL on 127.0.0.1:5432 (user postgres, database test) and MariaDB on
//! 127.0.0.1:3306 (root, database test); override with `WAYMARK_PG_URL` / `WAYMARK_MYSQL_URL`.
//! An unreachable server fails the test with the command that starts it; nothing is skipped.

mod connect;
pub mod corpus;
pub mod diff;
pub mod history;
pub mod oracle;
pub mod rows;
mod scratch;
mod split;

pub use scratch::Scratch;

/// The schema a real server reports after running `sql` in a fresh scratch namespace.
pub fn introspect_after(dialect: waymark::Dialect, sql: &str) -> waymark::Schema {
    let mut db = Scratch::open(dialect);
    db.execute(sql)
        .unwrap_or_else(|e| panic!("{dialect} refused the setup SQL: {e}"));
    db.introspect()
        .unwrap_or_else(|e| panic!("introspecting {dialect} failed: {e}"))
}

/// The table `name` of the default namespace, or a panic listing the tables there are.
pub fn table<'s>(schema: &'s waymark::Schema, name: &str) -> &'s waymark::Table {
    schema
        .tables
        .get(&waymark::QualifiedName::bare(name))
        .unwrap_or_else(|| {
            let names: Vec<String> = schema.tables.keys().map(|k| k.to_string()).collect();
            panic!("no table `{name}`; tables: {names:?}")
        })
}
