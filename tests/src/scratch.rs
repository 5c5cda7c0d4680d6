//! A scratch namespace on a real server, dropped again when the guard goes out of scope, even
//! when the test panics.

use crate::{connect, rows, split};
use std::collections::BTreeMap;
use waymark::introspect::{self, Row};
use waymark::{Dialect, Schema};

enum Conn {
    Postgres(postgres::Client),
    Mysql(mysql::Conn),
    Sqlite(rusqlite::Connection),
}

/// A fresh, empty namespace that is the connection's default: a Postgres schema first on the
/// search_path, a MariaDB database in use, or an in-memory SQLite database.
pub struct Scratch {
    dialect: Dialect,
    namespace: String,
    conn: Conn,
    /// Set when the scratch is a whole Postgres database (see `open_database`).
    database: Option<String>,
}

impl Scratch {
    pub fn open(dialect: Dialect) -> Scratch {
        let name = connect::unique_name();
        let (namespace, conn) = match dialect {
            Dialect::Postgres => {
                let mut c = connect::postgres();
                c.batch_execute(&format!(
                    "SET client_min_messages = warning; CREATE SCHEMA {name}; SET search_path TO {name}"
                ))
                .unwrap_or_else(|e| panic!("cannot create scratch schema {name}: {e}"));
                (name, Conn::Postgres(c))
            }
            Dialect::Mysql => {
                use mysql::prelude::Queryable;
                let mut c = connect::mysql();
                c.query_drop(format!("CREATE DATABASE {name}"))
                    .and_then(|_| c.query_drop(format!("USE {name}")))
                    .unwrap_or_else(|e| panic!("cannot create scratch database {name}: {e}"));
                (name, Conn::Mysql(c))
            }
            Dialect::Sqlite => {
                let c = rusqlite::Connection::open_in_memory().expect("in-memory SQLite opens");
                c.execute_batch("PRAGMA foreign_keys = ON")
                    .expect("foreign keys on");
                ("main".to_string(), Conn::Sqlite(c))
            }
        };
        Scratch {
            dialect,
            namespace,
            conn,
            database: None,
        }
    }

    /// Like `open`, but on Postgres a fresh database whose `public` schema is the namespace,
    /// for SQL that names `public`, other schemas or extensions (a scratch schema cannot hold
    /// those). Slower than a schema; the other dialects get `open`.
    pub fn open_database(dialect: Dialect) -> Scratch {
        if dialect != Dialect::Postgres {
            return Scratch::open(dialect);
        }
        let name = connect::unique_name();
        connect::postgres()
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("cannot create scratch database {name}: {e}"));
        let mut c = connect::postgres_db(Some(&name)).unwrap_or_else(|e| panic!("{e}"));
        c.batch_execute("SET client_min_messages = warning")
            .expect("session setting");
        Scratch {
            dialect,
            namespace: "public".to_string(),
            conn: Conn::Postgres(c),
            database: Some(name),
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The namespace to introspect; the engine writes its objects with `schema: None`.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// Runs a script; the error names the statement the server refused.
    pub fn execute(&mut self, sql: &str) -> Result<(), String> {
        match &mut self.conn {
            Conn::Postgres(c) => {
                let pg_error = |e: postgres::Error| match e.as_db_error() {
                    Some(db) => format!("{}: {}", db.code().code(), db.message()),
                    None => e.to_string(),
                };
                // One batch is one implicit transaction; CONCURRENTLY needs each statement
                // on its own, as the deploy runs a no-transaction migration.
                if !waymark::history::LocalMigration::new("", sql).wants_no_transaction() {
                    return c.batch_execute(sql).map_err(pg_error);
                }
                for statement in split::statements(self.dialect, sql) {
                    c.batch_execute(&statement)
                        .map_err(|e| format!("{}\n  in: {statement}", pg_error(e)))?;
                }
                Ok(())
            }
            Conn::Mysql(c) => {
                use mysql::prelude::Queryable;
                for statement in split::statements(self.dialect, sql) {
                    c.query_drop(&statement)
                        .map_err(|e| format!("{e}\n  in: {statement}"))?;
                }
                Ok(())
            }
            Conn::Sqlite(c) => c.execute_batch(sql).map_err(|e| e.to_string()),
        }
    }

    /// Rows of one query, as JSON objects keyed by column name.
    pub fn query(&mut self, sql: &str) -> Result<Vec<Row>, String> {
        match &mut self.conn {
            Conn::Postgres(c) => rows::postgres(c, sql),
            Conn::Mysql(c) => rows::mysql(c, sql),
            Conn::Sqlite(c) => rows::sqlite(c, sql),
        }
    }

    /// Runs the engine's catalog queries and builds the schema from their rows.
    pub fn introspect(&mut self) -> Result<Schema, String> {
        let mut results = BTreeMap::new();
        // A scratch database is judged whole: every schema in it, not only the default one.
        let queries = match self.database {
            Some(_) => introspect::database_queries(self.dialect, &self.namespace),
            None => introspect::queries(self.dialect, &self.namespace),
        };
        for q in queries {
            let rows = self
                .query(&q.sql)
                .map_err(|e| format!("introspection query `{}` failed: {e}\n{}", q.id, q.sql))?;
            results.insert(q.id, rows);
        }
        introspect::from_rows(self.dialect, &self.namespace, &results).map_err(|d| d.to_string())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let name = &self.namespace;
        // Best effort: a failed drop must not hide the test's own failure.
        if let Some(db) = &self.database {
            // FORCE ends this guard's own session too.
            if let Ok(mut c) = connect::postgres_db(None) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
            }
            return;
        }
        match &mut self.conn {
            Conn::Postgres(c) => {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"));
            }
            Conn::Mysql(c) => {
                use mysql::prelude::Queryable;
                let _ = c.query_drop(format!("DROP DATABASE IF EXISTS {name}"));
            }
            Conn::Sqlite(_) => {}
        }
    }
}
