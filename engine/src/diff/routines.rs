//! Functions and triggers: matched by key (name and argument types; table and name), the
//! same when their definitions normalise alike (`crate::canon::definition`).
//!
//! A trigger of a table that is created or dropped gets its own change too: DROP TABLE
//! would take the trigger along, but an explicit drop ordered before the table keeps
//! `diff(b, a)` the mirror of `diff(a, b)` and lets the reverse of a dropped table bring
//! its triggers back.

use super::change::Change;
use crate::canon::definition::same_definition;
use crate::model::{Function, QualifiedName, Schema, Trigger};
use std::collections::BTreeMap;

pub(super) fn diff(prev: &Schema, next: &Schema, out: &mut Vec<Change>) {
    let dialect = next.dialect;
    by_key(&prev.functions, &next.functions, |p, n| match (p, n) {
        (Some(p), None) => out.push(Change::DropFunction {
            function: p.clone(),
        }),
        (None, Some(n)) => out.push(Change::CreateFunction {
            function: n.clone(),
        }),
        (Some(p), Some(n)) if !same_function(dialect, p, n) => out.push(Change::ReplaceFunction {
            previous: p.clone(),
            next: n.clone(),
        }),
        _ => {}
    });
    by_key(&prev.triggers, &next.triggers, |p, n| match (p, n) {
        (Some(p), None) => out.push(Change::DropTrigger { trigger: p.clone() }),
        (None, Some(n)) => out.push(Change::CreateTrigger { trigger: n.clone() }),
        (Some(p), Some(n)) if !same_trigger(dialect, p, n) => out.push(Change::ReplaceTrigger {
            previous: p.clone(),
            next: n.clone(),
        }),
        _ => {}
    });
}

/// Same definition and comment: nothing to do. A replacement whose definitions are the
/// same only changes the comment.
fn same_function(dialect: crate::Dialect, a: &Function, b: &Function) -> bool {
    a.comment == b.comment && same_function_definition(dialect, a, b)
}

pub(crate) fn same_function_definition(
    dialect: crate::Dialect,
    a: &Function,
    b: &Function,
) -> bool {
    a.procedure == b.procedure && same_definition(dialect, &a.definition, &b.definition)
}

fn same_trigger(dialect: crate::Dialect, a: &Trigger, b: &Trigger) -> bool {
    a.comment == b.comment && same_trigger_definition(dialect, a, b)
}

pub(crate) fn same_trigger_definition(dialect: crate::Dialect, a: &Trigger, b: &Trigger) -> bool {
    a.function == b.function && same_definition(dialect, &a.definition, &b.definition)
}

fn by_key<K: Ord, T>(
    prev: &BTreeMap<K, T>,
    next: &BTreeMap<K, T>,
    mut f: impl FnMut(Option<&T>, Option<&T>),
) {
    for (k, p) in prev {
        f(Some(p), next.get(k));
    }
    for (k, n) in next {
        if !prev.contains_key(k) {
            f(None, Some(n));
        }
    }
}

/// A function as the subject of a change: `name(argument types)`.
pub(crate) fn function_label(f: &Function) -> QualifiedName {
    QualifiedName::new(
        f.name.schema.clone(),
        format!("{}({})", f.name.name, f.args),
    )
}

pub(super) fn subject(c: &Change) -> (QualifiedName, String, &'static str) {
    use Change::*;
    let function = |f: &Function, kind| (function_label(f), String::new(), kind);
    let trigger = |t: &Trigger, kind| (t.table.clone(), t.name.clone(), kind);
    match c {
        CreateFunction { function: f } => function(f, "create_function"),
        DropFunction { function: f } => function(f, "drop_function"),
        ReplaceFunction { next, .. } => function(next, "replace_function"),
        CreateTrigger { trigger: t } => trigger(t, "create_trigger"),
        DropTrigger { trigger: t } => trigger(t, "drop_trigger"),
        ReplaceTrigger { next, .. } => trigger(next, "replace_trigger"),
        other => unreachable!("not a function or trigger change: {other:?}"),
    }
}

pub(super) fn inverse(c: Change) -> Change {
    use Change::*;
    match c {
        CreateFunction { function } => DropFunction { function },
        DropFunction { function } => CreateFunction { function },
        ReplaceFunction { previous, next } => ReplaceFunction {
            previous: next,
            next: previous,
        },
        CreateTrigger { trigger } => DropTrigger { trigger },
        DropTrigger { trigger } => CreateTrigger { trigger },
        ReplaceTrigger { previous, next } => ReplaceTrigger {
            previous: next,
            next: previous,
        },
        other => other,
    }
}

/// The summary line: `+ function f(integer)`, `~ trigger users.audit`.
pub(super) fn line(c: &Change) -> Option<String> {
    use Change::*;
    let kind = |f: &Function| if f.procedure { "procedure" } else { "function" };
    Some(match c {
        CreateFunction { function: f } => format!("+ {} {}", kind(f), function_label(f)),
        DropFunction { function: f } => format!("- {} {}", kind(f), function_label(f)),
        ReplaceFunction { next: f, .. } => format!("~ {} {}", kind(f), function_label(f)),
        CreateTrigger { trigger: t } => format!("+ trigger {}.{}", t.table, t.name),
        DropTrigger { trigger: t } => format!("- trigger {}.{}", t.table, t.name),
        ReplaceTrigger { next: t, .. } => format!("~ trigger {}.{}", t.table, t.name),
        _ => return None,
    })
}
