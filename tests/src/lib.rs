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
pub mod host;
pub mod oracle;
pub mod recovery;
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

/// Both layouts hosts support: a flat folder of .sql files, or a folder per migration.
pub fn read_migrations(dir: &std::path::Path) -> Result<Vec<waymark::replay::Migration>, String> {
    let mut entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    let mut out = Vec::new();
    for p in entries {
        let file = if p.is_dir() {
            p.join("migration.sql")
        } else {
            p.clone()
        };
        if file.extension().is_none_or(|x| x != "sql") || !file.is_file() {
            continue;
        }
        // `ID.down.sql` is the down of `ID.sql` (docs/history.md, `waymark new`), not a migration.
        if !p.is_dir() && file.to_string_lossy().ends_with(".down.sql") {
            continue;
        }
        let id = p
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let sql = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        out.push(waymark::replay::Migration::new(id, sql));
    }
    if out.is_empty() {
        return Err(format!("no migrations in {}", dir.display()));
    }
    Ok(out)
}

/// The demo hosts' `main`: `--help` prints `help`; otherwise `run` decides: `Ok(true)` exits
/// 0, `Ok(false)` (a mismatch) and `Err` (printed) exit 1.
pub fn cli_main(help: &str, run: fn(&[String]) -> Result<bool, String>) -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{help}");
        return std::process::ExitCode::SUCCESS;
    }
    match run(&args) {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
