//! Keys, indexes and constraints of a table present on both sides. A member is unchanged
//! only if the other side has it exactly: a named one that changed content is a drop plus
//! an add under the same name (no server alters a constraint in place), and an unnamed one
//! (SQLite) is known by its content anyway.

use super::change::{Change, Validatable};
use super::objects::Commented;
use crate::model::{Index, QualifiedName, Table};

pub(super) fn diff_members(prev: &Table, next: &Table, out: &mut Vec<Change>) {
    let table = &next.name;
    let pk = |t: &Table| t.primary_key.iter().cloned().collect::<Vec<_>>();
    set_diff(
        &pk(prev),
        &pk(next),
        table,
        out,
        |table, primary_key, add| {
            if add {
                Change::AddPrimaryKey { table, primary_key }
            } else {
                Change::DropPrimaryKey { table, primary_key }
            }
        },
    );
    set_diff(
        &prev.uniques,
        &next.uniques,
        table,
        out,
        |table, unique, add| {
            if add {
                Change::AddUnique { table, unique }
            } else {
                Change::DropUnique { table, unique }
            }
        },
    );
    let prev_indexes = index_storage(prev, next, out);
    set_diff(
        &prev_indexes,
        &next.indexes,
        table,
        out,
        |table, index, add| {
            if add {
                Change::AddIndex { table, index }
            } else {
                Change::DropIndex { table, index }
            }
        },
    );
    let (prev_fks, next_fks) = validity(
        &prev.foreign_keys,
        &next.foreign_keys,
        table,
        out,
        Validatable::ForeignKey,
    );
    let (prev_checks, next_checks) =
        validity(&prev.checks, &next.checks, table, out, Validatable::Check);
    set_diff(
        &prev_fks,
        &next_fks,
        table,
        out,
        |table, foreign_key, add| {
            if add {
                Change::AddForeignKey { table, foreign_key }
            } else {
                Change::DropForeignKey { table, foreign_key }
            }
        },
    );
    set_diff(
        &prev_checks,
        &next_checks,
        table,
        out,
        |table, check, add| {
            if add {
                Change::AddCheck { table, check }
            } else {
                Change::DropCheck { table, check }
            }
        },
    );
    set_diff(
        &prev.exclusions,
        &next.exclusions,
        table,
        out,
        |table, exclusion, add| {
            if add {
                Change::AddExclusion { table, exclusion }
            } else {
                Change::DropExclusion { table, exclusion }
            }
        },
    );
    if prev.comment != next.comment {
        out.push(Change::SetTableComment {
            table: table.clone(),
            previous: prev.comment.clone(),
            next: next.comment.clone(),
        });
    }
    if prev.options != next.options {
        out.push(Change::AlterTableOptions {
            table: table.clone(),
            previous: prev.options.clone(),
            next: next.options.clone(),
        });
    }
}

/// Named constraints that differ only in NOT VALID become a `SetConstraintValid` (VALIDATE
/// keeps the constraint and takes a lighter lock than a drop and add); the rest is returned.
fn validity<T: Clone + PartialEq>(
    prev: &[T],
    next: &[T],
    table: &QualifiedName,
    out: &mut Vec<Change>,
    wrap: impl Fn(T) -> Validatable,
) -> (Vec<T>, Vec<T>) {
    let mut rest_next: Vec<T> = Vec::new();
    let mut toggled: Vec<T> = Vec::new();
    for n in next {
        let v = wrap(n.clone());
        let flipped = v.with_not_valid(!not_valid(&v));
        match prev
            .iter()
            .find(|p| v.name().is_some() && wrap((*p).clone()) == flipped)
        {
            Some(p) => {
                toggled.push(p.clone());
                out.push(Change::SetConstraintValid {
                    table: table.clone(),
                    valid: !not_valid(&v),
                    constraint: v,
                });
            }
            None => rest_next.push(n.clone()),
        }
    }
    let rest_prev = prev
        .iter()
        .filter(|p| !toggled.contains(p))
        .cloned()
        .collect();
    (rest_prev, rest_next)
}

fn not_valid(v: &Validatable) -> bool {
    match v {
        Validatable::Check(c) => c.not_valid,
        Validatable::ForeignKey(f) => f.not_valid,
    }
}

/// An index whose storage parameters alone changed is altered, not rebuilt: it gets an
/// `AlterIndexStorage`, and goes on to `set_diff` as if it had the new parameters (so a
/// comment change still shows).
fn index_storage(prev: &Table, next: &Table, out: &mut Vec<Change>) -> Vec<Index> {
    let mut indexes = prev.indexes.clone();
    for p in &mut indexes {
        let Some(n) = next.indexes.iter().find(|n| n.name == p.name) else {
            continue;
        };
        let rest_same = Index {
            storage: n.storage.clone(),
            comment: n.comment.clone(),
            ..p.clone()
        } == *n;
        if p.storage != n.storage && rest_same {
            out.push(Change::AlterIndexStorage {
                table: next.name.clone(),
                index: n.name.clone(),
                previous: p.storage.clone(),
                next: n.storage.clone(),
            });
            p.storage = n.storage.clone();
        }
    }
    indexes
}

/// Drops what only `prev` has, adds what only `next` has; `make(table, item, is_add)`. A
/// member whose comment alone changed is a `set_comment` instead (see `objects`).
fn set_diff<T: Commented>(
    prev: &[T],
    next: &[T],
    table: &QualifiedName,
    out: &mut Vec<Change>,
    make: impl Fn(QualifiedName, T, bool) -> Change,
) {
    let recommented = |a: &T, others: &[T]| {
        others
            .iter()
            .find_map(|o| super::objects::comment_only(a, o, table))
    };
    for p in prev.iter().filter(|p| !next.contains(p)) {
        match recommented(p, next) {
            Some(c) => out.push(c),
            None => out.push(make(table.clone(), p.clone(), false)),
        }
    }
    for n in next.iter().filter(|n| !prev.contains(n)) {
        if recommented(n, prev).is_none() {
            out.push(make(table.clone(), n.clone(), true));
        }
    }
}
