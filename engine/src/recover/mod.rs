//! Recovery from a migration that failed or was interrupted partway, and down migrations.
//! Everything is computed from the history replayed in memory and, when the host passes it,
//! the live schema it introspected. JSON shapes: `docs/recovery.md`.

mod down;
mod prechecks;
mod queries;
mod resolve;
mod reversal;
mod states;

pub use down::{down, down_to, DownMigration, DownOptions, DownPlan, DownSource};
pub use prechecks::PreCheck;
pub use queries::DataQuery;
pub use resolve::{resolve, Resolution, Resolve};
pub use reversal::{Reversal, ReverseStep};

use crate::diag::{Code, Diagnostic, Location};
use crate::dialect::Dialect;
use crate::diff::{diff, summary, MigrationPair, RenameHints};
use crate::history::deploy::{failure, plan_migration};
use crate::history::index::Index;
use crate::history::sql::{HistoryTable, Value, DEFAULT_TABLE};
use crate::history::{History, PlannedMigration, RecordStatus};
use crate::model::{QualifiedName, Schema};
use crate::plan::{plan, Plan, PlanOptions};
use crate::source::aligned;
use serde::{Deserialize, Serialize};
use states::{applied_without, same_file, timeline, Timeline};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecoverOptions {
    /// The history table; it is left out of the live schema.
    #[serde(default = "default_table")]
    pub table: String,
    #[serde(default)]
    pub plan: PlanOptions,
}

fn default_table() -> String {
    DEFAULT_TABLE.to_string()
}

impl Default for RecoverOptions {
    fn default() -> Self {
        RecoverOptions {
            table: default_table(),
            plan: PlanOptions::default(),
        }
    }
}

/// The statement the database refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FailedStatement {
    /// 0-based.
    pub index: usize,
    pub sql: String,
    pub location: Location,
    /// The database's error text, as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Running the rest of the migration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Resume {
    /// False when the live schema is not what the statements that ran leave, or the rest of
    /// the migration cannot be replayed; `blocked` says why.
    pub ready: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<String>,
    /// The index of the first statement to run.
    pub first: usize,
    /// Run like a deploy's migration: `begin`, `start`, each statement and its progress,
    /// `finish`. Statement progress counts from the start of the migration.
    pub migration: PlannedMigration,
    table: HistoryTable,
}

impl Resume {
    /// What to run when statement `failed` (0-based, counted from the start of the
    /// migration) fails again.
    pub fn on_failure(&self, failed: usize, error: &str) -> Vec<String> {
        let total = self.first + self.migration.statements.len();
        failure(&self.table, &self.migration, total, failed, error)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RollForward {
    pub plan: Plan,
    /// Counts that must be 0 before it runs: tables and columns it drops that the migration
    /// did not mean to (they appeared since, as drift).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pre_checks: Vec<PreCheck>,
}

/// The ways out of a failed migration, each ready to run, and what each costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RecoveryPlan {
    pub id: String,
    pub dialect: Dialect,
    pub status: RecordStatus,
    pub statements_total: usize,
    /// The statements that ran and stayed.
    pub statements_applied: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<FailedStatement>,
    /// What happened and where the database stands, for people.
    pub summary: Vec<String>,
    /// What the engine could not model (data statements, unsupported SQL), and drift.
    pub notes: Vec<Diagnostic>,
    /// How the live schema differs from what the statements that ran leave (empty without a
    /// live schema).
    pub drift: Vec<String>,
    pub resume: Resume,
    /// To the schema after the whole migration; absent when the migration cannot be replayed
    /// to its end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roll_forward: Option<RollForward>,
    /// To the schema before the migration.
    pub roll_back: Reversal,
    /// Queries that find the rows the failed statement tripped on.
    pub diagnostics: Vec<DataQuery>,
    /// The history writes for after the roll forward or the roll back.
    pub resolve: Resolve,
}

/// The recovery plan for migration `id`, whose record says it failed or never finished. `live`
/// is the schema the host introspected now; without it, the engine assumes the database holds
/// exactly what the recorded statements left.
pub fn recover(
    history: &History,
    id: &str,
    live: Option<&Schema>,
    options: &RecoverOptions,
) -> Result<RecoveryPlan, Diagnostic> {
    let index = Index::new(history)?;
    let record = resolve::failed_record(&index, id)?;
    let local = states::local(&index, id)?;
    let ran = record.statements_applied as usize;
    if ran > 0 {
        same_file(local, &record.checksum, record.checksum_version)?;
    }
    let tl = timeline(applied_without(&index, id)?, local)?;
    let total = tl.statements.len();
    if ran > total {
        return Err(Diagnostic::error(
            Code::InvalidAppliedRecord,
            format!("history record `{id}` claims {ran} statements ran; the file has {total}"),
        )
        .with_object(id.to_string()));
    }
    let Some(expected) = tl.after(ran) else {
        let (_, why) = tl.broken.clone().expect("the replay stopped somewhere");
        return Err(Diagnostic {
            hint: Some(
                "the statements that ran cannot be replayed, so the engine cannot tell what they left: repair by hand, then resolve".into(),
            ),
            ..why
        });
    };
    let dialect = history.dialect;
    let table = HistoryTable::new(dialect, options.table.clone());
    let live = live.map(|s| aligned(without_table(s, &options.table), expected));
    let current = live.as_ref().unwrap_or(expected);
    let drift = match &live {
        Some(l) => summary(&diff(pair(expected, l), &RenameHints::default())?.changes),
        None => Vec::new(),
    };
    let mut notes = tl.unmodelled.clone();
    if let Some((_, d)) = &tl.broken {
        notes.push(d.clone());
    }
    if !drift.is_empty() {
        notes.push(
            Diagnostic::warning(
                Code::SchemaDrift,
                format!(
                    "the database differs from what statements 1 to {ran} of `{id}` leave: {}",
                    drift.join("; ")
                ),
            )
            .with_object(id.to_string())
            .with_hint("resume is blocked; roll forward and roll back start from the live schema"),
        );
    }
    let at = failed_index(record.error.as_deref()).unwrap_or(ran);
    let failed = tl.statements.get(at).map(|s| FailedStatement {
        index: at,
        sql: s.sql.clone(),
        location: s.start,
        error: record.error.clone(),
    });
    let resume = resume(&table, local, ran, &tl, &drift)?;
    let roll_forward = match tl.complete() {
        Some(after) => {
            let plan = planned(current, after, tl.hints(ran..total, false), options)?;
            // What the migration itself drops is its author's intent; anything else it
            // would drop appeared since (drift) and may hold someone's rows.
            let unintended: Vec<_> = plan
                .steps
                .iter()
                .flat_map(|s| s.changes.clone())
                .filter(|c| !drops_from(c, &tl.before))
                .collect();
            Some(RollForward {
                pre_checks: prechecks::pre_checks(dialect, &unintended),
                plan,
            })
        }
        None => None,
    };
    let forward = planned(&tl.before, current, tl.hints(0..ran, false), options)?;
    let roll_back = Reversal::of(&forward);
    let diagnostics = match (tl.after(at), tl.after(at + 1)) {
        (Some(a), Some(b)) => {
            let changes = diff(pair(a, b), &tl.hints(at..at + 1, false))?.changes;
            queries::data_queries(dialect, &changes)
        }
        _ => Vec::new(),
    };
    let summary = story(id, record.status, ran, total, &failed, &tl, &roll_back);
    Ok(RecoveryPlan {
        id: id.to_string(),
        dialect,
        status: record.status,
        statements_total: total,
        statements_applied: ran,
        failed,
        summary,
        notes,
        drift,
        resume,
        roll_forward,
        roll_back,
        diagnostics,
        resolve: Resolve {
            applied: resolve::writes(&table, record, Resolution::Applied),
            rolled_back: resolve::writes(&table, record, Resolution::RolledBack),
        },
    })
}

/// True when `change` drops a table or column that `schema` has.
fn drops_from(change: &crate::diff::Change, schema: &Schema) -> bool {
    use crate::diff::Change::*;
    match change {
        DropTable { table } => schema.tables.contains_key(&table.name),
        DropColumn { table, column, .. } => schema
            .tables
            .get(table)
            .is_some_and(|t| t.column(&column.name).is_some()),
        _ => false,
    }
}

fn pair<'a>(previous: &'a Schema, next: &'a Schema) -> MigrationPair<'a> {
    MigrationPair { previous, next }
}

/// A plan across statements, with the renames they made. Hints that do not fit (a rename
/// undone later in the same migration) are dropped rather than failing the recovery.
pub(crate) fn planned(
    from: &Schema,
    to: &Schema,
    hints: RenameHints,
    options: &RecoverOptions,
) -> Result<Plan, Diagnostic> {
    match plan(pair(from, to), &hints, &options.plan) {
        Err(d) if d.code == Code::InvalidRenameHint => {
            plan(pair(from, to), &RenameHints::default(), &options.plan)
        }
        other => other,
    }
}

/// The statement a deploy recorded as failed: its error text starts `statement N of M:`.
fn failed_index(error: Option<&str>) -> Option<usize> {
    let rest = error?.strip_prefix("statement ")?;
    let (n, _) = rest.split_once(" of ")?;
    n.parse::<usize>().ok()?.checked_sub(1)
}

/// The live schema without the history table, which no migration creates.
fn without_table(live: &Schema, table: &str) -> Schema {
    let mut s = live.clone();
    s.tables.remove(&QualifiedName::bare(table));
    s
}

fn resume(
    table: &HistoryTable,
    local: &crate::history::LocalMigration,
    ran: usize,
    tl: &Timeline,
    drift: &[String],
) -> Result<Resume, Diagnostic> {
    let mut migration = plan_migration(table, local)?;
    migration
        .statements
        .drain(..ran.min(migration.statements.len()));
    if ran > 0 {
        // The record stays; it only goes back to running.
        migration.start = vec![table.update(
            &local.id,
            &[
                ("status", HistoryTable::status_value(RecordStatus::Running)),
                ("error", Value::Null),
            ],
        )];
    }
    let blocked = if !drift.is_empty() {
        Some(format!(
            "the database is not where statement {ran} left it: {}",
            drift.join("; ")
        ))
    } else {
        tl.broken.as_ref().map(|(i, d)| {
            format!(
                "statement {} cannot be replayed, so the result is unknown: {}",
                i + 1,
                d.message
            )
        })
    };
    Ok(Resume {
        ready: blocked.is_none(),
        blocked,
        first: ran,
        migration,
        table: table.clone(),
    })
}

/// The summary lines: what ran, what is left, what each way out costs.
fn story(
    id: &str,
    status: RecordStatus,
    ran: usize,
    total: usize,
    failed: &Option<FailedStatement>,
    tl: &Timeline,
    roll_back: &Reversal,
) -> Vec<String> {
    let mut out = Vec::new();
    match (status, failed) {
        (RecordStatus::Running, _) => out.push(format!(
            "`{id}` started and never finished: {ran} of {total} statements ran (interrupted, or still running elsewhere)"
        )),
        (_, Some(f)) => out.push(format!(
            "`{id}` failed at statement {} of {total} (line {}){}",
            f.index + 1,
            f.location,
            f.error.as_deref().map_or(String::new(), |e| {
                // The deploy's record starts with the position already given here.
                let text = e.split_once(": ").filter(|(p, _)| p.starts_with("statement "));
                format!(": {}", text.map_or(e, |(_, t)| t))
            })
        )),
        (_, None) => out.push(format!("`{id}` failed after all {total} statements ran")),
    }
    if ran == 0 {
        out.push("nothing of it remains: the database is as it was before the migration".into());
    } else {
        let which = match ran {
            1 => "statement 1".to_string(),
            n => format!("statements 1 to {n}"),
        };
        out.push(format!(
            "{which} ran and stayed: the database is between the two schemas"
        ));
    }
    let lost: Vec<&String> = roll_back.steps.iter().flat_map(|s| &s.lost).collect();
    if !lost.is_empty() {
        let lost: Vec<&str> = lost.iter().map(|s| s.as_str()).collect();
        out.push(format!(
            "rolling back is {}: {}",
            severity_word(roll_back),
            lost.join("; ")
        ));
    }
    let data = tl
        .unmodelled
        .iter()
        .filter(|d| d.code == Code::DataStatement)
        .count();
    let unmodelled = tl.unmodelled.len() - data;
    if data > 0 {
        out.push(format!(
            "{data} data statement(s) in the migration: the rows they write are not modelled (see notes and pre-checks)"
        ));
    }
    if unmodelled > 0 {
        out.push(format!(
            "{unmodelled} statement(s) are not modelled (see notes): their effects are not in these plans"
        ));
    }
    out
}

fn severity_word(r: &Reversal) -> &'static str {
    match r.reversibility() {
        crate::plan::Reversibility::Irreversible => "incomplete",
        _ => "lossy",
    }
}
