//! Baselines (squashes): one migration that stands for several applied ones. On a database
//! where those ran, it is recorded without running and they are marked `replaced_by` it; on a
//! fresh database it runs in their place. The replaced files can then be deleted.

use super::deploy::{split, DeployOptions};
use super::index::Index;
use super::sql::{HistoryTable, Value};
use super::{checksum, History, LocalMigration, RecordStatus};
use crate::diag::{Code, Diagnostic};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BaselinePlan {
    pub id: String,
    pub replaces: Vec<String>,
    /// Records the baseline as applied and marks what it replaces; empty when already done.
    pub statements: Vec<String>,
}

/// Marks the migrations that `baseline_id` lists in `replaces` as replaced by it, without
/// running it. All of them must be applied.
pub fn baseline(
    history: &History,
    baseline_id: &str,
    options: &DeployOptions,
) -> Result<BaselinePlan, Diagnostic> {
    let index = Index::new(history)?;
    let b = index.local(baseline_id).ok_or_else(|| {
        Diagnostic::error(
            Code::InvalidMigration,
            format!("no local migration `{baseline_id}` to use as a baseline"),
        )
        .with_object(baseline_id.to_string())
        .with_hint("add the baseline migration (the squashed schema) to the migrations first")
    })?;
    if b.replaces.is_empty() {
        return Err(Diagnostic::error(
            Code::InvalidMigration,
            format!("baseline `{baseline_id}` replaces nothing"),
        )
        .with_object(baseline_id.to_string())
        .with_hint("list the migrations it squashes in its `replaces`"));
    }
    let not_applied: Vec<&str> = b
        .replaces
        .iter()
        .map(String::as_str)
        .filter(|r| !index.is_applied(r))
        .collect();
    if !not_applied.is_empty() {
        return Err(Diagnostic::error(
            Code::BaselineIncomplete,
            format!(
                "baseline {baseline_id} replaces {}, which {} not applied",
                not_applied.join(", "),
                if not_applied.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_object(not_applied[0].to_string())
        .in_migration(baseline_id.to_string())
        .with_hint("deploy them first, or leave them out of the baseline"));
    }
    let table = HistoryTable::new(history.dialect, options.table.clone());
    let done = index.is_applied(baseline_id)
        && b.replaces
            .iter()
            .all(|r| index.record(r).and_then(|r| r.replaced_by.as_deref()) == Some(baseline_id));
    if done {
        return Ok(BaselinePlan {
            id: b.id.clone(),
            replaces: b.replaces.clone(),
            statements: Vec::new(),
        });
    }
    record_baseline(&table, b)
}

/// The writes that record `b` as applied without running it.
pub(crate) fn record_baseline(
    table: &HistoryTable,
    b: &LocalMigration,
) -> Result<BaselinePlan, Diagnostic> {
    let total = split(table.dialect, b)?.len() as u64;
    let sum = checksum(&b.sql);
    let mut statements = vec![table.upsert(
        &[
            ("id", Value::Text(&b.id)),
            ("checksum", Value::Text(&sum.value)),
            ("checksum_version", Value::Int(sum.version.into())),
            ("started_at", Value::Now),
            ("finished_at", Value::Now),
            ("statements_total", Value::Int(total)),
            ("statements_applied", Value::Int(total)),
            ("status", HistoryTable::status_value(RecordStatus::Applied)),
            ("error", Value::Null),
            ("replaced_by", Value::Null),
        ],
        false,
    )];
    statements.extend(
        b.replaces
            .iter()
            .map(|r| table.update(r, &[("replaced_by", Value::Text(&b.id))])),
    );
    Ok(BaselinePlan {
        id: b.id.clone(),
        replaces: b.replaces.clone(),
        statements,
    })
}
