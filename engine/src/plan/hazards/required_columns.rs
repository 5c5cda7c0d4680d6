//! `may-fail-not-null`, `may-fail-set-not-null`: NOT NULL meets rows that have no value.
//!
//! A NOT NULL column added without a default (and without an identity or generation to
//! fill it) has nothing to put in the rows already there: Postgres and SQLite refuse,
//! MySQL fills them with the type's implicit default (0, '', the zero date). A change is
//! only ever an AddColumn to a table that exists, so this always warns: the table may be
//! empty, but the planner cannot know.
//!
//! SET NOT NULL fails on a row holding NULL (MySQL without strict mode turns the NULLs into
//! implicit defaults instead).

use super::{hazard, member, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::{Change, ColumnAspect};
use crate::Dialect;

pub(super) fn check(change: &Change, ctx: &Context, out: &mut Vec<Diagnostic>) {
    match change {
        Change::AddColumn { table, column, .. }
            if !column.nullable
                && column.default.is_none()
                && column.identity.is_none()
                && column.generated.is_none() =>
        {
            let object = member(table, &column.name);
            let outcome = match ctx.dialect {
                Dialect::Mysql => format!(
                    "gives the rows already in {table} the type's implicit default (0, '', ...)"
                ),
                Dialect::Postgres | Dialect::Sqlite => format!("fails if {table} has rows"),
            };
            out.push(hazard(
                Code::MayFailNotNull,
                object.clone(),
                format!("adding NOT NULL column {object} without a default {outcome}"),
                "give the column a default, or add it nullable, backfill it, then set NOT NULL",
            ));
        }
        Change::AlterColumn {
            table,
            previous,
            next,
            aspects,
        } if aspects.contains(&ColumnAspect::Nullability)
            && previous.nullable
            && !next.nullable =>
        {
            let object = member(table, &next.name);
            out.push(hazard(
                Code::MayFailSetNotNull,
                object.clone(),
                format!("setting column {object} NOT NULL fails if a row holds NULL in it"),
                format!(
                    "backfill the NULLs first (UPDATE ... SET {} = ... WHERE {} IS NULL)",
                    next.name, next.name
                ),
            ));
        }
        _ => {}
    }
}
