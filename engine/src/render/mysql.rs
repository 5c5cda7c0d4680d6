//! MySQL/MariaDB. Every DDL statement commits on its own. A column change is a MODIFY
//! carrying the whole definition: what it leaves out, the server drops.

use super::ddl::{self, qname, quote};
use super::{unsupported, Ctx};
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::diff::Change;
use crate::model::QualifiedName;

const D: Dialect = Dialect::Mysql;

pub(super) fn render(change: &Change, ctx: &Ctx) -> Result<Vec<String>, Diagnostic> {
    use Change::*;
    let alter = |t: &QualifiedName, action: String| format!("ALTER TABLE {} {action}", qname(D, t));
    let _ = ctx;
    Ok(match change {
        CreateTable { table } => ddl::create_table(D, table, &table.name),
        DropTable { table } => vec![format!("DROP TABLE {}", qname(D, &table.name))],
        RenameTable { from, to } => vec![format!(
            "RENAME TABLE {} TO {}",
            qname(D, from),
            qname(D, to)
        )],
        CreateView { view } => vec![format!(
            "CREATE VIEW {} AS {}",
            qname(D, &view.name),
            view.definition
        )],
        DropView { view } => vec![format!("DROP VIEW {}", qname(D, &view.name))],
        CreateFunction { .. }
        | DropFunction { .. }
        | ReplaceFunction { .. }
        | CreateTrigger { .. }
        | DropTrigger { .. }
        | ReplaceTrigger { .. } => return super::routines::statements(change, D),
        ReplaceView { next, .. } => vec![format!(
            "CREATE OR REPLACE VIEW {} AS {}",
            qname(D, &next.name),
            next.definition
        )],
        AddColumn {
            table,
            column,
            after,
        } => vec![alter(
            table,
            format!(
                "ADD COLUMN {}{}",
                ddl::column_def(D, column, false),
                position(after)
            ),
        )],
        DropColumn { table, column, .. } => {
            vec![alter(
                table,
                format!("DROP COLUMN {}", quote(D, &column.name)),
            )]
        }
        RenameColumn { table, from, to } => vec![alter(
            table,
            format!("RENAME COLUMN {} TO {}", quote(D, from), quote(D, to)),
        )],
        AlterColumn { table, next, .. } => vec![alter(
            table,
            format!("MODIFY COLUMN {}", ddl::column_def(D, next, false)),
        )],
        AddPrimaryKey { table, primary_key } => vec![alter(
            table,
            format!("ADD {}", ddl::primary_key_clause(D, primary_key)),
        )],
        DropPrimaryKey { table, .. } => vec![alter(table, "DROP PRIMARY KEY".into())],
        AddUnique { table, unique } => {
            vec![alter(
                table,
                format!("ADD {}", ddl::unique_clause(D, unique)),
            )]
        }
        DropUnique { table, unique } => match &unique.name {
            Some(n) => vec![alter(table, format!("DROP INDEX {}", quote(D, n)))],
            None => return Err(unsupported(change, D, "the unique key has no name")),
        },
        AddIndex { table, index } => vec![ddl::create_index(D, table, index, false)],
        DropIndex { table, index } => vec![format!(
            "DROP INDEX {} ON {}",
            quote(D, &index.name),
            qname(D, table)
        )],
        AddForeignKey { table, foreign_key } => vec![alter(
            table,
            format!(
                "ADD {}",
                ddl::foreign_key_clause(
                    D,
                    &ddl::mysql_written_fk(table, ctx.next.tables.get(table), foreign_key)
                )
            ),
        )],
        DropForeignKey { table, foreign_key } => match &foreign_key.name {
            Some(n) => vec![alter(table, format!("DROP FOREIGN KEY {}", quote(D, n)))],
            None => return Err(unsupported(change, D, "the foreign key has no name")),
        },
        AddCheck { table, check } => {
            vec![alter(table, format!("ADD {}", ddl::check_clause(D, check)))]
        }
        DropCheck { table, check } => match &check.name {
            Some(n) => vec![alter(table, format!("DROP CONSTRAINT {}", quote(D, n)))],
            None => return Err(unsupported(change, D, "the check has no name")),
        },
        SetTableComment { table, next, .. } => {
            let text = next.as_deref().unwrap_or("");
            vec![alter(table, format!("COMMENT = {}", ddl::literal(D, text)))]
        }
        RenameIndex { table, from, to } => vec![alter(
            table,
            format!("RENAME INDEX {} TO {}", quote(D, from), quote(D, to)),
        )],
        RenameConstraint { .. } => {
            return Err(unsupported(
                change,
                D,
                "MariaDB cannot rename a constraint; it is dropped and added",
            ))
        }
        SetConstraintValid { .. } => {
            return Err(unsupported(change, D, "MySQL has no NOT VALID constraints"))
        }
        AddExclusion { .. } | DropExclusion { .. } | AlterIndexStorage { .. } => {
            return Err(unsupported(
                change,
                D,
                "exclusion constraints and index storage parameters are PostgreSQL's",
            ))
        }
        ReorderColumns { .. } => {
            return Err(unsupported(
                change,
                D,
                "columns are moved inside the table's ALTER TABLE",
            ))
        }
        AlterTableOptions {
            table,
            previous,
            next,
        } => {
            let clauses = super::table_options::mysql_clauses(previous, next, ctx);
            let mut out = Vec::new();
            if previous.partition != next.partition {
                let had = previous.partition.is_some();
                if had && (next.partition.is_none() || !clauses.is_empty()) {
                    out.push(alter(table, "REMOVE PARTITIONING".into()));
                }
                if !clauses.is_empty() {
                    out.push(alter(table, clauses.join(", ")));
                }
                if let Some(clause) = &next.partition {
                    out.push(alter(table, clause.clone()));
                }
            } else {
                out.push(alter(table, clauses.join(", ")));
            }
            out
        }
        CreateSchema { .. }
        | DropSchema { .. }
        | CreateEnum { .. }
        | DropEnum { .. }
        | AddEnumValue { .. }
        | DropEnumValue { .. }
        | ReplaceEnum { .. }
        | CreateDomain { .. }
        | DropDomain { .. }
        | AlterDomain { .. }
        | CreateExtension { .. }
        | DropExtension { .. }
        | SetComment { .. } => {
            return Err(unsupported(
                change,
                D,
                "MySQL has no schemas or enum types apart from the database and column types",
            ))
        }
        GrantPrivileges { .. }
        | RevokePrivileges { .. }
        | SetRowSecurity { .. }
        | CreatePolicy { .. }
        | DropPolicy { .. }
        | ReplacePolicy { .. } => {
            return Err(unsupported(
                change,
                D,
                "privileges, row-level security and policies are modelled for PostgreSQL only",
            ))
        }
    })
}

fn position(after: &Option<String>) -> String {
    match after {
        Some(a) => format!(" AFTER {}", quote(D, a)),
        None => " FIRST".to_string(),
    }
}
