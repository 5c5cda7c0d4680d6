//! The recovery demo host: deploys a migration history to a real database, writes some rows,
//! then deploys a migration that fails halfway. It prints the engine's recovery plan (what ran,
//! the rows the failure tripped on, roll back with what it loses, roll forward, resume,
//! resolve) and proves it on the database: roll back gives the schema before the migration;
//! on a second copy, after the fix, roll forward gives the schema after it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use waymark::history::{status, History, LocalMigration, OrderingPolicy, State};
use waymark::recover::{recover, RecoverOptions, RecoveryPlan};
use waymark::replay::{replay, Migration};
use waymark::{Dialect, Schema};
use waymark_oracle::host::{deploy, read_records, Db};
use waymark_oracle::recovery::{live, mismatch, take, Way};
use waymark_oracle::{read_migrations, Scratch};

const HELP: &str = "usage: recover [--json] [HISTORY] [FAILING] [postgres|mysql|sqlite]

Deploys the migration folder HISTORY (default examples/sample-history) to a scratch database
of the dialect (default sqlite, embedded), runs FAILING/data.sql (default
examples/failing-migration), then deploys the one migration in FAILING, which fails. Prints
the recovery plan: the failed statement and the database's error, the diagnostic queries
with the rows they find, the roll back (and what it loses), the roll forward, the resume and
the history writes that resolve the migration. Then it proves the plan: roll back on this
database must give the schema before the migration; on a second database brought to the same
failure, FAILING/fix.sql then the roll forward must give the schema after it.

--json     one JSON document: {recovery, found, verified}.
Exit codes: 0 the recovery is proven, 1 error or mismatch.";

struct Setup {
    dialect: Dialect,
    history: Vec<LocalMigration>,
    failing: LocalMigration,
    data: String,
    fix: String,
}

fn read(dir: &Path, name: &str) -> Result<String, String> {
    std::fs::read_to_string(dir.join(name))
        .map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()))
}

fn setup(history: &Path, failing: &Path, dialect: Dialect) -> Result<Setup, String> {
    let local = |m: Migration| LocalMigration::new(m.id, m.sql);
    let history: Vec<LocalMigration> = read_migrations(history)?.into_iter().map(local).collect();
    let mut sqls: Vec<PathBuf> = std::fs::read_dir(failing)
        .map_err(|e| format!("cannot read {}: {e}", failing.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .filter(|p| !["data.sql", "fix.sql"].iter().any(|n| p.ends_with(n)))
        .collect();
    sqls.sort();
    let [path] = sqls.as_slice() else {
        return Err(format!(
            "{} must hold one migration besides data.sql and fix.sql",
            failing.display()
        ));
    };
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    let sql = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    Ok(Setup {
        dialect,
        history,
        failing: LocalMigration::new(id, sql),
        data: read(failing, "data.sql")?,
        fix: read(failing, "fix.sql")?,
    })
}

impl Setup {
    fn all(&self) -> Vec<LocalMigration> {
        let mut all = self.history.clone();
        all.push(self.failing.clone());
        all
    }

    fn schema(&self, with_failing: bool) -> Result<Schema, String> {
        let ms: Vec<Migration> = self
            .all()
            .into_iter()
            .take(self.history.len() + usize::from(with_failing))
            .map(|m| Migration::new(m.id, m.sql))
            .collect();
        Ok(replay(self.dialect, &ms).map_err(|d| d.to_string())?.schema)
    }

    /// A database where the failing migration just failed, and the engine's plan for it.
    fn failed(&self) -> Result<(Scratch, RecoveryPlan, String), String> {
        let d = self.dialect;
        let mut db = Scratch::open(d);
        deploy(&mut db, d, &self.history, OrderingPolicy::Strict)?;
        db.execute(&self.data)?;
        let error = match deploy(&mut db, d, &self.all(), OrderingPolicy::Strict) {
            Ok(_) => return Err(format!("{} did not fail", self.failing.id)),
            Err(e) => e,
        };
        let history = History::new(d, self.all(), read_records(&mut db, d));
        let now = live(&mut db);
        let plan = recover(
            &history,
            &self.failing.id,
            Some(&now),
            &RecoverOptions::default(),
        )
        .map_err(|e| e.to_string())?;
        Ok((db, plan, error))
    }

    fn state(&self, db: &mut Scratch) -> Result<State, String> {
        let h = History::new(self.dialect, self.all(), read_records(db, self.dialect));
        let s = status(&h, OrderingPolicy::Strict).map_err(|d| d.to_string())?;
        Ok(s.entries.last().map(|e| e.state).unwrap_or(State::Pending))
    }
}

fn print(plan: &RecoveryPlan, found: &[(String, String)]) {
    plan.summary.iter().for_each(|l| println!("{l}"));
    for n in &plan.notes {
        println!("note: {n}");
    }
    for (q, (sql, rows)) in plan.diagnostics.iter().zip(found) {
        println!(
            "\ndiagnostic [{}]: {}\n  {sql}\n  rows: {rows}",
            q.code, q.message
        );
    }
    println!("\n-- roll back ({:?})", plan.roll_back.reversibility());
    for s in &plan.roll_back.steps {
        s.lost.iter().for_each(|l| println!("-- loses: {l}"));
    }
    for c in &plan.roll_back.pre_checks {
        println!("-- pre-check (must be 0): {}  -- {}", c.sql, c.message);
    }
    print!("{}", plan.roll_back.script());
    if let Some(f) = &plan.roll_forward {
        println!("\n-- roll forward");
        print!("{}", f.plan.up_script());
    }
    let resume: Vec<&str> = plan
        .resume
        .migration
        .statements
        .iter()
        .map(|s| s.sql.as_str())
        .collect();
    println!(
        "\n-- resume from statement {} ({}):\n{};",
        plan.resume.first + 1,
        if plan.resume.ready {
            "ready"
        } else {
            "blocked"
        },
        resume.join(";\n")
    );
    println!(
        "\n-- resolve as rolled back:\n{};",
        plan.resolve.rolled_back.join(";\n")
    );
    println!(
        "-- resolve as applied:\n{};",
        plan.resolve.applied.join(";\n")
    );
}

fn run(args: &[String]) -> Result<bool, String> {
    let json = args.iter().any(|a| a == "--json");
    let rest: Vec<&str> = args
        .iter()
        .map(|s| s.as_str())
        .filter(|a| !a.starts_with("--"))
        .collect();
    let history = rest.first().copied().unwrap_or("examples/sample-history");
    let failing = rest.get(1).copied().unwrap_or("examples/failing-migration");
    let dialect: Dialect = rest
        .get(2)
        .copied()
        .unwrap_or("sqlite")
        .parse()
        .map_err(|d: waymark::Diagnostic| d.to_string())?;
    let s = setup(Path::new(history), Path::new(failing), dialect)?;

    // Roll back on the failed database.
    let (mut db, plan, error) = s.failed()?;
    eprintln!("deploy: {error}");
    let found: Vec<(String, String)> = plan
        .diagnostics
        .iter()
        .map(|q| {
            let rows = Db::query(&mut db, &q.sql).map_err(|e| format!("{}: {e}", q.sql))?;
            Ok((
                q.sql.clone(),
                serde_json::to_string(&rows).expect("rows serialise"),
            ))
        })
        .collect::<Result<_, String>>()?;
    take(&mut db, &plan, Way::Back)?;
    let back = mismatch(
        &s.schema(false)?,
        &live(&mut db),
        dialect != Dialect::Postgres,
    );
    let back_state = s.state(&mut db)?;

    // Fix and roll forward on a second database.
    let (mut db2, plan2, _) = s.failed()?;
    db2.execute(&s.fix)?;
    take(&mut db2, &plan2, Way::Forward)?;
    let ahead = mismatch(
        &s.schema(true)?,
        &live(&mut db2),
        dialect != Dialect::Postgres,
    );
    let ahead_state = s.state(&mut db2)?;

    let verified = back.is_none()
        && ahead.is_none()
        && back_state == State::RolledBack
        && ahead_state == State::Applied;
    if json {
        let doc = serde_json::json!({ "recovery": plan, "found": found, "verified": verified });
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("serialises")
        );
    } else {
        print(&plan, &found);
    }
    if verified {
        eprintln!("verified on {dialect}: roll back restores the schema before {} (status rolled back); after the fix, roll forward completes it (status applied)", s.failing.id);
    }
    if let Some(m) = back {
        eprintln!("MISMATCH after roll back:\n  {m}");
    }
    if let Some(m) = ahead {
        eprintln!("MISMATCH after roll forward:\n  {m}");
    }
    Ok(verified)
}

fn main() -> ExitCode {
    waymark_oracle::cli_main(HELP, run)
}
