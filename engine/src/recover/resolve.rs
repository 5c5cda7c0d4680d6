//! Marking a failed migration resolved: the history-table writes, after the host has rolled it
//! forward or back (or repaired it by hand).

use crate::diag::{Code, Diagnostic};
use crate::history::index::Index;
use crate::history::sql::{HistoryTable, Value};
use crate::history::{AppliedRecord, History, RecordStatus};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The migration's changes are all in place: it counts as applied.
    Applied,
    /// None of them are: deploy runs the migration again.
    RolledBack,
}

/// The writes for both resolutions, ready to run once the database is in that state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Resolve {
    pub applied: Vec<String>,
    pub rolled_back: Vec<String>,
}

/// The history-table writes that mark `id` applied or rolled back. Refused unless its record
/// says it failed or never finished.
pub fn resolve(
    history: &History,
    id: &str,
    resolution: Resolution,
    table: &str,
) -> Result<Vec<String>, Diagnostic> {
    let index = Index::new(history)?;
    let record = failed_record(&index, id)?;
    Ok(writes(
        &HistoryTable::new(history.dialect, table),
        record,
        resolution,
    ))
}

/// The record of `id`, when it failed or never finished.
pub(crate) fn failed_record<'a>(
    index: &Index<'a>,
    id: &str,
) -> Result<&'a AppliedRecord, Diagnostic> {
    let Some(record) = index.record(id) else {
        return Err(Diagnostic::error(
            Code::MigrationNotFailed,
            format!("migration `{id}` has no history record: it never ran, so there is nothing to recover"),
        )
        .with_object(id.to_string())
        .with_hint("deploy runs it; status lists the ids the history table knows"));
    };
    match record.status {
        RecordStatus::Failed | RecordStatus::Running => Ok(record),
        other => Err(Diagnostic::error(
            Code::MigrationNotFailed,
            format!(
                "migration `{id}` is {}, not failed: there is nothing to recover or resolve",
                other.as_str()
            ),
        )
        .with_object(id.to_string())
        .with_hint("use down to undo an applied migration")),
    }
}

pub(crate) fn writes(
    table: &HistoryTable,
    record: &AppliedRecord,
    resolution: Resolution,
) -> Vec<String> {
    let (status, applied) = match resolution {
        Resolution::Applied => (RecordStatus::Applied, record.statements_total),
        Resolution::RolledBack => (RecordStatus::RolledBack, 0),
    };
    vec![table.update(
        &record.id,
        &[
            ("status", HistoryTable::status_value(status)),
            ("statements_applied", Value::Int(applied.into())),
            ("finished_at", Value::Now),
        ],
    )]
}
