//! Whole objects: namespaces, tables, enums and views, matched by name.

use super::change::Change;
use super::{columns, members};
use crate::model::{EnumType, QualifiedName, Schema, Table};
use std::collections::BTreeMap;

pub(super) fn diff_schemas(prev: &Schema, next: &Schema, out: &mut Vec<Change>) {
    for name in &prev.namespaces {
        if !next.namespaces.contains(name) {
            out.push(Change::DropSchema { name: name.clone() });
        }
    }
    for name in &next.namespaces {
        if !prev.namespaces.contains(name) {
            out.push(Change::CreateSchema { name: name.clone() });
        }
    }
    by_name(&prev.tables, &next.tables, |p, n| match (p, n) {
        (Some(p), None) => out.push(Change::DropTable { table: p.clone() }),
        (None, Some(n)) => out.push(Change::CreateTable { table: n.clone() }),
        (Some(p), Some(n)) if attached_as_is(p, n, next) => out.push(Change::AlterTableOptions {
            table: n.name.clone(),
            previous: p.options.clone(),
            next: n.options.clone(),
        }),
        (Some(p), Some(n)) => {
            columns::diff_columns(p, n, out);
            members::diff_members(p, n, out);
            super::access::diff_table(p, n, out);
        }
        (None, None) => {}
    });
    by_name(&prev.enums, &next.enums, |p, n| match (p, n) {
        (Some(p), None) => out.push(Change::DropEnum {
            enum_type: p.clone(),
        }),
        (None, Some(n)) => out.push(Change::CreateEnum {
            enum_type: n.clone(),
        }),
        (Some(p), Some(n)) => diff_enum(p, n, out),
        (None, None) => {}
    });
    by_name(&prev.views, &next.views, |p, n| match (p, n) {
        (Some(p), None) => out.push(Change::DropView { view: p.clone() }),
        (None, Some(n)) => out.push(Change::CreateView { view: n.clone() }),
        // A change of comment alone is `objects`' `set_comment`.
        (Some(p), Some(n)) if p != n && !super::objects::view_comment_only(p, n) => {
            out.push(Change::ReplaceView {
                previous: p.clone(),
                next: n.clone(),
            })
        }
        _ => {}
    });
}

/// Calls `f` once per name in either map, with what each side has.
fn by_name<T>(
    prev: &BTreeMap<QualifiedName, T>,
    next: &BTreeMap<QualifiedName, T>,
    mut f: impl FnMut(Option<&T>, Option<&T>),
) {
    for (name, p) in prev {
        f(Some(p), next.get(name));
    }
    for (name, n) in next {
        if !prev.contains_key(name) {
            f(None, Some(n));
        }
    }
}

/// Values added or dropped around the ones kept. If the kept values changed order, no
/// ADD VALUE can get there: the enum is replaced as a whole.
fn diff_enum(prev: &EnumType, next: &EnumType, out: &mut Vec<Change>) {
    if prev == next {
        return;
    }
    let kept = |from: &EnumType, other: &EnumType| -> Vec<String> {
        from.values
            .iter()
            .filter(|v| other.values.contains(v))
            .cloned()
            .collect()
    };
    if kept(prev, next) != kept(next, prev) {
        out.push(Change::ReplaceEnum {
            previous: prev.clone(),
            next: next.clone(),
        });
        return;
    }
    for (from, other, dropping) in [(prev, next, true), (next, prev, false)] {
        for (i, value) in from.values.iter().enumerate() {
            if other.values.contains(value) {
                continue;
            }
            let name = from.name.clone();
            let value = value.clone();
            let after = i.checked_sub(1).map(|j| from.values[j].clone());
            let before = from.values.get(i + 1).cloned();
            out.push(if dropping {
                Change::DropEnumValue {
                    name,
                    value,
                    after,
                    before,
                }
            } else {
                Change::AddEnumValue {
                    name,
                    value,
                    after,
                    before,
                }
            });
        }
    }
}

/// A table that becomes a partition of a parent it already fits: the parent's columns
/// exactly, and no key, index or constraint the parent lacks. ATTACH PARTITION is then the
/// whole change (the server attaches its matching keys and indexes); anything else is left
/// to the members' diff, whose column drops the renderer refuses.
fn attached_as_is(prev: &Table, next: &Table, schema: &Schema) -> bool {
    let Some(of) = (prev.options.partition_of.is_none())
        .then_some(next.options.partition_of.as_ref())
        .flatten()
    else {
        return false;
    };
    let Some(parent) = schema.tables.get(&of.parent) else {
        return false;
    };
    let root = crate::model::partition_root(&schema.tables, parent);
    let keys_fit = prev
        .primary_key
        .as_ref()
        .is_none_or(|k| root.primary_key.as_ref().map(|r| &r.columns) == Some(&k.columns));
    let indexes_fit = prev.indexes.iter().all(|i| {
        root.indexes
            .iter()
            .any(|r| crate::ingest::pg_partition::same_index(i, r))
    });
    prev.columns == root.columns
        && keys_fit
        && indexes_fit
        && prev.uniques.is_empty()
        && prev.foreign_keys.is_empty()
        && prev.checks.is_empty()
        && prev.exclusions.is_empty()
        && next.columns.is_empty()
}
