//! The schemas a recovery moves between, replayed in memory: before the migration, after each
//! of its statements, and after all of them.

use crate::diag::{Code, Diagnostic, Location, Severity};
use crate::diff::RenameHints;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::history::checksum::checksum_with;
use crate::history::index::Index;
use crate::history::LocalMigration;
use crate::ingest;
use crate::model::Schema;
use crate::replay::{Migration, Replayer};

/// One statement of the migration, as the deploy split it.
pub(crate) struct Statement {
    pub sql: String,
    pub start: Location,
    /// Tables and columns it renamed, as (old, new).
    pub renames: Vec<(ObjectRef, ObjectRef)>,
}

pub(crate) struct Timeline {
    /// Every other applied migration, replayed in id order.
    pub before: Schema,
    pub statements: Vec<Statement>,
    /// `states[i]`: the schema after statements `0..i` (`states[0]` is `before`). Stops at the
    /// first statement the replay refuses.
    pub states: Vec<Schema>,
    /// The statement the replay refused, and why.
    pub broken: Option<(usize, Diagnostic)>,
    /// Statements whose effect is not modelled (data, unsupported), as warnings.
    pub unmodelled: Vec<Diagnostic>,
}

impl Timeline {
    /// The schema after the first `n` statements, when the replay got that far.
    pub fn after(&self, n: usize) -> Option<&Schema> {
        self.states.get(n)
    }

    pub fn complete(&self) -> Option<&Schema> {
        self.after(self.statements.len())
    }

    /// The renames statements `range` made, as hints for a plan across them; `reverse` turns
    /// them around for a plan that goes back.
    pub fn hints(&self, range: std::ops::Range<usize>, reverse: bool) -> RenameHints {
        let mut hints = RenameHints::default();
        for (old, new) in self.statements[range].iter().flat_map(|s| &s.renames) {
            let (from, to) = if reverse { (new, old) } else { (old, new) };
            match (old.kind, &from.part, &to.part) {
                (ObjectKind::Table, _, _) => {
                    hints.tables.push((from.object.clone(), to.object.clone()))
                }
                (ObjectKind::Column, Some(f), Some(t)) => {
                    hints
                        .columns
                        .push((to.object.clone(), f.clone(), t.clone()))
                }
                _ => {}
            }
        }
        hints
    }
}

/// The schema of every applied migration but `skip`, replayed in id order: what the database
/// holds without it.
pub(crate) fn applied_without(index: &Index, skip: &str) -> Result<Schema, Diagnostic> {
    let mut r = Replayer::new(index.history.dialect);
    for id in index.effective_applied() {
        if id == skip {
            continue;
        }
        let local = local(index, id)?;
        r.apply(&Migration::new(id, local.sql.clone()))?;
    }
    Ok(r.finish().schema)
}

pub(crate) fn local<'a>(index: &Index<'a>, id: &str) -> Result<&'a LocalMigration, Diagnostic> {
    index.local(id).ok_or_else(|| {
        Diagnostic::error(
            Code::MissingLocally,
            format!("migration `{id}` has no file, so it cannot be replayed"),
        )
        .with_object(id.to_string())
        .with_hint("restore the migration file as it was when it ran")
    })
}

/// Replays `m` statement by statement on top of `before`.
pub(crate) fn timeline(before: Schema, m: &LocalMigration) -> Result<Timeline, Diagnostic> {
    let parts = crate::history::deploy::split(before.dialect, m)?;
    let mut states = vec![before.clone()];
    let mut statements = Vec::with_capacity(parts.len());
    let mut broken = None;
    let mut unmodelled = Vec::new();
    for (i, (sql, start, _)) in parts.into_iter().enumerate() {
        let mut renames = Vec::new();
        if broken.is_none() {
            let mut next = states.last().expect("before").clone();
            match ingest::apply_sql(&mut next, &sql) {
                Ok(applied) => {
                    renames = applied.footprint.renames;
                    unmodelled.extend(
                        applied
                            .diagnostics
                            .into_iter()
                            .filter(|d| {
                                d.severity != Severity::Info || d.code == Code::DataStatement
                            })
                            .map(|d| note(d, m, i, start)),
                    );
                    states.push(next);
                }
                Err(d) => broken = Some((i, note(d, m, i, start))),
            }
        }
        statements.push(Statement {
            sql,
            start,
            renames,
        });
    }
    Ok(Timeline {
        before,
        statements,
        states,
        broken,
        unmodelled,
    })
}

/// A statement's diagnostic, placed in the migration file. Rows a data statement wrote are
/// something a recovery may drop, so it is a warning here.
fn note(d: Diagnostic, m: &LocalMigration, i: usize, start: Location) -> Diagnostic {
    let (message, hint) = if d.code == Code::DataStatement {
        (
            format!(
                "statement {} ({start}) is a {}: the rows it wrote are not modelled, and no plan here undoes or redoes it",
                i + 1,
                d.message
            ),
            Some("run the pre-checks: they show whether a roll back drops rows it wrote".to_string()),
        )
    } else {
        (
            format!("statement {} ({start}): {}", i + 1, d.message),
            d.hint,
        )
    };
    Diagnostic {
        message,
        hint,
        severity: d.severity.min(Severity::Warning),
        location: Some(start),
        ..d
    }
    .in_migration(m.id.clone())
}

/// The file must be the one that ran: the statements counted as run are read from it.
pub(crate) fn same_file(
    m: &LocalMigration,
    recorded: &str,
    version: u32,
) -> Result<(), Diagnostic> {
    let now = checksum_with(&m.sql, version)?;
    if now.value == recorded {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::ChecksumMismatch,
        format!(
            "migration `{}` changed since it ran: the statements that ran can no longer be read from it",
            m.id
        ),
    )
    .with_object(m.id.clone())
    .with_hint("restore the file as it was when it failed (version control has it), recover, then edit it"))
}
