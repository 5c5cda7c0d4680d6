//! The deploy plan: which migrations run and in which order, each split into statements so the
//! history table records progress after every one, with the transaction and lock handling of
//! the dialect. The host runs the SQL exactly as given (see docs/history.md for the loop).

use super::baseline::{record_baseline, BaselinePlan};
use super::checksum::checksum;
use super::index::Index;
use super::policy::OrderingPolicy;
use super::sql::{HistoryTable, Lock, Value, DEFAULT_TABLE};
use super::status::{status_of, State};
use super::{History, LocalMigration, RecordStatus};
use crate::diag::{Code, Diagnostic, Location};
use crate::dialect::Dialect;
use crate::ingest;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// SQLite runs the whole deploy in one write transaction (that is its lock), so a migration's
/// own transaction is a savepoint inside it.
const SAVEPOINT: &str = "waymark_migration";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeployOptions {
    #[serde(default)]
    pub policy: OrderingPolicy,
    #[serde(default = "default_table")]
    pub table: String,
    #[serde(default = "default_lock_timeout")]
    pub lock_timeout_seconds: u32,
}

fn default_table() -> String {
    DEFAULT_TABLE.to_string()
}

fn default_lock_timeout() -> u32 {
    60
}

impl Default for DeployOptions {
    fn default() -> Self {
        DeployOptions {
            policy: OrderingPolicy::default(),
            table: default_table(),
            lock_timeout_seconds: default_lock_timeout(),
        }
    }
}

/// What a host runs before it can plan: take the lock, make sure the table exists, read it.
/// Reading after locking is what makes two deployers safe: the second one plans from the rows
/// the first one wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Prelude {
    pub table: HistoryTable,
    pub lock: Lock,
    pub setup: Vec<String>,
    /// The query whose rows are the `applied` records (columns: `sql::COLUMNS`).
    pub read: String,
}

pub fn prelude(dialect: Dialect, options: &DeployOptions) -> Prelude {
    let table = HistoryTable::new(dialect, options.table.clone());
    Prelude {
        lock: table.lock(options.lock_timeout_seconds),
        setup: vec![table.create()],
        read: table.select(),
        table,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlannedStatement {
    pub sql: String,
    pub start: Location,
    pub end: Location,
    /// Records that this statement (and those before it) ran.
    pub progress: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlannedMigration {
    pub id: String,
    pub name: String,
    pub checksum: String,
    pub checksum_version: u32,
    /// Runs inside a transaction: the dialect has transactional DDL and the migration did not
    /// opt out. A failure then leaves nothing behind.
    pub transactional: bool,
    /// Run in order: `begin`, `start`, each statement's `sql` then `progress`, `finish`.
    pub begin: Vec<String>,
    pub start: Vec<String>,
    pub statements: Vec<PlannedStatement>,
    pub finish: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeployPlan {
    pub dialect: Dialect,
    pub prelude: Prelude,
    /// Baselines whose replaced migrations are all applied: recorded, not run. First.
    pub baselines: Vec<BaselinePlan>,
    /// In the order to run them.
    pub migrations: Vec<PlannedMigration>,
    /// Warnings (e.g. an out-of-order migration run under the permissive policy).
    pub diagnostics: Vec<Diagnostic>,
}

/// Plans a deploy from the rows read after taking the lock. Fails with the first error of
/// `status` (out of order under the strict policy, modified, missing, failed, ...).
pub fn deploy_plan(history: &History, options: &DeployOptions) -> Result<DeployPlan, Diagnostic> {
    let index = Index::new(history)?;
    let status = status_of(&index, options.policy);
    if let Some(e) = status.diagnostics.iter().find(|d| d.is_error()) {
        return Err(e.clone());
    }
    let prelude = prelude(history.dialect, options);
    let mut baselines = Vec::new();
    let mut to_run = BTreeSet::new();
    // Status lists every id in index order, so positions line up.
    for (pos, (e, entry)) in status.entries.iter().zip(&index.order).enumerate() {
        let Some(m) = entry.local else {
            continue;
        };
        let runs = matches!(
            e.state,
            State::Pending | State::OutOfOrder | State::RolledBack
        );
        if !runs || e.replaced_by.is_some() {
            continue;
        }
        let replaced_applied = m.replaces.iter().any(|r| index.is_applied(r));
        if replaced_applied {
            baselines.push(record_baseline(&prelude.table, m)?);
        } else {
            to_run.insert(pos);
        }
    }
    let migrations = run_order(&index, to_run)
        .into_iter()
        .map(|m| plan_migration(&prelude.table, m))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DeployPlan {
        dialect: history.dialect,
        prelude,
        baselines,
        migrations,
        diagnostics: status.diagnostics,
    })
}

/// Id order, except that a migration waits for the ones it depends on. Among the ready ones
/// the earliest id goes first, so without dependencies this is plain id order.
fn run_order<'a>(index: &Index<'a>, to_run: BTreeSet<usize>) -> Vec<&'a LocalMigration> {
    let at = |pos: usize| index.order[pos].local.expect("only local migrations run");
    let mut waiting: BTreeMap<usize, usize> = BTreeMap::new();
    let mut dependents: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &pos in &to_run {
        for d in &at(pos).depends_on {
            let dpos = index.pos(d);
            if to_run.contains(&dpos) {
                *waiting.entry(pos).or_default() += 1;
                dependents.entry(dpos).or_default().push(pos);
            }
        }
    }
    let mut ready: BTreeSet<usize> = to_run
        .iter()
        .copied()
        .filter(|p| !waiting.contains_key(p))
        .collect();
    let mut out = Vec::with_capacity(to_run.len());
    while let Some(pos) = ready.pop_first() {
        out.push(at(pos));
        for d in dependents.get(&pos).into_iter().flatten() {
            let n = waiting.get_mut(d).expect("counted");
            *n -= 1;
            if *n == 0 {
                ready.insert(*d);
            }
        }
    }
    // Index::new rejected cycles, so everything became ready.
    out
}

/// A migration's statements, each with its location in the file.
pub(crate) fn split(
    dialect: Dialect,
    m: &LocalMigration,
) -> Result<Vec<(String, Location, Location)>, Diagnostic> {
    ingest::split_statements(dialect, &m.sql).map_err(|d| d.in_migration(m.id.clone()))
}

fn transactional(dialect: Dialect, m: &LocalMigration) -> bool {
    dialect.capabilities().transactional_ddl && !m.wants_no_transaction()
}

/// The statements around a migration's own: its transaction, or on SQLite a savepoint inside the
/// deploy's; without a transaction, SQLite leaves the deploy's for a moment.
pub(crate) fn wrap(dialect: Dialect, transactional: bool) -> (Vec<String>, Vec<String>) {
    match (dialect, transactional) {
        (Dialect::Sqlite, true) => (
            vec![format!("SAVEPOINT {SAVEPOINT}")],
            vec![format!("RELEASE SAVEPOINT {SAVEPOINT}")],
        ),
        // Out of the deploy's transaction for statements SQLite refuses inside one (VACUUM);
        // the lock is released meanwhile and taken again after.
        (Dialect::Sqlite, false) => (
            vec!["COMMIT".to_string()],
            vec!["BEGIN IMMEDIATE".to_string()],
        ),
        (_, true) => (vec!["BEGIN".to_string()], vec!["COMMIT".to_string()]),
        (_, false) => (Vec::new(), Vec::new()),
    }
}

pub(crate) fn plan_migration(
    table: &HistoryTable,
    m: &LocalMigration,
) -> Result<PlannedMigration, Diagnostic> {
    let dialect = table.dialect;
    let parts = split(dialect, m)?;
    let total = parts.len() as u64;
    let sum = checksum(&m.sql);
    let transactional = transactional(dialect, m);
    let (begin, commit) = wrap(dialect, transactional);
    let start = table.upsert(
        &[
            ("id", Value::Text(&m.id)),
            ("checksum", Value::Text(&sum.value)),
            ("checksum_version", Value::Int(sum.version.into())),
            ("started_at", Value::Now),
            ("finished_at", Value::Null),
            ("statements_total", Value::Int(total)),
            ("statements_applied", Value::Int(0)),
            ("status", HistoryTable::status_value(RecordStatus::Running)),
            ("error", Value::Null),
            ("replaced_by", Value::Null),
        ],
        false,
    );
    let statements = parts
        .into_iter()
        .enumerate()
        .map(|(i, (sql, start, end))| PlannedStatement {
            sql,
            start,
            end,
            progress: table.update(&m.id, &[("statements_applied", Value::Int(i as u64 + 1))]),
        })
        .collect();
    let mut finish = vec![table.update(
        &m.id,
        &[
            ("status", HistoryTable::status_value(RecordStatus::Applied)),
            ("statements_applied", Value::Int(total)),
            ("finished_at", Value::Now),
        ],
    )];
    finish.extend(commit);
    Ok(PlannedMigration {
        id: m.id.clone(),
        name: m.display_name().to_string(),
        checksum: sum.value,
        checksum_version: sum.version,
        transactional,
        begin,
        start: vec![start],
        statements,
        finish,
    })
}

impl DeployPlan {
    /// What to run when statement `failed` (0-based) of migration `id` fails with the
    /// database's `error`: undo the transaction, if any, and record the failure. Then run the
    /// lock's release and stop.
    pub fn on_failure(
        &self,
        id: &str,
        failed: usize,
        error: &str,
    ) -> Result<Vec<String>, Diagnostic> {
        let m = self.migrations.iter().find(|m| m.id == id).ok_or_else(|| {
            Diagnostic::error(
                Code::InvalidMigration,
                format!("migration `{id}` is not in this deploy plan"),
            )
            .with_object(id.to_string())
        })?;
        Ok(failure(
            &self.prelude.table,
            m,
            m.statements.len(),
            failed,
            error,
        ))
    }

    /// Every statement in the order a run without failures executes them (lock, setup and the
    /// read excepted): handy for a dry run's output.
    pub fn script(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .baselines
            .iter()
            .flat_map(|b| b.statements.clone())
            .collect();
        for m in &self.migrations {
            out.extend(m.begin.iter().cloned());
            out.extend(m.start.iter().cloned());
            for s in &m.statements {
                out.push(s.sql.clone());
                out.push(s.progress.clone());
            }
            out.extend(m.finish.iter().cloned());
        }
        out
    }
}

/// What to run when statement `failed` (0-based, of `total` in the whole migration) fails:
/// undo the transaction, if any, and record the failure with the database's error text.
pub(crate) fn failure(
    table: &HistoryTable,
    m: &PlannedMigration,
    total: usize,
    failed: usize,
    error: &str,
) -> Vec<String> {
    let mut out = match (table.dialect, m.transactional) {
        (Dialect::Sqlite, true) => vec![
            format!("ROLLBACK TO SAVEPOINT {SAVEPOINT}"),
            format!("RELEASE SAVEPOINT {SAVEPOINT}"),
        ],
        (_, true) => vec!["ROLLBACK".to_string()],
        (_, false) => Vec::new(),
    };
    // After a rollback nothing of the migration remains, its progress rows included.
    let applied = if m.transactional {
        0
    } else {
        failed.min(total)
    };
    let text = format!("statement {} of {total}: {error}", failed + 1);
    out.push(table.upsert(
        &[
            ("id", Value::Text(&m.id)),
            ("checksum", Value::Text(&m.checksum)),
            ("checksum_version", Value::Int(m.checksum_version.into())),
            ("started_at", Value::Now),
            ("finished_at", Value::Now),
            ("statements_total", Value::Int(total as u64)),
            ("statements_applied", Value::Int(applied as u64)),
            ("status", HistoryTable::status_value(RecordStatus::Failed)),
            ("error", Value::Text(&text)),
            ("replaced_by", Value::Null),
        ],
        true,
    ));
    if table.dialect == Dialect::Sqlite && !m.transactional {
        out.push("BEGIN IMMEDIATE".to_string());
    }
    out
}
