//! `long-lock-index`, `long-lock-validation`: Postgres statements that hold a lock
//! blocking the application for as long as they read the whole table.
//!
//! - CREATE INDEX without CONCURRENTLY holds a SHARE lock (no writes) while it builds;
//!   online mode builds it CONCURRENTLY instead.
//! - ADD UNIQUE and ADD PRIMARY KEY build their index under ACCESS EXCLUSIVE (no reads
//!   either), in online mode too: the planner adds them as constraints, not through an
//!   index built CONCURRENTLY first.
//! - ADD CHECK / ADD FOREIGN KEY scan the table to validate it, under ACCESS EXCLUSIVE
//!   (SHARE ROW EXCLUSIVE on both tables for a foreign key). Online mode adds a named
//!   constraint NOT VALID and validates it separately, under a lock that lets reads and
//!   writes through; an unnamed one cannot be validated later, so it is added at once.
//! - SET NOT NULL scans the table under ACCESS EXCLUSIVE, unless a valid check
//!   `col IS NOT NULL` already proves it (Postgres 12+). Online mode goes through such a
//!   check.
//!
//! MySQL builds indexes and checks in place or by copying (see `table_rewrites`); SQLite
//! locks the whole database for any write, so neither gets these.

use super::{
    check_object, foreign_key_object, hazard, member, primary_key_names, unique_object, Context,
};
use crate::diag::{Code, Diagnostic};
use crate::diff::{Change, ColumnAspect};
use crate::model::{QualifiedName, Schema};
use crate::Dialect;

pub(super) fn check(change: &Change, ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.dialect != Dialect::Postgres {
        return;
    }
    match change {
        Change::AddIndex { table, index } if !ctx.online || ctx.previous.partitioned(table) => {
            let object = member(table, &index.name);
            let hint = match ctx.online {
                // PostgreSQL builds no index CONCURRENTLY on a partitioned table.
                true => "build it ON ONLY the parent, CONCURRENTLY on each partition, then ATTACH each; or run it when the table is quiet",
                false => "plan in online mode (CREATE INDEX CONCURRENTLY), or run it when the table is quiet",
            };
            out.push(hazard(
                Code::LongLockIndex,
                object.clone(),
                format!("building index {object} blocks writes to {table} until it finishes"),
                hint,
            ));
        }
        Change::AddUnique { table, unique } => {
            let object = unique_object(table, unique);
            out.push(hazard(
                Code::LongLockIndex,
                object.clone(),
                format!(
                    "adding unique constraint {object} builds its index while blocking reads and writes on {table}"
                ),
                "build a unique index CONCURRENTLY first and add the constraint USING INDEX, or run it when the table is quiet",
            ));
        }
        Change::AddExclusion { table, exclusion } => {
            let object = member(table, exclusion.name.as_deref().unwrap_or("exclusion"));
            out.push(hazard(
                Code::LongLockIndex,
                object.clone(),
                format!(
                    "adding exclusion constraint {object} builds its index while blocking reads and writes on {table}"
                ),
                "run it when the table is quiet",
            ));
        }
        Change::AddPrimaryKey { table, primary_key } => {
            let (object, key) = primary_key_names(table, primary_key);
            out.push(hazard(
                Code::LongLockIndex,
                object,
                format!(
                    "adding {key} builds its index while blocking reads and writes on {table}"
                ),
                "build a unique index CONCURRENTLY first and add the key USING INDEX, or run it when the table is quiet",
            ));
        }
        Change::AddCheck { table, check }
            if !check.not_valid && (!ctx.online || check.name.is_none()) =>
        {
            let object = check_object(table, check);
            out.push(hazard(
                Code::LongLockValidation,
                object.clone(),
                format!(
                    "adding check {object} scans {table} to validate it while blocking reads and writes"
                ),
                if check.name.is_none() {
                    "name the constraint so online mode can add it NOT VALID and validate it separately"
                } else {
                    "plan in online mode (NOT VALID, then VALIDATE CONSTRAINT), or run it when the table is quiet"
                },
            ));
        }
        Change::AddForeignKey {
            table,
            foreign_key: fk,
        } if !fk.not_valid && (!ctx.online || fk.name.is_none()) => {
            let object = foreign_key_object(table, fk);
            out.push(hazard(
                Code::LongLockValidation,
                object.clone(),
                format!(
                    "adding foreign key {object} scans {table} to validate it while blocking writes to {table} and {}",
                    fk.ref_table
                ),
                if fk.name.is_none() {
                    "name the constraint so online mode can add it NOT VALID and validate it separately"
                } else {
                    "plan in online mode (NOT VALID, then VALIDATE CONSTRAINT), or run it when the tables are quiet"
                },
            ));
        }
        Change::AlterColumn {
            table,
            previous,
            next,
            aspects,
        } if aspects.contains(&ColumnAspect::Nullability)
            && previous.nullable
            && !next.nullable
            && !ctx.online
            && !proven_not_null(ctx.previous, table, &next.name) =>
        {
            let object = member(table, &next.name);
            out.push(hazard(
                Code::LongLockValidation,
                object.clone(),
                format!(
                    "setting column {object} NOT NULL scans {table} while blocking reads and writes"
                ),
                format!(
                    "plan in online mode (a validated CHECK ({} IS NOT NULL) first), or run it when the table is quiet",
                    next.name
                ),
            ));
        }
        _ => {}
    }
}

/// Whether the table already has a check `column IS NOT NULL`, which lets Postgres 12+
/// skip SET NOT NULL's scan.
fn proven_not_null(schema: &Schema, table: &QualifiedName, column: &str) -> bool {
    let Some(t) = schema.tables.get(table) else {
        return false;
    };
    t.checks.iter().any(|c| {
        let expr = c.expr.trim();
        let expr = expr
            .strip_prefix('(')
            .and_then(|e| e.strip_suffix(')'))
            .unwrap_or(expr);
        let Some(subject) = expr.strip_suffix(" IS NOT NULL") else {
            return false;
        };
        let subject = subject.trim();
        match subject.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            Some(quoted) => quoted.replace("\"\"", "\"") == column,
            None => subject == column,
        }
    })
}
