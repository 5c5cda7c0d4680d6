//! Functions and triggers in the plan: their footprints, the functions other objects call,
//! and triggers that must be dropped and created again around a change.
//!
//! - A trigger needs its table (or view), its function (PostgreSQL) and the relations its
//!   body names; it is created after the changes inside its table and dropped before them.
//! - A function is created before the tables, columns, checks, indexes, views and triggers
//!   that call it, and dropped after them; it needs the enum types of its arguments and,
//!   for `LANGUAGE sql` (checked when created), the relations its body names.
//! - A replaced trigger is a drop and a create, so other changes can go in between.
//! - A view that is dropped and created again (a replaced view, or one in the way) loses its
//!   INSTEAD OF triggers: they are dropped before and created again after it.

use super::deps::{Footprint, Res, Sides};
use crate::canon::definition::normalize_definition;
use crate::dialect::Dialect;
use crate::diff::routines::same_trigger_definition;
use crate::diff::{Change, ColumnAspect};
use crate::model::{Function, QualifiedName, Schema, Table, Trigger, TriggerKey};
use crate::render::rebuild;
use std::collections::BTreeSet;

/// The footprint of a function or trigger change.
pub(super) fn footprint(change: &Change, sides: &Sides, f: &mut Footprint) {
    use Change::*;
    let (prev, next) = (sides.previous, sides.next);
    match change {
        CreateFunction { function } => {
            f.creates.insert(function_res(function));
            function_needs(function, next, &mut f.needs_next);
        }
        DropFunction { function } => {
            f.removes.insert(function_res(function));
            function_needs(function, prev, &mut f.needs_prev);
        }
        ReplaceFunction { previous, next: n } => {
            f.alters.insert(function_res(n));
            function_needs(previous, prev, &mut f.needs_prev);
            function_needs(n, next, &mut f.needs_next);
        }
        CreateTrigger { trigger } => {
            f.creates.insert(trigger_res(next.dialect, trigger));
            trigger_needs(trigger, next, &mut f.needs_next);
        }
        DropTrigger { trigger } => {
            f.removes.insert(trigger_res(prev.dialect, trigger));
            trigger_needs(trigger, prev, &mut f.needs_prev);
        }
        ReplaceTrigger { previous, next: n } => {
            f.alters.insert(trigger_res(next.dialect, n));
            trigger_needs(previous, prev, &mut f.needs_prev);
            trigger_needs(n, next, &mut f.needs_next);
        }
        _ => {}
    }
}

/// What every other change adds: the functions its expressions call, and, inside a table,
/// that the table's triggers see the change (created after it, dropped before it).
pub(super) fn extra(change: &Change, sides: &Sides, f: &mut Footprint) {
    use Change::*;
    if let Some(t) = rebuild::member_table(change) {
        f.alters.insert(Res::Triggers(t.clone()));
    }
    let (prev, next) = (sides.previous, sides.next);
    if prev.functions.is_empty() && next.functions.is_empty() {
        return;
    }
    let calls = |texts: Vec<&str>, schema: &Schema, out: &mut BTreeSet<Res>| {
        for text in texts {
            out.extend(called(text, schema));
        }
    };
    match change {
        CreateTable { table } => calls(table_texts(table), next, &mut f.needs_next),
        DropTable { table } => calls(table_texts(table), prev, &mut f.needs_prev),
        AddColumn { column, .. } => calls(column_texts(column), next, &mut f.needs_next),
        DropColumn { column, .. } => calls(column_texts(column), prev, &mut f.needs_prev),
        AlterColumn {
            previous, next: n, ..
        } => {
            calls(column_texts(previous), prev, &mut f.needs_prev);
            calls(column_texts(n), next, &mut f.needs_next);
        }
        AddCheck { check, .. } => calls(vec![&check.expr], next, &mut f.needs_next),
        DropCheck { check, .. } => calls(vec![&check.expr], prev, &mut f.needs_prev),
        AddIndex { index, .. } => calls(index_texts(index), next, &mut f.needs_next),
        DropIndex { index, .. } => calls(index_texts(index), prev, &mut f.needs_prev),
        CreateView { view } => calls(vec![&view.definition], next, &mut f.needs_next),
        DropView { view } => calls(vec![&view.definition], prev, &mut f.needs_prev),
        ReplaceView { previous, next: n } => {
            calls(vec![&previous.definition], prev, &mut f.needs_prev);
            calls(vec![&n.definition], next, &mut f.needs_next);
        }
        _ => {}
    }
}

fn function_res(f: &Function) -> Res {
    Res::Function(f.name.clone())
}

/// Trigger names are per table in PostgreSQL, per schema elsewhere: a drop frees the name
/// for a create in that scope.
fn trigger_res(dialect: Dialect, t: &Trigger) -> Res {
    let scope = match dialect {
        Dialect::Postgres => t.table.to_string(),
        _ => t.table.schema.clone().unwrap_or_default(),
    };
    Res::Trigger(scope, t.name.to_lowercase())
}

fn function_needs(function: &Function, schema: &Schema, out: &mut BTreeSet<Res>) {
    out.extend(function.name.schema.clone().map(Res::Namespace));
    for arg in function.args.split(", ").filter(|a| !a.is_empty()) {
        let base = arg.trim_end_matches("[]");
        if let Some(e) = schema
            .enums
            .values()
            .find(|e| e.name.to_string() == base || e.name.name == base)
        {
            out.insert(Res::EnumType(e.name.clone()));
        }
    }
    let normal = normalize_definition(schema.dialect, &function.definition);
    if normal.contains("language sql") {
        out.extend(
            mentioned(&function.definition, schema, None)
                .into_iter()
                .map(Res::Relation),
        );
    }
}

fn trigger_needs(trigger: &Trigger, schema: &Schema, out: &mut BTreeSet<Res>) {
    out.insert(Res::Relation(trigger.table.clone()));
    out.insert(Res::Triggers(trigger.table.clone()));
    for r in mentioned(&trigger.definition, schema, Some(&trigger.table)) {
        out.insert(Res::Triggers(r.clone()));
        out.insert(Res::Relation(r));
    }
    if let Some(func) = &trigger.function {
        if schema.functions.keys().any(|k| &k.name == func) {
            out.insert(Res::Function(func.clone()));
        }
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Tables and views of `schema` whose names appear as words in `text`, but `own`.
fn mentioned(text: &str, schema: &Schema, own: Option<&QualifiedName>) -> Vec<QualifiedName> {
    let found: BTreeSet<String> = words(text).map(|w| w.to_lowercase()).collect();
    schema
        .tables
        .keys()
        .chain(schema.views.keys())
        .filter(|k| Some(*k) != own && found.contains(&k.name.to_lowercase()))
        .cloned()
        .collect()
}

/// The functions of `schema` that `text` calls: a name right before `(`.
fn called(text: &str, schema: &Schema) -> Vec<Res> {
    called_in(&[text], schema)
}

/// The functions of `schema` the texts call: a name right before `(`.
pub(super) fn called_in(texts: &[&str], schema: &Schema) -> Vec<Res> {
    if schema.functions.is_empty() {
        return Vec::new();
    }
    let mut names = BTreeSet::new();
    for text in texts {
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let part = c.is_alphanumeric() || c == '_';
            match (part, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    if text[i..].trim_start().starts_with('(') {
                        names.insert(text[s..i].to_lowercase());
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
    schema
        .functions
        .keys()
        .filter(|k| names.contains(&k.name.name.to_lowercase()))
        .map(|k| Res::Function(k.name.clone()))
        .collect()
}

fn column_texts(c: &crate::model::Column) -> Vec<&str> {
    let mut out = Vec::new();
    out.extend(c.default.as_deref());
    out.extend(c.generated.as_ref().map(|g| g.expr.as_str()));
    out
}

fn index_texts(i: &crate::model::Index) -> Vec<&str> {
    let mut out: Vec<&str> = i
        .parts
        .iter()
        .filter(|p| p.expression)
        .map(|p| p.column.as_str())
        .collect();
    out.extend(i.predicate.as_deref());
    out
}

fn table_texts(t: &Table) -> Vec<&str> {
    let mut out: Vec<&str> = t.columns.iter().flat_map(column_texts).collect();
    out.extend(t.checks.iter().map(|c| c.expr.as_str()));
    out.extend(t.indexes.iter().flat_map(index_texts));
    out
}

/// Splits replaced triggers into a drop and a create, and drops and creates again the
/// unchanged triggers that would be lost or in the way:
/// - of views that are themselves dropped and created again (DROP VIEW takes them along);
/// - SQLite: that name a table being rebuilt (or a view being recreated) in their body, as
///   the rebuild's `ALTER TABLE ... RENAME` checks every trigger and fails on one naming a
///   table that is not there at that moment; the rebuilt table's own triggers come back
///   with the rebuild;
/// - PostgreSQL: on a table whose column they name changes type (PostgreSQL refuses to
///   retype a column a trigger uses).
pub(super) fn make_room(
    changes: &mut Vec<Change>,
    previous: &Schema,
    next: &Schema,
    rebuilt: &BTreeSet<QualifiedName>,
) {
    let mut split = Vec::new();
    let dialect = next.dialect;
    changes.retain(|c| match c {
        // A new comment alone is a COMMENT statement; anything else is a new trigger.
        Change::ReplaceTrigger { previous, next }
            if !same_trigger_definition(dialect, previous, next) =>
        {
            split.push(Change::DropTrigger {
                trigger: previous.clone(),
            });
            split.push(Change::CreateTrigger {
                trigger: next.clone(),
            });
            false
        }
        _ => true,
    });
    changes.append(&mut split);
    let dropped: BTreeSet<&QualifiedName> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropView { view } => Some(&view.name),
            _ => None,
        })
        .collect();
    let recreated: BTreeSet<QualifiedName> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateView { view } if dropped.contains(&view.name) => Some(view.name.clone()),
            _ => None,
        })
        .collect();
    let touched: BTreeSet<TriggerKey> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTrigger { trigger } | Change::DropTrigger { trigger } => {
                Some(trigger.key())
            }
            _ => None,
        })
        .collect();
    let retyped: Vec<(&QualifiedName, &str)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterColumn {
                table,
                previous,
                aspects,
                ..
            } if aspects.contains(&ColumnAspect::Type) => Some((table, previous.name.as_str())),
            _ => None,
        })
        .collect();
    let gone: BTreeSet<&QualifiedName> = rebuilt.iter().chain(&recreated).collect();
    for t in previous.triggers.values() {
        let key = t.key();
        let Some(n) = next.triggers.get(&key) else {
            continue;
        };
        if touched.contains(&key) {
            continue;
        }
        let in_the_way = recreated.contains(&t.table)
            || match next.dialect {
                Dialect::Sqlite => mentioned(&t.definition, previous, Some(&t.table))
                    .iter()
                    .any(|r| gone.contains(r)),
                Dialect::Postgres => retyped.iter().any(|(table, column)| {
                    *table == &t.table
                        && words(&t.definition).any(|w| w.eq_ignore_ascii_case(column))
                }),
                Dialect::Mysql => false,
            };
        if in_the_way {
            split.push(Change::DropTrigger { trigger: t.clone() });
            split.push(Change::CreateTrigger { trigger: n.clone() });
        }
    }
    changes.append(&mut split);
}
