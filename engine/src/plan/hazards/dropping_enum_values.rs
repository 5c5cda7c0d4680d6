//! `data-loss-drop-enum-value`: a value removed from an enum that rows may hold.
//!
//! Postgres cannot drop an enum value in place: the planner recreates the type and casts
//! every column using it through text, so a row still holding the value makes that cast
//! fail, and the way down cannot know which rows held it. MySQL enums and sets are column
//! types: a MODIFY to a list without the value rejects such rows in strict mode and
//! blanks them (`''`) without it. Adding values, or reordering them, loses nothing.

use super::type_widths::mysql_choice_values;
use super::{hazard, member, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::{Change, ColumnAspect};
use crate::model::{QualifiedName, Schema};

pub(super) fn check(change: &Change, ctx: &Context, out: &mut Vec<Diagnostic>) {
    match change {
        Change::DropEnumValue { name, value, .. } => {
            out.push(pg_dropped(name, value, ctx.previous));
        }
        Change::ReplaceEnum { previous, next } => {
            for value in removed(&previous.values, &next.values) {
                out.push(pg_dropped(&previous.name, value, ctx.previous));
            }
        }
        Change::AlterColumn {
            table,
            previous,
            next,
            aspects,
        } if aspects.contains(&ColumnAspect::Type) => {
            let d = ctx.dialect;
            let (Some((set_a, a)), Some((set_b, b))) = (
                mysql_choice_values(d, &previous.data_type),
                mysql_choice_values(d, &next.data_type),
            ) else {
                return;
            };
            if set_a != set_b {
                return;
            }
            let object = member(table, &next.name);
            let kind = if set_a { "set" } else { "enum" };
            for value in removed(&a, &b) {
                out.push(hazard(
                    Code::DataLossDropEnumValue,
                    object.clone(),
                    format!(
                        "dropping value '{value}' from {kind} column {object} loses it: rows that hold it are rejected, or blanked without strict mode"
                    ),
                    format!("update the rows that hold '{value}' to another value first"),
                ));
            }
        }
        _ => {}
    }
}

/// Values of `previous` that `next` lacks, in their previous order.
fn removed<'v>(previous: &'v [String], next: &[String]) -> Vec<&'v String> {
    previous.iter().filter(|v| !next.contains(v)).collect()
}

fn pg_dropped(name: &QualifiedName, value: &str, schema: &Schema) -> Diagnostic {
    let users: Vec<String> = users(name, schema)
        .into_iter()
        .map(|(t, c)| member(t, c))
        .collect();
    let mut message = format!("dropping value '{value}' from enum {name} loses it");
    if !users.is_empty() {
        message.push_str(&format!(
            ": the type is recreated, and rows of {} that hold it make the change fail",
            users.join(", ")
        ));
    }
    hazard(
        Code::DataLossDropEnumValue,
        name.to_string(),
        message,
        format!("update the rows that hold '{value}' to another value first"),
    )
}

/// The columns (table, column) whose type is the enum `name`, or an array of it.
pub(super) fn users<'s>(
    name: &QualifiedName,
    schema: &'s Schema,
) -> Vec<(&'s QualifiedName, &'s str)> {
    let type_name = name.to_string();
    schema
        .tables
        .values()
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .filter(|(_, c)| c.data_type.trim_end_matches("[]") == type_name)
        .map(|(t, c)| (&t.name, c.name.as_str()))
        .collect()
}
