//! Shared builders for the history tests.
#![allow(dead_code)]

use waymark::history::{AppliedRecord, History, LocalMigration, RecordStatus};
use waymark::Dialect;

pub fn m(id: &str, sql: &str) -> LocalMigration {
    LocalMigration::new(id, sql)
}

/// A record of `m` that ran to the end.
pub fn applied(m: &LocalMigration) -> AppliedRecord {
    AppliedRecord::applied(m)
}

pub fn with_status(
    m: &LocalMigration,
    status: RecordStatus,
    done: u32,
    total: u32,
) -> AppliedRecord {
    AppliedRecord {
        status,
        statements_applied: done,
        statements_total: total,
        error: (status == RecordStatus::Failed)
            .then(|| "relation \"x\" does not exist".to_string()),
        ..AppliedRecord::applied(m)
    }
}

pub fn history(dialect: Dialect, local: &[LocalMigration], applied: &[AppliedRecord]) -> History {
    History::new(dialect, local.to_vec(), applied.to_vec())
}
