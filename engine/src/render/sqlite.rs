//! SQLite, for what its ALTER TABLE can do; everything else goes through `rebuild`, which
//! the planner applies to the whole table at once.

use super::ddl::{self, qname, quote};
use super::{unsupported, Ctx};
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::diff::Change;

const D: Dialect = Dialect::Sqlite;

pub(super) fn render(change: &Change, ctx: &Ctx) -> Result<Vec<String>, Diagnostic> {
    use Change::*;
    let _ = ctx;
    Ok(match change {
        CreateTable { table } => ddl::create_table(D, table, &table.name),
        DropTable { table } => vec![format!("DROP TABLE {}", qname(D, &table.name))],
        RenameTable { from, to } => vec![format!(
            "ALTER TABLE {} RENAME TO {}",
            qname(D, from),
            quote(D, &to.name)
        )],
        CreateView { view } => vec![format!(
            "CREATE VIEW {} AS {}",
            qname(D, &view.name),
            view.definition
        )],
        DropView { view } => vec![format!("DROP VIEW {}", qname(D, &view.name))],
        ReplaceView { previous, next } => vec![
            format!("DROP VIEW {}", qname(D, &previous.name)),
            format!(
                "CREATE VIEW {} AS {}",
                qname(D, &next.name),
                next.definition
            ),
        ],
        AddColumn { table, column, .. } => vec![format!(
            "ALTER TABLE {} ADD COLUMN {}",
            qname(D, table),
            ddl::column_def(D, column, false)
        )],
        DropColumn { table, column, .. } => vec![format!(
            "ALTER TABLE {} DROP COLUMN {}",
            qname(D, table),
            quote(D, &column.name)
        )],
        RenameColumn { table, from, to } => vec![format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {}",
            qname(D, table),
            quote(D, from),
            quote(D, to)
        )],
        AddIndex { table, index } => vec![ddl::create_index(D, table, index, false)],
        DropIndex { table, index } => vec![format!(
            "DROP INDEX {}",
            qname(D, &ddl::sibling(table, &index.name))
        )],
        CreateFunction { .. }
        | DropFunction { .. }
        | ReplaceFunction { .. }
        | CreateTrigger { .. }
        | DropTrigger { .. }
        | ReplaceTrigger { .. } => return super::routines::statements(change, D),
        _ => {
            return Err(unsupported(
                change,
                D,
                "SQLite has no schemas or enum types, and other table changes need a rebuild",
            ))
        }
    })
}
