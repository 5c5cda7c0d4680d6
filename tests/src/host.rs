//! A host loop over the engine's sans-I/O history protocol (the one docs/history.md and
//! docs/recovery.md describe): take the lock, read the history table, plan, run statement by
//! statement with progress, record failures. Tests can make one statement fail on purpose.

use crate::Scratch;
use serde_json::Value;
use waymark::history::{
    deploy_plan, prelude, AppliedRecord, DeployOptions, History, LocalMigration, Lock,
    OrderingPolicy,
};
use waymark::introspect::Row;
use waymark::Dialect;

/// What a host needs from a connection.
pub trait Db {
    fn exec(&mut self, sql: &str) -> Result<(), String>;
    fn query(&mut self, sql: &str) -> Result<Vec<Row>, String>;
}

impl Db for Scratch {
    fn exec(&mut self, sql: &str) -> Result<(), String> {
        self.execute(sql)
    }
    fn query(&mut self, sql: &str) -> Result<Vec<Row>, String> {
        Scratch::query(self, sql)
    }
}

/// Statement `at` (0-based) of migration `id` fails with `error` instead of running.
#[derive(Debug, Clone)]
pub struct Inject {
    pub id: String,
    pub at: usize,
    pub error: String,
}

pub fn options(policy: OrderingPolicy) -> DeployOptions {
    DeployOptions {
        policy,
        lock_timeout_seconds: 30,
        ..DeployOptions::default()
    }
}

pub fn read_records(db: &mut dyn Db, dialect: Dialect) -> Vec<AppliedRecord> {
    let pre = prelude(dialect, &DeployOptions::default());
    db.exec(&pre.setup[0]).expect("history table");
    db.query(&pre.read)
        .expect("history rows")
        .into_iter()
        .map(|row| serde_json::from_value(Value::Object(row)).expect("a row is an AppliedRecord"))
        .collect()
}

/// The host loop. Ok: the ids that ran. Err: the refusal or failure, as text.
pub fn deploy(
    db: &mut dyn Db,
    dialect: Dialect,
    local: &[LocalMigration],
    policy: OrderingPolicy,
) -> Result<Vec<String>, String> {
    deploy_with(db, dialect, local, &options(policy), None)
}

pub fn deploy_with(
    db: &mut dyn Db,
    dialect: Dialect,
    local: &[LocalMigration],
    opts: &DeployOptions,
    inject: Option<&Inject>,
) -> Result<Vec<String>, String> {
    let lock = prelude(dialect, opts).lock;
    acquire(db, &lock)?;
    let result = run_locked(db, dialect, local, opts, inject);
    release(db, &lock);
    result
}

/// Takes the deployers' lock (on SQLite: the write transaction).
pub fn acquire(db: &mut dyn Db, lock: &Lock) -> Result<(), String> {
    for (i, sql) in lock.acquire.iter().enumerate() {
        if lock.check_result && i + 1 == lock.acquire.len() {
            let rows = db.query(sql)?;
            let got = rows
                .first()
                .and_then(|r| r.values().next())
                .map(|v| v.to_string().trim_matches('"').to_string());
            if got.as_deref() != Some("1") {
                return Err(lock.not_acquired.to_string());
            }
        } else {
            db.exec(sql)
                .map_err(|e| format!("{}: {e}", lock.not_acquired))?;
        }
    }
    Ok(())
}

pub fn release(db: &mut dyn Db, lock: &Lock) {
    for sql in &lock.release {
        db.exec(sql).expect("release the lock");
    }
}

fn run_locked(
    db: &mut dyn Db,
    dialect: Dialect,
    local: &[LocalMigration],
    opts: &DeployOptions,
    inject: Option<&Inject>,
) -> Result<Vec<String>, String> {
    let applied = read_records(db, dialect);
    let plan = deploy_plan(&History::new(dialect, local.to_vec(), applied), opts)
        .map_err(|d| d.to_string())?;
    for b in &plan.baselines {
        b.statements.iter().try_for_each(|s| db.exec(s))?;
    }
    let mut ran = Vec::new();
    for m in &plan.migrations {
        m.begin
            .iter()
            .chain(&m.start)
            .try_for_each(|s| db.exec(s))?;
        for (i, s) in m.statements.iter().enumerate() {
            let result = match inject {
                Some(f) if f.id == m.id && f.at == i => Err(f.error.clone()),
                _ => db.exec(&s.sql),
            };
            if let Err(e) = result {
                for f in plan.on_failure(&m.id, i, &e).map_err(|d| d.to_string())? {
                    db.exec(&f)?;
                }
                return Err(format!("{} failed: {e}", m.id));
            }
            db.exec(&s.progress)?;
        }
        m.finish.iter().try_for_each(|s| db.exec(s))?;
        ran.push(m.id.clone());
    }
    Ok(ran)
}

/// Runs statements in order, stopping at the first error.
pub fn run_all<'a>(
    db: &mut dyn Db,
    statements: impl IntoIterator<Item = &'a String>,
) -> Result<(), String> {
    statements.into_iter().try_for_each(|s| db.exec(s))
}
