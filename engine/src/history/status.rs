//! The state of every migration, local or recorded: exactly one each, with a short message and
//! a hint (like Flyway's info or Prisma's diagnoseMigrationHistory). Integrity problems and the
//! ordering policy's verdicts come out as diagnostics; deploy refuses to run while any is an
//! error.

use super::checksum::checksum_with;
use super::index::Index;
use super::policy::{judge, OrderingPolicy};
use super::{AppliedRecord, History, LocalMigration, RecordStatus};
use crate::diag::{Code, Diagnostic};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Ran to the end.
    Applied,
    /// Not run yet.
    Pending,
    /// Not run, and older than a migration that is applied.
    OutOfOrder,
    /// Applied, but the file changed since.
    Modified,
    /// Applied, but there is no file.
    MissingLocally,
    /// Stopped with an error; nothing of it remains (it ran in a transaction, or failed at its
    /// first statement).
    Failed,
    /// n of m statements ran: failed or interrupted outside a transaction.
    PartiallyApplied,
    /// Undone by its down migration; deploy runs it again.
    RolledBack,
}

/// n of m statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Progress {
    pub applied: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatusEntry {
    pub id: String,
    pub state: State,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// For failed and partially applied migrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// The baseline that replaces this migration, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Status {
    pub policy: OrderingPolicy,
    /// Every migration, local or recorded, in id order.
    pub entries: Vec<StatusEntry>,
    /// Errors block a deploy; warnings are worth showing.
    pub diagnostics: Vec<Diagnostic>,
}

impl Status {
    pub fn ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
    pub fn entry(&self, id: &str) -> Option<&StatusEntry> {
        self.entries.iter().find(|e| e.id == id)
    }
    pub fn state(&self, id: &str) -> Option<State> {
        self.entry(id).map(|e| e.state)
    }
}

/// The state of every migration. Fails only when the input cannot be read as a history
/// (duplicate ids, ids without a prefix, mixed layouts, unknown dependencies, cycles).
pub fn status(history: &History, policy: OrderingPolicy) -> Result<Status, Diagnostic> {
    let index = Index::new(history)?;
    Ok(status_of(&index, policy))
}

pub(crate) fn status_of(index: &Index, policy: OrderingPolicy) -> Status {
    // The newest migration in the database, by position; a rolled-back one is not there.
    let newest = index.order.iter().rposition(|e| {
        e.record
            .is_some_and(|r| r.status != RecordStatus::RolledBack)
    });
    let mut entries = Vec::with_capacity(index.order.len());
    let mut diagnostics = Vec::new();
    for (pos, e) in index.order.iter().enumerate() {
        let entry = match e.record {
            Some(record) => recorded(record, e.local, &mut diagnostics),
            None => {
                let local = e.local.expect("an id is local or recorded");
                let late = newest.is_some_and(|n| n > pos);
                unrecorded(index, local, late, policy, &mut diagnostics)
            }
        };
        entries.push(entry);
    }
    Status {
        policy,
        entries,
        diagnostics,
    }
}

fn entry(id: &str, state: State, message: String, hint: Option<&str>) -> StatusEntry {
    StatusEntry {
        id: id.to_string(),
        state,
        message,
        hint: hint.map(str::to_string),
        progress: None,
        replaced_by: None,
    }
}

/// Turns an entry that needs attention into the matching diagnostic.
fn flag(entry: &StatusEntry, code: Code, out: &mut Vec<Diagnostic>) {
    let d = Diagnostic::error(code, format!("{}: {}", entry.id, entry.message))
        .with_object(entry.id.clone())
        .in_migration(entry.id.clone());
    out.push(match &entry.hint {
        Some(h) => d.with_hint(h.clone()),
        None => d,
    });
}

fn recorded(
    record: &AppliedRecord,
    local: Option<&LocalMigration>,
    out: &mut Vec<Diagnostic>,
) -> StatusEntry {
    let id = record.id.as_str();
    let progress = Progress {
        applied: record.statements_applied,
        total: record.statements_total,
    };
    let error = record.error.as_deref().unwrap_or("no error text recorded");
    let mut e = match record.status {
        RecordStatus::Failed if record.statements_applied == 0 => entry(
            id,
            State::Failed,
            format!("failed, nothing of it remains: {error}"),
            Some("fix the migration, then mark the failure resolved and deploy again"),
        ),
        RecordStatus::Failed => entry(
            id,
            State::PartiallyApplied,
            format!("{} of {} statements ran before it failed: {error}", progress.applied, progress.total),
            Some("finish or undo the remaining statements by hand (or with a recovery plan), then mark it resolved"),
        ),
        RecordStatus::Running => entry(
            id,
            State::PartiallyApplied,
            format!(
                "started and never finished: {} of {} statements ran (interrupted, or still running elsewhere)",
                progress.applied, progress.total
            ),
            Some("make sure no other deploy is running, then finish or undo it and mark it resolved"),
        ),
        RecordStatus::RolledBack => entry(
            id,
            State::RolledBack,
            "rolled back".to_string(),
            Some("deploy runs it again; delete the file if it should stay undone"),
        ),
        RecordStatus::Applied => return applied(record, local, out),
    };
    match e.state {
        State::Failed => flag(&e, Code::MigrationFailed, out),
        State::PartiallyApplied => flag(&e, Code::MigrationPartiallyApplied, out),
        _ => {}
    }
    if e.state != State::RolledBack {
        e.progress = Some(progress);
    }
    e
}

fn applied(
    record: &AppliedRecord,
    local: Option<&LocalMigration>,
    out: &mut Vec<Diagnostic>,
) -> StatusEntry {
    let id = record.id.as_str();
    let replaced_by = record.replaced_by.clone();
    let mut e = match (local, &replaced_by) {
        (None, Some(b)) => entry(
            id,
            State::Applied,
            format!("applied; replaced by baseline {b}"),
            None,
        ),
        (None, None) => {
            let e = entry(
                id,
                State::MissingLocally,
                "applied, but there is no local file".to_string(),
                Some("restore the file from version control, or squash it into a baseline"),
            );
            flag(&e, Code::MissingLocally, out);
            e
        }
        (Some(m), _) => match checksum_with(&m.sql, record.checksum_version) {
            Err(d) => {
                out.push(d.in_migration(id).with_object(id));
                entry(
                    id,
                    State::Applied,
                    "applied (checksum not verified)".to_string(),
                    None,
                )
            }
            Ok(sum) if sum.value != record.checksum => {
                let e = entry(
                    id,
                    State::Modified,
                    format!(
                        "edited after it was applied (checksum {} recorded, {} now)",
                        short(&record.checksum),
                        short(&sum.value)
                    ),
                    Some("revert the edit and put the change in a new migration"),
                );
                flag(&e, Code::ChecksumMismatch, out);
                e
            }
            Ok(_) => entry(id, State::Applied, "applied".to_string(), None),
        },
    };
    e.replaced_by = replaced_by;
    e
}

fn unrecorded(
    index: &Index,
    local: &LocalMigration,
    late: bool,
    policy: OrderingPolicy,
    out: &mut Vec<Diagnostic>,
) -> StatusEntry {
    let id = local.id.as_str();
    if let Some(&b) = index.replaced_by.get(id) {
        let mut e = if index.is_applied(b) {
            entry(
                id,
                State::Applied,
                format!("included in baseline {b}, which is applied"),
                None,
            )
        } else {
            entry(
                id,
                State::Pending,
                format!("will not run: baseline {b} replaces it"),
                None,
            )
        };
        e.replaced_by = Some(b.to_string());
        return e;
    }
    if !local.replaces.is_empty() {
        if let Some(e) = baseline_entry(index, local, out) {
            return e;
        }
    }
    let pending = || entry(id, State::Pending, "not applied yet".to_string(), None);
    if !late {
        return pending();
    }
    let mut e = entry(
        id,
        State::OutOfOrder,
        "not applied, and older than a migration that is".to_string(),
        None,
    );
    match judge(index, local, policy) {
        // Only older than migrations it depends on: in order after all.
        Ok(None) => return pending(),
        Ok(Some(notes)) => {
            e.message
                .push_str(&format!("; runs under the {} policy", policy_name(policy)));
            out.extend(notes);
        }
        Err(d) => {
            e.message = d.message.clone();
            e.hint = d.hint.clone();
            out.push(d);
        }
    }
    e
}

/// A baseline not recorded yet: recorded without running when everything it replaces is
/// applied, run in their place on a fresh database, an error in between.
fn baseline_entry(
    index: &Index,
    b: &LocalMigration,
    out: &mut Vec<Diagnostic>,
) -> Option<StatusEntry> {
    let applied: Vec<&str> = b
        .replaces
        .iter()
        .map(String::as_str)
        .filter(|r| index.record(r).is_some())
        .collect();
    if applied.is_empty() {
        return None;
    }
    if applied.len() == b.replaces.len() && applied.iter().all(|r| index.is_applied(r)) {
        return Some(entry(
            &b.id,
            State::Pending,
            format!(
                "baseline of {}: deploy records it without running it",
                b.replaces.join(", ")
            ),
            None,
        ));
    }
    let missing: Vec<&str> = b
        .replaces
        .iter()
        .map(String::as_str)
        .filter(|r| !index.is_applied(r))
        .collect();
    let e = entry(
        &b.id,
        State::Pending,
        format!(
            "baseline replaces {}, but only some are applied (not: {})",
            b.replaces.join(", "),
            missing.join(", ")
        ),
        Some("deploy the replaced migrations first (with the files restored), then the baseline"),
    );
    let d = Diagnostic::error(Code::BaselineIncomplete, format!("{}: {}", b.id, e.message))
        .with_object(missing[0].to_string())
        .in_migration(b.id.clone())
        .with_hint(e.hint.clone().unwrap_or_default());
    out.push(d);
    Some(e)
}

fn policy_name(p: OrderingPolicy) -> &'static str {
    match p {
        OrderingPolicy::Strict => "strict",
        OrderingPolicy::Permissive => "permissive",
        OrderingPolicy::Commutative => "commutative",
    }
}

fn short(sum: &str) -> &str {
    &sum[..sum.len().min(12)]
}
