//! Down migrations: the hand-written down when there is one, otherwise the auto-reverse (the
//! down SQL of the plan from the schema before the migration to the schema after it, step by
//! step in reverse).

use super::reversal::{Reversal, ReverseStep};
use super::states::{applied_without, local, timeline, Timeline};
use super::{planned, PreCheck, RecoverOptions};
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::history::deploy::{split, wrap};
use crate::history::index::Index;
use crate::history::sql::{HistoryTable, Value};
use crate::history::{History, LocalMigration, RecordStatus};
use crate::plan::{least_reversible, Reversibility};
use crate::replay::{Migration, Replayer};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DownOptions {
    /// Run even when a step cannot be undone or a statement is not modelled: what those did
    /// stays in the database.
    #[serde(default)]
    pub accept_loss: bool,
    /// The history table and the plan options, as for `recover`.
    #[serde(flatten)]
    pub common: RecoverOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DownSource {
    /// The migration's own down SQL.
    HandWritten,
    /// Computed from the replayed migration.
    AutoReverse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DownMigration {
    pub id: String,
    pub source: DownSource,
    pub transactional: bool,
    /// Run in order: `begin`, `statements`, `finish` (which records the migration rolled back).
    pub begin: Vec<String>,
    pub statements: Vec<String>,
    pub finish: Vec<String>,
    /// The auto-reverse's steps, with what each loses; empty for a hand-written down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<ReverseStep>,
    pub reversibility: Reversibility,
    /// Counts that must be 0 before it runs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pre_checks: Vec<PreCheck>,
    /// Statements of the migration the auto-reverse does not undo (data, unsupported SQL).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Diagnostic>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DownPlan {
    pub dialect: Dialect,
    /// In the order to run them: the last applied first.
    pub migrations: Vec<DownMigration>,
}

/// The down migration of applied migration `id`. Later applied migrations must not need it:
/// the schema without it is replayed from them.
pub fn down(history: &History, id: &str, options: &DownOptions) -> Result<DownPlan, Diagnostic> {
    let index = Index::new(history)?;
    let applied = index.effective_applied();
    if !applied.contains(&id) {
        return Err(not_applied(id));
    }
    // Later migrations replay without it, or the error names what needs it.
    let before = applied_without(&index, id)?;
    let one = down_one(history.dialect, before, local(&index, id)?, options)?;
    Ok(DownPlan {
        dialect: history.dialect,
        migrations: vec![one],
    })
}

/// Down migrations for every applied migration after `target`, the last first (`None`: all
/// of them). `target` stays applied.
pub fn down_to(
    history: &History,
    target: Option<&str>,
    options: &DownOptions,
) -> Result<DownPlan, Diagnostic> {
    let index = Index::new(history)?;
    let applied = index.effective_applied();
    let keep = match target {
        Some(t) => {
            applied
                .iter()
                .position(|a| *a == t)
                .ok_or_else(|| not_applied(t))?
                + 1
        }
        None => 0,
    };
    let mut r = Replayer::new(history.dialect);
    let mut befores = Vec::new();
    for (i, id) in applied.iter().enumerate() {
        let m = local(&index, id)?;
        if i >= keep {
            befores.push((m, r.schema().clone()));
        }
        r.apply(&Migration::new(*id, m.sql.clone()))?;
    }
    let migrations = befores
        .into_iter()
        .rev()
        .map(|(m, before)| down_one(history.dialect, before, m, options))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DownPlan {
        dialect: history.dialect,
        migrations,
    })
}

fn down_one(
    dialect: Dialect,
    before: crate::model::Schema,
    m: &LocalMigration,
    options: &DownOptions,
) -> Result<DownMigration, Diagnostic> {
    let table = HistoryTable::new(dialect, options.common.table.clone());
    let record = table.update(
        &m.id,
        &[
            (
                "status",
                HistoryTable::status_value(RecordStatus::RolledBack),
            ),
            ("statements_applied", Value::Int(0)),
            ("finished_at", Value::Now),
        ],
    );
    let capable = dialect.capabilities().transactional_ddl;
    let (source, statements, steps, pre_checks, notes, transactional) = match &m.down {
        Some(sql) => {
            let written = LocalMigration {
                sql: sql.clone(),
                ..LocalMigration::new(m.id.clone(), sql.clone())
            };
            let statements: Vec<String> =
                split(dialect, &written)?.into_iter().map(|s| s.0).collect();
            let tx = capable && !crate::history::has_no_transaction_marker(sql);
            (
                DownSource::HandWritten,
                statements,
                Vec::new(),
                Vec::new(),
                Vec::new(),
                tx,
            )
        }
        None => {
            let tl = timeline(before, m)?;
            let reversal = auto_reverse(&tl, m, options)?;
            let tx = capable && reversal.steps.iter().all(|s| s.transactional);
            let notes = tl.unmodelled.clone();
            (
                DownSource::AutoReverse,
                reversal.statements(),
                reversal.steps,
                reversal.pre_checks,
                notes,
                tx,
            )
        }
    };
    let reversibility = least_reversible(steps.iter().map(|s| s.reversibility));
    let (begin, commit) = wrap(dialect, transactional);
    let mut finish = vec![record];
    finish.extend(commit);
    Ok(DownMigration {
        id: m.id.clone(),
        source,
        transactional,
        begin,
        statements,
        finish,
        steps,
        reversibility,
        pre_checks,
        notes,
    })
}

/// The reverse of a replayed migration; refused when something would stay behind, unless
/// the caller accepts that.
fn auto_reverse(
    tl: &Timeline,
    m: &LocalMigration,
    options: &DownOptions,
) -> Result<Reversal, Diagnostic> {
    let Some(after) = tl.complete() else {
        let (_, why) = tl.broken.clone().expect("the replay stopped somewhere");
        return Err(why);
    };
    let forward = planned(
        &tl.before,
        after,
        tl.hints(0..tl.statements.len(), false),
        &options.common,
    )?;
    let reversal = Reversal::of(&forward);
    if options.accept_loss {
        return Ok(reversal);
    }
    let mut left: Vec<String> = reversal
        .steps
        .iter()
        .filter(|s| s.reversibility == Reversibility::Irreversible)
        .flat_map(|s| s.undoes.clone())
        .collect();
    left.extend(
        tl.unmodelled
            .iter()
            .filter(|d| matches!(d.code, Code::UnsupportedStatement | Code::UnsupportedClause))
            .map(|d| d.message.clone()),
    );
    if left.is_empty() {
        return Ok(reversal);
    }
    Err(Diagnostic::error(
        Code::DownIrreversible,
        format!(
            "migration `{}` cannot be fully undone: {}",
            m.id,
            left.join("; ")
        ),
    )
    .with_object(m.id.clone())
    .with_hint("write its down SQL by hand, or accept the loss (accept_loss / --accept-loss) to undo the rest"))
}

fn not_applied(id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::MigrationNotApplied,
        format!("migration `{id}` is not applied: there is nothing to undo"),
    )
    .with_object(id.to_string())
    .with_hint("status lists the applied migrations")
}
