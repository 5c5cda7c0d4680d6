//! `may-fail-unique`, `may-fail-check`, `may-fail-foreign-key`: a new constraint is checked
//! against the rows already there, and one row that breaks it fails the step.
//!
//! Unique constraints, unique indexes and primary keys fail on duplicates (a primary key
//! also on NULLs). Checks fail on a row that violates them, foreign keys on a row whose
//! key has no parent. In Postgres online mode the constraint is added NOT VALID and then
//! validated: the VALIDATE step is the one that fails. SQLite does not check existing rows
//! against a foreign key when it rebuilds the table; the orphans stay, violating it.

use super::{
    check_object, columns, foreign_key_object, hazard, member, primary_key_names, unique_object,
    Context,
};
use crate::diag::{Code, Diagnostic};
use crate::diff::{Change, Validatable};
use crate::model::Index;
use crate::Dialect;

pub(super) fn check(change: &Change, ctx: &Context, out: &mut Vec<Diagnostic>) {
    match change {
        Change::AddUnique { table, unique } => {
            let object = unique_object(table, unique);
            let nulls = if unique.nulls_not_distinct {
                " (NULLs count as equal)"
            } else {
                ""
            };
            out.push(hazard(
                Code::MayFailUnique,
                object.clone(),
                format!(
                    "adding unique constraint {object} fails if {table} has duplicate {} values{nulls}",
                    columns(&unique.columns)
                ),
                "find and resolve the duplicates first (GROUP BY the columns HAVING count(*) > 1)",
            ));
        }
        Change::AddIndex { table, index } if index.unique => {
            let object = member(table, &index.name);
            let rows = match &index.predicate {
                Some(p) => format!(" among rows where {p}"),
                None => String::new(),
            };
            out.push(hazard(
                Code::MayFailUnique,
                object.clone(),
                format!(
                    "adding unique index {object} fails if {table} has duplicate {} values{rows}",
                    parts(index)
                ),
                "find and resolve the duplicates first (GROUP BY the indexed columns HAVING count(*) > 1)",
            ));
        }
        Change::AddPrimaryKey { table, primary_key } => {
            let cols = columns(&primary_key.columns);
            let (object, key) = primary_key_names(table, primary_key);
            out.push(hazard(
                Code::MayFailUnique,
                object,
                format!("adding {key} fails if {table} has duplicate or NULL {cols} values"),
                "find and resolve duplicates and NULLs in the key columns first",
            ));
        }
        Change::AddExclusion { table, exclusion } => {
            let object = member(table, exclusion.name.as_deref().unwrap_or("exclusion"));
            out.push(hazard(
                Code::MayFailUnique,
                object.clone(),
                format!("adding exclusion constraint {object} fails if two rows of {table} conflict"),
                "find and resolve the conflicting rows first (a self-join on the constraint's operators)",
            ));
        }
        // NOT VALID skips the rows already there.
        Change::AddCheck { table, check } if !check.not_valid => {
            let object = check_object(table, check);
            out.push(hazard(
                Code::MayFailCheck,
                object.clone(),
                format!(
                    "adding check {object} fails if a row of {table} violates {}",
                    check.expr
                ),
                format!("fix or remove the rows where NOT ({}) first", check.expr),
            ));
        }
        Change::AddForeignKey {
            table,
            foreign_key: fk,
        } if !fk.not_valid => {
            let object = foreign_key_object(table, fk);
            let (from, to) = (columns(&fk.columns), columns(&fk.ref_columns));
            let message = if ctx.dialect == Dialect::Sqlite {
                format!(
                    "adding foreign key {object} leaves rows of {table} whose {from} match no {} {to} in place, violating it",
                    fk.ref_table
                )
            } else {
                format!(
                    "adding foreign key {object} fails if a row of {table} has {from} values missing from {} {to}",
                    fk.ref_table
                )
            };
            out.push(hazard(
                Code::MayFailForeignKey,
                object,
                message,
                "delete or fix the rows without a parent first (a LEFT JOIN on the key finds them)",
            ));
        }
        // VALIDATE checks the rows that NOT VALID let through, as an add would.
        Change::SetConstraintValid {
            table,
            constraint,
            valid: true,
        } => {
            let table = table.clone();
            let added = match constraint {
                Validatable::Check(c) => Change::AddCheck {
                    table,
                    check: c.clone(),
                },
                Validatable::ForeignKey(f) => Change::AddForeignKey {
                    table,
                    foreign_key: f.clone(),
                },
            };
            check(&added, ctx, out);
        }
        _ => {}
    }
}

/// `(a, lower(b))`: an index's columns and expressions.
fn parts(index: &Index) -> String {
    let names: Vec<String> = index.parts.iter().map(|p| p.column.clone()).collect();
    columns(&names)
}
