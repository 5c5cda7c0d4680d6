//! Hazards of plan steps: what running one change risks on a database that holds data.
//! Each is a warning whose code names its category (`data-loss-`, `may-fail-`,
//! `table-rewrite`, `long-lock-`, `breaks-app-`); see docs/errors.md.
//!
//! One module per rule family, each named after what it checks, each a
//! `fn check(&Change, &Context, &mut Vec<Diagnostic>)`. They are pure: the change, the
//! previous schema and the options decide everything, so the same input always gives the
//! same warnings, in the same order (by code, then in rule order).

mod breaking_app;
mod changing_column_type;
mod domain_constraints;
mod dropping_data;
mod dropping_enum_values;
mod long_locks;
mod new_constraints;
mod partition_bounds;
mod required_columns;
mod sequence_bounds;
mod table_rewrites;
mod type_widths;

#[cfg(test)]
mod tests;

use crate::diag::{Code, Diagnostic};
use crate::diff::Change;
use crate::model::{Check, ForeignKey, PrimaryKey, QualifiedName, Schema, UniqueConstraint};
use crate::Dialect;

/// What the rules know besides the change itself.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'a> {
    pub dialect: Dialect,
    /// The schema before the migration, with renames already applied to names.
    pub previous: &'a Schema,
    /// Postgres online-safe mode (CREATE INDEX CONCURRENTLY, NOT VALID + VALIDATE).
    pub online: bool,
}

type Rule = fn(&Change, &Context, &mut Vec<Diagnostic>);

/// Every rule family, in the order their warnings come out within one code.
const RULES: &[Rule] = &[
    dropping_data::check,
    changing_column_type::check,
    dropping_enum_values::check,
    required_columns::check,
    sequence_bounds::check,
    new_constraints::check,
    partition_bounds::check,
    domain_constraints::check,
    table_rewrites::check,
    long_locks::check,
    breaking_app::check,
];

/// Hazards of one change, as warnings. Deterministic order: by code (data loss first,
/// breaking the application last), then in rule order.
pub(crate) fn check(change: &Change, ctx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        rule(change, ctx, &mut out);
    }
    // Stable: warnings with one code keep the order their rule gave them.
    out.sort_by_key(|d| d.code);
    out
}

/// True when a column type change from `from` to `to` (canonical type strings of this
/// dialect, as in the model) can lose data: a shorter varchar/char, a smaller integer,
/// less numeric precision or scale, text → varchar(n), a change between unrelated families
/// (text → integer). False for the same type and for widening (varchar(10) →
/// varchar(20), varchar(n) → text, int → bigint, numeric(5,2) → numeric(10,2), real →
/// double precision, ...) and for conversions that keep every value (integer → text).
/// Pairs it does not know count as narrowing. SQLite: only TEXT/BLOB → INTEGER/REAL/NUMERIC
/// affinity changes narrow (numeric-looking text is converted).
pub(crate) fn narrows(dialect: Dialect, from: &str, to: &str) -> bool {
    type_widths::classify(dialect, from, to) == type_widths::Conversion::Narrowing
}

/// A hazard: a warning naming its object, with what to do about it.
fn hazard(code: Code, object: String, message: String, hint: impl Into<String>) -> Diagnostic {
    Diagnostic::warning(code, message)
        .with_object(object)
        .with_hint(hint)
}

/// The table and the column before and after, when `change` alters `aspect` of a column.
fn altered_column(
    change: &Change,
    aspect: crate::diff::ColumnAspect,
) -> Option<(&QualifiedName, &crate::model::Column, &crate::model::Column)> {
    match change {
        Change::AlterColumn {
            table,
            previous,
            next,
            aspects,
        } if aspects.contains(&aspect) => Some((table, previous, next)),
        _ => None,
    }
}

/// `table.part`, the object of a hazard about a column, index or constraint.
fn member(table: &QualifiedName, part: &str) -> String {
    format!("{table}.{part}")
}

/// `(a, b)`.
fn columns(cols: &[String]) -> String {
    format!("({})", cols.join(", "))
}

/// A constraint's name, or what it covers when it has none (SQLite).
fn label(name: &Option<String>, content: impl FnOnce() -> String) -> String {
    name.clone().unwrap_or_else(content)
}

fn unique_object(table: &QualifiedName, u: &UniqueConstraint) -> String {
    member(table, &label(&u.name, || columns(&u.columns)))
}

fn check_object(table: &QualifiedName, c: &Check) -> String {
    member(table, &label(&c.name, || format!("({})", c.expr)))
}

fn foreign_key_object(table: &QualifiedName, fk: &ForeignKey) -> String {
    member(
        table,
        &label(&fk.name, || {
            format!("{} → {}", columns(&fk.columns), fk.ref_table)
        }),
    )
}

/// The object of a primary key hazard (`table.name`, or the table when the key has no
/// name) and how a message calls the key: `primary key users.users_pkey (id)` or
/// `primary key (id) on users`.
fn primary_key_names(table: &QualifiedName, pk: &PrimaryKey) -> (String, String) {
    let cols = columns(&pk.columns);
    match &pk.name {
        Some(n) => {
            let object = member(table, n);
            let key = format!("primary key {object} {cols}");
            (object, key)
        }
        None => (table.to_string(), format!("primary key {cols} on {table}")),
    }
}
