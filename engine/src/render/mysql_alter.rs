//! MySQL/MariaDB: every change inside one table becomes one ALTER TABLE. The server checks
//! the resulting definition as a whole, which is what an AUTO_INCREMENT column needing its
//! key, a foreign key needing an index, or a table losing its last old column require.
//! Foreign keys are dropped in a statement of their own first: MySQL refuses to drop and
//! add a foreign key of the same name in one statement.

use super::ddl::{self, qname, quote};
use super::{mysql, Ctx};
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::diff::{Change, ColumnAspect};
use crate::model::{QualifiedName, Table};
use std::collections::BTreeMap;

const D: Dialect = Dialect::Mysql;

/// Statements for `members`, all changes inside `table`; `ctx.next` holds its target shape.
pub(crate) fn render(
    table: &QualifiedName,
    members: &[Change],
    ctx: &Ctx,
) -> Result<Vec<String>, Diagnostic> {
    let target = ctx.next.tables.get(table);
    let mut fk_drops = Vec::new();
    let mut regen_drops = Vec::new();
    let mut drops = Vec::new();
    let mut changes = Vec::new();
    let mut partition: Option<(bool, Option<String>)> = None;
    let mut adds = Vec::new();
    let mut fk_adds = Vec::new();
    let mut other = Vec::new();
    // Columns renamed here, by next name: the alteration of one becomes a CHANGE.
    let renamed: BTreeMap<&str, &str> = members
        .iter()
        .filter_map(|c| match c {
            Change::RenameColumn { from, to, .. } => Some((to.as_str(), from.as_str())),
            _ => None,
        })
        .collect();
    // Going down, an alteration names the column as it is before its rename back.
    let renamed_away: BTreeMap<&str, &str> = renamed.iter().map(|(t, f)| (*f, *t)).collect();
    let altered = |name: &str| {
        members
            .iter()
            .any(|c| matches!(c, Change::AlterColumn { next, .. } if next.name == name))
    };
    // Clauses that place a column, run in target order so each AFTER names a column
    // already in place.
    let mut positioned: Vec<(usize, String)> = Vec::new();
    let pos = |name: &str| {
        target
            .and_then(|t| t.columns.iter().position(|c| c.name == name))
            .unwrap_or(usize::MAX)
    };
    let reordered: Vec<&String> = members
        .iter()
        .flat_map(|c| match c {
            Change::ReorderColumns { next, .. } => next.iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    for c in members {
        match c {
            Change::DropForeignKey { foreign_key, .. } => match &foreign_key.name {
                Some(n) => fk_drops.push(format!("DROP FOREIGN KEY {}", quote(D, n))),
                None => other.push(c),
            },
            Change::DropCheck { check, .. } if check.name.is_some() => {
                let n = check.name.as_deref().unwrap_or_default();
                drops.push(format!("DROP CONSTRAINT {}", quote(D, n)));
            }
            Change::DropIndex { index, .. } => {
                drops.push(format!("DROP INDEX {}", quote(D, &index.name)))
            }
            Change::DropUnique { unique, .. } if unique.name.is_some() => {
                let n = unique.name.as_deref().unwrap_or_default();
                drops.push(format!("DROP INDEX {}", quote(D, n)));
            }
            Change::DropPrimaryKey { .. } => drops.push("DROP PRIMARY KEY".into()),
            Change::DropColumn { column, .. } => {
                drops.push(format!("DROP COLUMN {}", quote(D, &column.name)))
            }
            Change::RenameColumn { from, to, .. } if !altered(to) && !altered(from) => changes
                .push(format!(
                    "RENAME COLUMN {} TO {}",
                    quote(D, from),
                    quote(D, to)
                )),
            Change::RenameColumn { .. } => {}
            Change::AlterColumn {
                previous,
                next,
                aspects,
                ..
            } => {
                let def = ddl::column_def(D, next, false);
                if aspects.contains(&ColumnAspect::Generated) {
                    // MariaDB cannot MODIFY a column into or out of being generated.
                    regen_drops.push(format!("DROP COLUMN {}", quote(D, &previous.name)));
                    positioned.push((
                        pos(&next.name),
                        format!("ADD COLUMN {def}{}", position(target, &next.name)),
                    ));
                } else if reordered.contains(&&next.name)
                    && !renamed.contains_key(next.name.as_str())
                {
                    // The reordering MODIFY below carries the new definition.
                } else if let Some(old) = renamed.get(next.name.as_str()) {
                    changes.push(format!("CHANGE COLUMN {} {def}", quote(D, old)));
                } else if let Some(new) = renamed_away.get(next.name.as_str()) {
                    let mut col = next.clone();
                    col.name = new.to_string();
                    let def = ddl::column_def(D, &col, false);
                    changes.push(format!("CHANGE COLUMN {} {def}", quote(D, &next.name)));
                } else {
                    changes.push(format!("MODIFY COLUMN {def}"));
                }
            }
            Change::AddColumn { column, after, .. } => {
                let at = match after {
                    Some(a) => format!(" AFTER {}", quote(D, a)),
                    None => " FIRST".into(),
                };
                positioned.push((
                    pos(&column.name),
                    format!("ADD COLUMN {}{at}", ddl::column_def(D, column, false)),
                ));
            }
            Change::ReorderColumns { next, .. } => {
                // Every kept column, in target order, after its predecessor there.
                if let Some(t) = target {
                    for name in next {
                        if let Some(col) = t.column(name) {
                            positioned.push((
                                pos(name),
                                format!(
                                    "MODIFY COLUMN {}{}",
                                    ddl::column_def(D, col, false),
                                    position(target, name)
                                ),
                            ));
                        }
                    }
                }
            }
            Change::AddPrimaryKey { primary_key, .. } => {
                adds.push(format!("ADD {}", ddl::primary_key_clause(D, primary_key)))
            }
            Change::AddUnique { unique, .. } => {
                adds.push(format!("ADD {}", ddl::unique_clause(D, unique)))
            }
            // A key added here makes this index itself, and marks it as its own.
            Change::AddIndex { index, .. } if made_by_key(table, target, index, members) => {}
            Change::AddIndex { index, .. } => {
                adds.push(format!("ADD {}", ddl::mysql_inline_index(index)))
            }
            Change::AddCheck { check, .. } => {
                adds.push(format!("ADD {}", ddl::check_clause(D, check)))
            }
            Change::AddForeignKey { foreign_key, .. } => {
                let fk = ddl::mysql_written_fk(table, target, foreign_key);
                fk_adds.push(format!("ADD {}", ddl::foreign_key_clause(D, &fk)))
            }
            Change::AlterTableOptions { previous, next, .. } => {
                changes.extend(super::table_options::mysql_clauses(previous, next, ctx));
                if previous.partition != next.partition {
                    partition = Some((previous.partition.is_some(), next.partition.clone()));
                }
            }
            Change::RenameIndex { from, to, .. } => changes.push(format!(
                "RENAME INDEX {} TO {}",
                quote(D, from),
                quote(D, to)
            )),
            Change::SetTableComment { next, .. } => changes.push(format!(
                "COMMENT = {}",
                ddl::literal(D, next.as_deref().unwrap_or(""))
            )),
            _ => other.push(c),
        }
    }
    let t = qname(D, table);
    let mut out = Vec::new();
    if !fk_drops.is_empty() {
        out.push(format!("ALTER TABLE {t} {}", fk_drops.join(", ")));
    }
    if !regen_drops.is_empty() {
        out.push(format!("ALTER TABLE {t} {}", regen_drops.join(", ")));
    }
    positioned.sort_by_key(|(p, _)| *p);
    let main: Vec<String> = drops
        .into_iter()
        .chain(changes)
        .chain(positioned.into_iter().map(|(_, c)| c))
        .chain(adds)
        .chain(fk_adds)
        .collect();
    // Partitioning is a clause of its own after the actions. It constrains every unique key,
    // so the old one goes before the other actions and the new one comes after them.
    let (remove_first, new_clause) = match partition {
        Some((had, next)) => (had && (next.is_none() || !main.is_empty()), next),
        None => (false, None),
    };
    if remove_first {
        out.push(format!("ALTER TABLE {t} REMOVE PARTITIONING"));
    }
    if !main.is_empty() {
        out.push(format!("ALTER TABLE {t}\n  {}", main.join(",\n  ")));
    }
    if let Some(clause) = new_clause {
        out.push(format!("ALTER TABLE {t} {clause}"));
    }
    for c in other {
        out.extend(mysql::render(c, ctx)?);
    }
    Ok(out)
}

/// True when `index` is a foreign key's implicit index that a key added in `members` creates
/// under the same name: named after the key, or after its first column when it has none.
fn made_by_key(
    table: &QualifiedName,
    target: Option<&Table>,
    index: &crate::model::Index,
    members: &[Change],
) -> bool {
    index.fk_generated.0
        && members.iter().any(|c| match c {
            Change::AddForeignKey { foreign_key, .. } => {
                let fk = ddl::mysql_written_fk(table, target, foreign_key);
                let implicit = fk.name.as_ref().or(fk.columns.first());
                let leading: Vec<&String> = index.parts.iter().map(|p| &p.column).collect();
                implicit == Some(&index.name)
                    && leading.len() == fk.columns.len()
                    && leading.iter().zip(&fk.columns).all(|(a, b)| *a == b)
            }
            _ => false,
        })
}

fn position(target: Option<&Table>, column: &str) -> String {
    let pred = target.and_then(|t| {
        let i = t.columns.iter().position(|c| c.name == column)?;
        Some(i.checked_sub(1).map(|j| t.columns[j].name.clone()))
    });
    match pred {
        Some(Some(p)) => format!(" AFTER {}", quote(D, &p)),
        _ => " FIRST".into(),
    }
}
