//! The planner: turns a diff's changes into ordered, rendered steps. The order comes from an
//! explicit dependency graph (`order`, `deps`); SQL comes from `crate::render`. See
//! `docs/plan.md`.

mod access;
mod build;
mod deps;
mod fk_cycles;
pub(crate) mod hazards;
mod member_renames;
mod order;
mod pg_objects;
mod routines;
mod step;
mod views;

pub use order::order;
pub(crate) use step::least_reversible;
pub use step::{Plan, PlanOptions, Reversibility, Step};

use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::diff::Change;
use crate::diff::{diff_renamed, MigrationPair, RenameHints};
use crate::model::{QualifiedName, Schema};
use crate::render::rebuild;
use std::collections::BTreeMap;
use std::collections::BTreeSet;

/// The plan that turns `pair.previous` into `pair.next`: `unsupported-change` when some
/// change cannot be expressed in the dialect, `plan-cycle` when no order works.
pub fn plan(
    pair: MigrationPair,
    hints: &RenameHints,
    options: &PlanOptions,
) -> Result<Plan, Diagnostic> {
    let dialect = pair.next.dialect;
    if dialect == Dialect::Sqlite {
        case_only_renames(pair.previous, pair.next)?;
    }
    let (diff, renamed) = diff_renamed(pair, hints)?;
    let mut changes = diff.changes;
    fold_enums(&mut changes, &renamed, pair.next);
    member_renames::fold(&mut changes, dialect);
    if dialect != Dialect::Sqlite {
        fk_cycles::split(&mut changes);
    }
    if dialect == Dialect::Postgres {
        // Postgres cannot move a column; `column_order` warns instead.
        changes.retain(|c| !matches!(c, Change::ReorderColumns { .. }));
    }
    // Tables whose changes run as one step: a SQLite rebuild, a MySQL ALTER TABLE.
    let rebuilt = match dialect {
        Dialect::Sqlite => rebuild::tables(&changes, &renamed, pair.next),
        Dialect::Mysql => changes
            .iter()
            .filter_map(rebuild::member_table)
            .cloned()
            .collect(),
        Dialect::Postgres => Default::default(),
    };
    views::make_room(&mut changes, dialect, &renamed, pair.next, &rebuilt);
    if dialect == Dialect::Postgres {
        access::make_room(&mut changes, &renamed, pair.next);
    }
    routines::make_room(&mut changes, &renamed, pair.next, &rebuilt);
    let groups = group(&changes, &rebuilt);
    let sequence = order::order_groups(&changes, &groups, &rebuilt, &renamed, pair.next)?;
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

/// SQLite matches table names without regard to case, and cannot rename a table to a name
/// that differs only in case: `Users` and `USERS` are one table it cannot rename.
fn case_only_renames(previous: &Schema, next: &Schema) -> Result<(), Diagnostic> {
    for name in next.tables.keys() {
        let clash = previous.tables.keys().find(|p| {
            *p != name && p.schema == name.schema && p.name.eq_ignore_ascii_case(&name.name)
        });
        if let Some(p) = clash {
            return Err(Diagnostic::error(
                Code::UnsupportedChange,
                format!("cannot plan `{p}` → `{name}` on sqlite: SQLite table names ignore case, so these are one table, and SQLite cannot change the case of its name"),
            )
            .with_object(name.to_string())
            .with_hint("spell the table as it is in the database, or recreate it by hand"));
        }
    }
    Ok(())
}

/// An enum that loses a value is recreated whole, so its added values go into that same
/// recreation instead of separate ADD VALUE steps that would find them already there.
fn fold_enums(changes: &mut Vec<Change>, previous: &Schema, next: &Schema) {
    let dropping: BTreeSet<QualifiedName> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropEnumValue { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    if dropping.is_empty() {
        return;
    }
    changes.retain(|c| match c {
        Change::DropEnumValue { name, .. } | Change::AddEnumValue { name, .. } => {
            !dropping.contains(name)
        }
        _ => true,
    });
    for name in dropping {
        if let (Some(p), Some(n)) = (previous.enums.get(&name), next.enums.get(&name)) {
            changes.push(Change::ReplaceEnum {
                previous: p.clone(),
                next: n.clone(),
            });
        }
    }
}

/// Postgres only appends columns: a column added in the middle, or put back in the middle
/// going down, ends up last, and columns never move.
fn column_order(previous: &Schema, next: &Schema) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, t) in &next.tables {
        let Some(p) = previous.tables.get(name) else {
            continue;
        };
        let up = !rebuild::appends_only(p, t);
        let down = !rebuild::appends_only(t, p);
        let when = match (up, down) {
            (false, false) => continue,
            (true, false) => "after the up script",
            (false, true) => "after the down script",
            (true, true) => "after the up and the down script",
        };
        out.push(
            Diagnostic::warning(
                Code::ColumnOrderDiffers,
                format!("PostgreSQL appends new columns and cannot move them: {when}, table {name} lists its columns in another order than intended"),
            )
            .with_object(name.to_string())
            .with_hint("column order only matters to SELECT * and positional INSERT; list columns explicitly, or recreate the table by hand"),
        );
    }
    out
}

/// One group per change, except that every change inside a rebuilt table joins one group,
/// placed where its first change was. A foreign key dropped and added again unchanged (around
/// a retype of a column on either side) keeps steps of its own: the other table's change
/// has to run between the two.
fn group(
    changes: &[crate::diff::Change],
    rebuilt: &std::collections::BTreeSet<crate::model::QualifiedName>,
) -> Vec<Vec<usize>> {
    use crate::diff::Change::{AddForeignKey, DropForeignKey};
    let remade = |c: &crate::diff::Change| {
        match c {
        DropForeignKey { table, foreign_key } => changes.iter().any(|o| {
            matches!(o, AddForeignKey { table: t, foreign_key: f } if t == table && f == foreign_key)
        }),
        AddForeignKey { table, foreign_key } => changes.iter().any(|o| {
            matches!(o, DropForeignKey { table: t, foreign_key: f } if t == table && f == foreign_key)
        }),
        _ => false,
    }
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_table: BTreeMap<&crate::model::QualifiedName, usize> = BTreeMap::new();
    for (i, c) in changes.iter().enumerate() {
        let joins = rebuild::member_table(c).filter(|t| rebuilt.contains(*t));
        match joins.filter(|_| !remade(c)) {
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
