//! The plan demo host: plans the way from one schema to another with the engine, prints the
//! steps, then proves the plan on a real database: the up script must reach the target and
//! the down script must come back. The engine does no I/O; this host reads the files and
//! talks to the database.

use std::path::Path;
use std::process::ExitCode;
use waymark::compare::{differences, Options};
use waymark::diff::{MigrationPair, RenameHints};
use waymark::plan::{plan, Plan, PlanOptions};
use waymark::replay::Migration;
use waymark::source::{load, SchemaSource};
use waymark::{Dialect, Schema};
use waymark_oracle::{read_migrations, Scratch};

const HELP: &str = "usage: plan [--json] [--online] [FROM] [TO] [postgres|mysql|sqlite]

Plans the migration from FROM to TO (defaults: examples/sample-history and
examples/target-schema.sql, sqlite) and prints each step: its summary, hazards,
reversibility, up and down SQL. FROM and TO are each a .sql file, a migration folder
(replayed in memory) or `empty`. Then it proves the plan on a scratch database of the
dialect (SQLite is embedded): it builds FROM there, runs the up script one statement at a
time, compares what the server reports with TO built in a second scratch database, runs the
down script and compares with FROM.

--online   Postgres: CREATE INDEX CONCURRENTLY, NOT VALID + VALIDATE.
--json     one JSON document: {plan, up, down, verified, differences}.
Exit codes: 0 the plan is proven, 1 error or mismatch.";

/// A source and the SQL that builds it on a server.
fn read(arg: &str) -> Result<(SchemaSource, Vec<Migration>), String> {
    let path = Path::new(arg);
    if arg == "empty" {
        return Ok((SchemaSource::Empty, Vec::new()));
    }
    if path.is_dir() {
        let migrations = read_migrations(path)?;
        return Ok((
            SchemaSource::History {
                migrations: migrations.clone(),
            },
            migrations,
        ));
    }
    let sql = std::fs::read_to_string(path).map_err(|e| format!("cannot read {arg}: {e}"))?;
    Ok((
        SchemaSource::Sql { sql: sql.clone() },
        vec![Migration::new(arg, sql)],
    ))
}

fn schema(dialect: Dialect, source: &SchemaSource) -> Result<Schema, String> {
    let (schema, notes) = load(dialect, source).map_err(|d| d.to_string())?;
    notes.iter().for_each(|n| eprintln!("{n}"));
    Ok(schema)
}

fn build(dialect: Dialect, migrations: &[Migration]) -> Result<Scratch, String> {
    let mut db = Scratch::open(dialect);
    for m in migrations {
        db.execute(&m.sql)
            .map_err(|e| format!("{}: the database refused it: {e}", m.id))?;
    }
    Ok(db)
}

/// Runs every statement of `steps` (up or down), one at a time, with progress.
fn apply(db: &mut Scratch, plan: &Plan, up: bool) -> Result<(), String> {
    let total = plan.steps.len();
    let order: Vec<usize> = if up {
        (0..total).collect()
    } else {
        (0..total).rev().collect()
    };
    for (n, &i) in order.iter().enumerate() {
        let step = &plan.steps[i];
        let sql = if up { &step.up } else { &step.down };
        eprintln!(
            "[{}/{total}] {} {}",
            n + 1,
            if up { "up" } else { "down" },
            step.summary.join("; ")
        );
        for stmt in sql {
            db.execute(stmt)
                .map_err(|e| format!("the database refused `{stmt}`: {e}"))?;
        }
    }
    Ok(())
}

fn print_plan(plan: &Plan) {
    for (i, step) in plan.steps.iter().enumerate() {
        println!(
            "-- step {}: {} [{:?}{}]",
            i + 1,
            step.summary.join("; "),
            step.reversibility,
            if step.transactional {
                ""
            } else {
                ", outside a transaction"
            }
        );
        for h in &step.hazards {
            println!("--   hazard {}: {}", h.code, h.message);
        }
    }
    for s in &plan.suggestions {
        println!("-- note: {s}");
    }
    println!("\n-- up\n{}", plan.up_script());
    println!("-- down\n{}", plan.down_script());
}

fn run(args: &[String]) -> Result<bool, String> {
    let json = args.iter().any(|a| a == "--json");
    let options = PlanOptions {
        online: args.iter().any(|a| a == "--online"),
    };
    let rest: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    let from_arg = rest.first().copied().unwrap_or("examples/sample-history");
    let to_arg = rest.get(1).copied().unwrap_or("examples/target-schema.sql");
    let dialect: Dialect = rest
        .get(2)
        .copied()
        .unwrap_or("sqlite")
        .parse()
        .map_err(|d: waymark::Diagnostic| d.to_string())?;
    let (from_src, from_sql) = read(from_arg)?;
    let (to_src, to_sql) = read(to_arg)?;
    let (previous, next) = (schema(dialect, &from_src)?, schema(dialect, &to_src)?);
    let pair = MigrationPair {
        previous: &previous,
        next: &next,
    };
    let plan = plan(pair, &RenameHints::default(), &options).map_err(|d| d.to_string())?;

    let mut db = build(dialect, &from_sql)?;
    let before = db.introspect()?;
    let target = build(dialect, &to_sql)?.introspect()?;
    apply(&mut db, &plan, true)?;
    let after_up = differences(&db.introspect()?, &target, Options::default());
    let after_down = if plan.reversibility() == waymark::plan::Reversibility::Irreversible {
        Vec::new()
    } else {
        apply(&mut db, &plan, false)?;
        differences(&db.introspect()?, &before, Options::default())
    };
    let verified = after_up.is_empty() && after_down.is_empty();
    if json {
        let doc = serde_json::json!({
            "plan": plan,
            "up": plan.up_script(),
            "down": plan.down_script(),
            "verified": verified,
            "differences": { "after_up": after_up, "after_down": after_down },
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("serialises")
        );
    } else {
        print_plan(&plan);
        if verified {
            eprintln!(
                "verified on {dialect}: the up script reaches the target and the down script restores the start"
            );
        }
        for (when, diffs) in [("after up", &after_up), ("after down", &after_down)] {
            if !diffs.is_empty() {
                eprintln!("MISMATCH {when}:");
                diffs.iter().for_each(|d| eprintln!("  {d}"));
            }
        }
    }
    Ok(verified)
}

fn main() -> ExitCode {
    waymark_oracle::cli_main(HELP, run)
}
