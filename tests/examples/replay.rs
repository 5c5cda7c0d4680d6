//! The demo host: replays a migration folder in memory with the engine, prints the schema,
//! then runs the same migrations on a real database and checks that both agree.
//! The engine does no I/O; this host reads the files and talks to the database.

use std::path::Path;
use std::process::ExitCode;
use waymark::compare::{differences, Options};
use waymark::replay::Replayer;
use waymark::Dialect;
use waymark_oracle::{read_migrations, Scratch};

const HELP: &str = "usage: replay [--json] [DIR] [postgres|mysql|sqlite]

Replays the migrations in DIR (default examples/sample-history) in memory, prints the
resulting schema, then applies them to a scratch database of the dialect (default sqlite,
embedded) and compares the introspected schema with the replay.

DIR holds either NNNN_name.sql files or one folder per migration with migration.sql.
--json prints one JSON document: {schema, migrations, verified, differences}.
Exit codes: 0 the replay matches the database, 1 error or mismatch.";

fn run(args: &[String]) -> Result<bool, String> {
    let json = args.iter().any(|a| a == "--json");
    let rest: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let dir = rest
        .first()
        .map_or("examples/sample-history", |s| s.as_str());
    let dialect: Dialect = rest
        .get(1)
        .map_or("sqlite", |s| s.as_str())
        .parse()
        .map_err(|d: waymark::Diagnostic| d.to_string())?;
    let migrations = read_migrations(Path::new(dir))?;

    let mut replayer = Replayer::new(dialect);
    let mut db = Scratch::open(dialect);
    for (i, m) in migrations.iter().enumerate() {
        eprintln!("[{}/{}] {}", i + 1, migrations.len(), m.id);
        replayer.apply(m).map_err(|d| d.to_string())?;
        db.execute(&m.sql)
            .map_err(|e| format!("{}: the database refused it: {e}", m.id))?;
    }
    let live = db.introspect()?;
    let replay = replayer.finish();
    let diffs = differences(&replay.schema, &live, Options::default());

    if json {
        let doc = serde_json::json!({
            "schema": waymark::snapshot::to_value(&replay.schema),
            "migrations": replay.migrations,
            "verified": diffs.is_empty(),
            "differences": diffs,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("serialises")
        );
    } else {
        println!("{}", waymark::snapshot::to_json(&replay.schema));
        for m in &replay.migrations {
            for d in &m.diagnostics {
                eprintln!("{d}");
            }
        }
        if diffs.is_empty() {
            eprintln!(
                "verified: the in-memory replay of {} migrations equals what {dialect} built",
                migrations.len()
            );
        } else {
            eprintln!("MISMATCH between the replay and {dialect}:");
            diffs.iter().for_each(|d| eprintln!("  {d}"));
        }
    }
    Ok(diffs.is_empty())
}

fn main() -> ExitCode {
    waymark_oracle::cli_main(HELP, run)
}
