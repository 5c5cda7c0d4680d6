//! SQL for functions and triggers: their stored CREATE statement, a DROP by key, and a
//! replacement. PostgreSQL replaces a function in place with CREATE OR REPLACE when its
//! arguments and result type stay (the only case it allows); otherwise, and for triggers,
//! a replacement is a drop and a create.

use super::ddl::{literal, qname, quote};
use super::unsupported;
use crate::canon::definition::{or_replace, pg_function_header, same_definition};
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::diff::routines::{same_function_definition, same_trigger_definition};
use crate::diff::Change;
use crate::model::{triggers_on, Function, QualifiedName, Schema, Trigger};

pub(crate) fn statements(change: &Change, dialect: Dialect) -> Result<Vec<String>, Diagnostic> {
    use Change::*;
    if dialect != Dialect::Postgres
        && matches!(
            change,
            CreateFunction { .. } | DropFunction { .. } | ReplaceFunction { .. }
        )
    {
        return Err(unsupported(
            change,
            dialect,
            "functions are only modelled for PostgreSQL",
        ));
    }
    let mut out = Vec::new();
    match change {
        CreateFunction { function } => {
            out.push(function.definition.clone());
            out.extend(
                function
                    .comment
                    .as_ref()
                    .map(|_| function_comment(function)),
            );
        }
        DropFunction { function } => out.push(drop_function(function)),
        ReplaceFunction { previous, next } => {
            if same_function_definition(dialect, previous, next) {
                out.push(function_comment(next));
            } else if previous.procedure == next.procedure
                && pg_function_header(&previous.definition) == pg_function_header(&next.definition)
            {
                // In place: the function keeps its comment unless that changes too.
                out.push(or_replace(&next.definition));
                if previous.comment != next.comment {
                    out.push(function_comment(next));
                }
            } else {
                out.push(drop_function(previous));
                out.push(next.definition.clone());
                out.extend(next.comment.as_ref().map(|_| function_comment(next)));
            }
        }
        CreateTrigger { trigger } => {
            out.push(trigger.definition.clone());
            out.extend(trigger_comment(dialect, trigger, false));
        }
        DropTrigger { trigger } => out.push(drop_trigger(dialect, trigger)),
        ReplaceTrigger { previous, next } => {
            if same_trigger_definition(dialect, previous, next) {
                out.extend(trigger_comment(dialect, next, true));
            } else {
                out.push(drop_trigger(dialect, previous));
                out.push(next.definition.clone());
                out.extend(trigger_comment(dialect, next, false));
            }
        }
        other => {
            return Err(unsupported(
                other,
                dialect,
                "not a function or trigger change",
            ))
        }
    }
    Ok(out)
}

fn comment_text(dialect: Dialect, comment: &Option<String>) -> String {
    comment
        .as_ref()
        .map_or_else(|| "NULL".to_string(), |c| literal(dialect, c))
}

fn function_comment(f: &Function) -> String {
    let kind = if f.procedure { "PROCEDURE" } else { "FUNCTION" };
    format!(
        "COMMENT ON {kind} {}({}) IS {}",
        qname(Dialect::Postgres, &f.name),
        f.args,
        comment_text(Dialect::Postgres, &f.comment)
    )
}

/// PostgreSQL's COMMENT ON TRIGGER, when there is a comment (or `always`, to remove one).
fn trigger_comment(dialect: Dialect, t: &Trigger, always: bool) -> Option<String> {
    (dialect == Dialect::Postgres && (always || t.comment.is_some())).then(|| {
        format!(
            "COMMENT ON TRIGGER {} ON {} IS {}",
            quote(dialect, &t.name),
            qname(dialect, &t.table),
            comment_text(dialect, &t.comment)
        )
    })
}

fn drop_function(f: &Function) -> String {
    let kind = if f.procedure { "PROCEDURE" } else { "FUNCTION" };
    format!(
        "DROP {kind} {}({})",
        qname(Dialect::Postgres, &f.name),
        f.args
    )
}

fn drop_trigger(dialect: Dialect, t: &Trigger) -> String {
    match dialect {
        Dialect::Postgres => format!(
            "DROP TRIGGER {} ON {}",
            quote(dialect, &t.name),
            qname(dialect, &t.table)
        ),
        _ => {
            let name = QualifiedName::new(t.table.schema.clone(), t.name.clone());
            format!("DROP TRIGGER {}", qname(dialect, &name))
        }
    }
}

/// The triggers of `table` that a SQLite rebuild must create again after its rename (DROP
/// TABLE took them along): those `to` has and `from` has the same. The ones that change,
/// or that the planner drops and creates around the rebuild, have steps of their own.
pub(crate) fn kept_triggers(
    table: &QualifiedName,
    from: &Schema,
    to: &Schema,
    changes: &[Change],
) -> Vec<String> {
    let own_step = |t: &Trigger| {
        changes.iter().any(|c| match c {
            Change::CreateTrigger { trigger } | Change::DropTrigger { trigger } => {
                trigger.key() == t.key()
            }
            _ => false,
        })
    };
    triggers_on(&to.triggers, table)
        .filter(|t| !own_step(t))
        .filter(|t| {
            from.triggers.get(&t.key()).is_some_and(|f| {
                f.function == t.function
                    && same_definition(to.dialect, &f.definition, &t.definition)
            })
        })
        .map(|t| t.definition.clone())
        .collect()
}
