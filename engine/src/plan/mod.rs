//! The planner: turns a diff's changes into ordered, rendered steps. The order comes from an
//! explicit dependency graph (`order`, `deps`); SQL comes from `crate::render`. See
//! `docs/plan.md`.

mod build;
mod deps;
pub(crate) mod hazards;
mod order;
mod step;
mod views;

pub use order::order;
pub use step::{Plan, PlanOptions, Reversibility, Step};

use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::diff::{diff_renamed, MigrationPair, RenameHints};
use crate::model::Schema;
use crate::render::rebuild;
use std::collections::BTreeMap;

/// The plan that turns `pair.previous` into `pair.next`: `unsupported-change` when some
/// change cannot be expressed in the dialect, `plan-cycle` when no order works.
pub fn plan(
    pair: MigrationPair,
    hints: &RenameHints,
    options: &PlanOptions,
) -> Result<Plan, Diagnostic> {
    let dialect = pair.next.dialect;
    let (diff, renamed) = diff_renamed(pair, hints)?;
    let mut changes = diff.changes;
    let rebuilt = if dialect == Dialect::Sqlite {
        rebuild::tables(&changes, &renamed, pair.next)
    } else {
        Default::default()
    };
    views::make_room(&mut changes, dialect, &renamed, pair.next, &rebuilt);
    let groups = group(&changes, &rebuilt);
    let sequence = order::order_groups(&changes, &groups, &renamed, pair.next)?;
    let ctx = build::Context {
        dialect,
        original: pair.previous,
        previous: &renamed,
        next: pair.next,
        options,
        changes: &changes,
    };
    let steps = sequence
        .into_iter()
        .map(|g| ctx.step(&groups[g], &rebuilt))
        .collect::<Result<Vec<_>, _>>()?;
    let mut suggestions = diff.suggestions;
    if dialect == Dialect::Postgres {
        suggestions.extend(column_order(&renamed, pair.next));
    }
    Ok(Plan {
        dialect,
        steps,
        suggestions,
    })
}

/// Postgres only appends columns: a column added in the middle ends up last.
fn column_order(previous: &Schema, next: &Schema) -> Vec<Diagnostic> {
    next.tables
        .iter()
        .filter(|(name, t)| {
            previous
                .tables
                .get(*name)
                .is_some_and(|p| !rebuild::appends_only(p, t))
        })
        .map(|(name, _)| {
            Diagnostic::warning(
                Code::ColumnOrderDiffers,
                format!("PostgreSQL appends new columns: table {name} will list its columns in another order than the target"),
            )
            .with_object(name.to_string())
            .with_hint("column order only matters to SELECT *; list columns explicitly, or recreate the table by hand")
        })
        .collect()
}

/// One group per change, except that every change inside a rebuilt table joins one group,
/// placed where its first change was.
fn group(
    changes: &[crate::diff::Change],
    rebuilt: &std::collections::BTreeSet<crate::model::QualifiedName>,
) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_table: BTreeMap<&crate::model::QualifiedName, usize> = BTreeMap::new();
    for (i, c) in changes.iter().enumerate() {
        match rebuild::member_table(c).filter(|t| rebuilt.contains(*t)) {
            Some(t) => match by_table.get(t) {
                Some(&g) => groups[g].push(i),
                None => {
                    by_table.insert(t, groups.len());
                    groups.push(vec![i]);
                }
            },
            None => groups.push(vec![i]),
        }
    }
    groups
}
