//! The differ: what changed between two schemas, as a list of `Change`s. Pure and
//! deterministic. Ordering the changes for execution is the planner's job (a dependency
//! graph); here they are only sorted by object, then kind. See `docs/diff.md`.

mod access;
mod change;
mod columns;
mod members;
mod objects;
mod renames;
mod retyped_keys;
pub(crate) mod routines;
mod summary;
mod tables;

pub use change::{Change, ColumnAspect, Validatable};
pub use objects::CommentOn;
pub use summary::summary;

use crate::diag::Diagnostic;
use crate::model::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// The two sides of a migration.
#[derive(Debug, Clone, Copy)]
pub struct MigrationPair<'a> {
    pub previous: &'a Schema,
    pub next: &'a Schema,
}

/// Renames the caller vouches for; without them a rename is a drop and an add.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RenameHints {
    /// (old, new).
    #[serde(default)]
    pub tables: Vec<(QualifiedName, QualifiedName)>,
    /// (table as named in the next schema, old column, new column).
    #[serde(default)]
    pub columns: Vec<(QualifiedName, String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    /// `possible-rename` warnings: drops and adds that may be renames.
    pub suggestions: Vec<Diagnostic>,
}

/// The changes that turn `pair.previous` into `pair.next`. Fails only on a bad hint.
pub fn diff(pair: MigrationPair, hints: &RenameHints) -> Result<Diff, Diagnostic> {
    diff_renamed(pair, hints).map(|(d, _)| d)
}

/// `diff`, and the previous schema as it reads once the renames ran: names inside the
/// changes are those, so a planner looks objects up there.
/// The diff, and the previous schema with the renames applied (borrowed when there are none).
pub fn diff_renamed<'a>(
    pair: MigrationPair<'a>,
    hints: &RenameHints,
) -> Result<(Diff, std::borrow::Cow<'a, Schema>), Diagnostic> {
    let renames = renames::resolve(&pair, hints)?;
    let mut previous = renames.apply(pair.previous);
    // SQL does not know the database's default collation; a live schema does.
    if let Some(p) = crate::canon::collation::resolved(&previous, pair.next) {
        previous = std::borrow::Cow::Owned(p);
    }
    let next_resolved = crate::canon::collation::resolved(pair.next, &previous);
    let next = next_resolved.as_ref().unwrap_or(pair.next);
    let mut changes = renames.changes();
    tables::diff_schemas(&previous, next, &mut changes);
    routines::diff(&previous, next, &mut changes);
    objects::diff(&previous, next, &mut changes);
    retyped_keys::around_retypes(&previous, next, &mut changes);
    // Sort keys are computed once each; ties (none expected) keep a stable order.
    changes.sort_by_cached_key(Change::subject);
    let suggestions = renames::suggest(&changes);
    let diff = Diff {
        changes,
        suggestions,
    };
    Ok((diff, previous))
}
