//! Privileges, row-level security and policies in the plan: their footprints.
//!
//! - Everything here happens inside its table under the table's next name.
//! - A role's privileges on a table are revoked before they are granted again: a privilege
//!   that gains or loses the grant option is a revoke and a grant, and the grant must come
//!   last or the revoke would take it back.
//! - A column privilege is granted after its column exists and revoked before it goes.
//!   Revoking a table privilege revokes it from the columns too; the renderer grants the
//!   column privileges back, so the revoke waits for those columns.
//! - A policy is created after the columns, tables and functions its expressions use, and
//!   dropped before them (PostgreSQL refuses to drop a column a policy uses).

use super::deps::{Footprint, Res, Sides};
use crate::diff::Change;
use crate::model::{Grant, Policy, QualifiedName, Schema};
use std::collections::BTreeSet;

pub(super) fn footprint(change: &Change, sides: &Sides, f: &mut Footprint) {
    use Change::*;
    let (prev, next) = (sides.previous, sides.next);
    match change {
        GrantPrivileges { table, grant } => {
            f.needs_next.insert(Res::Table(table.clone()));
            f.creates
                .insert(Res::Grantee(table.clone(), grant.role.clone()));
            match &grant.column {
                Some(c) => {
                    f.needs_next.insert(Res::Column(table.clone(), c.clone()));
                }
                // Going down, the table privilege is revoked and the previous schema's
                // column privileges it took along are granted again.
                None => f.needs_prev.extend(columns_granted(prev, table, grant)),
            }
        }
        RevokePrivileges { table, grant } => {
            f.needs_next.insert(Res::Table(table.clone()));
            f.removes
                .insert(Res::Grantee(table.clone(), grant.role.clone()));
            match &grant.column {
                Some(c) => {
                    // Before the column goes, after it is renamed.
                    f.needs_prev.insert(Res::Column(table.clone(), c.clone()));
                    f.needs_next.insert(Res::Column(table.clone(), c.clone()));
                }
                // The column privileges the revoke takes along are granted again.
                None => f.needs_next.extend(columns_granted(next, table, grant)),
            }
        }
        SetRowSecurity { table, .. } => {
            f.needs_next.insert(Res::Table(table.clone()));
        }
        CreatePolicy { table, policy } => {
            f.needs_next.insert(Res::Table(table.clone()));
            f.needs_next.extend(reads(policy, table, next));
        }
        DropPolicy { table, policy } => {
            f.needs_next.insert(Res::Table(table.clone()));
            f.needs_prev.extend(reads(policy, table, prev));
        }
        ReplacePolicy {
            table,
            previous,
            next: n,
        } => {
            f.needs_next.insert(Res::Table(table.clone()));
            f.needs_prev.extend(reads(previous, table, prev));
            f.needs_next.extend(reads(n, table, next));
        }
        _ => {}
    }
}

/// What a created or dropped table's policies use beyond the table itself: the tables and
/// functions their expressions name.
pub(super) fn extra(change: &Change, sides: &Sides, f: &mut Footprint) {
    match change {
        Change::CreateTable { table } => {
            for p in &table.policies {
                f.needs_next.extend(reads(p, &table.name, sides.next));
            }
        }
        Change::DropTable { table } => {
            for p in &table.policies {
                f.needs_prev.extend(reads(p, &table.name, sides.previous));
            }
        }
        _ => {}
    }
}

/// The columns on which `schema` grants `grant.role` some of `grant`'s privileges (not
/// their sequences: a table privilege does not reach those).
fn columns_granted(schema: &Schema, table: &QualifiedName, grant: &Grant) -> Vec<Res> {
    let Some(t) = schema.tables.get(table) else {
        return Vec::new();
    };
    t.grants
        .iter()
        .filter(|g| g.role == grant.role && g.sequence.is_none())
        .filter(|g| g.privileges.iter().any(|p| grant.privileges.contains(p)))
        .filter_map(|g| g.column.clone())
        .map(|c| Res::Column(table.clone(), c))
        .collect()
}

/// The columns of its own table, the other tables and the functions a policy's expressions
/// name, by
/// identifier words: a heuristic, but a spurious match only adds an edge that holds anyway
/// for an object of that name.
fn reads(policy: &Policy, table: &QualifiedName, schema: &Schema) -> Vec<Res> {
    let words = words(policy);
    let mut out = Vec::new();
    if let Some(t) = schema.tables.get(table) {
        out.extend(
            t.columns
                .iter()
                .filter(|c| words.contains(c.name.as_str()))
                .map(|c| Res::Column(table.clone(), c.name.clone())),
        );
    }
    out.extend(
        schema
            .tables
            .keys()
            .filter(|k| *k != table && words.contains(k.name.as_str()))
            .map(|k| Res::Table(k.clone())),
    );
    // The functions it calls exist before it and go after it.
    out.extend(
        schema
            .functions
            .values()
            .filter(|f| words.contains(f.name.name.as_str()))
            .map(|f| Res::Function(f.name.clone())),
    );
    out
}

/// PostgreSQL cannot retype a column a policy reads: such a policy is dropped before the
/// change and created again after it (a replaced one becomes that drop and that create).
pub(super) fn make_room(changes: &mut Vec<Change>, previous: &Schema, next: &Schema) {
    use crate::diff::ColumnAspect;
    let retyped: Vec<(QualifiedName, String)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterColumn {
                table,
                next,
                aspects,
                ..
            } if aspects
                .iter()
                .any(|a| matches!(a, ColumnAspect::Type | ColumnAspect::Collation)) =>
            {
                Some((table.clone(), next.name.clone()))
            }
            _ => None,
        })
        .collect();
    for (table, column) in retyped {
        let (Some(before), Some(after)) = (previous.tables.get(&table), next.tables.get(&table))
        else {
            continue;
        };
        for old in before
            .policies
            .iter()
            .filter(|p| words(p).contains(column.as_str()))
        {
            let Some(new) = after.policies.iter().find(|p| p.name == old.name) else {
                continue; // dropped anyway, before the column changes
            };
            let handled = changes.iter().any(|c| match c {
                Change::DropPolicy { table: t, policy } => *t == table && policy.name == old.name,
                _ => false,
            });
            if handled {
                continue;
            }
            changes.retain(|c| {
                !matches!(c, Change::ReplacePolicy { table: t, next, .. }
                    if *t == table && next.name == old.name)
            });
            changes.push(Change::DropPolicy {
                table: table.clone(),
                policy: old.clone(),
            });
            changes.push(Change::CreatePolicy {
                table: table.clone(),
                policy: new.clone(),
            });
        }
    }
}

fn words(policy: &Policy) -> BTreeSet<&str> {
    [&policy.using, &policy.with_check]
        .into_iter()
        .flatten()
        .flat_map(|e| e.split(|c: char| !(c.is_alphanumeric() || c == '_')))
        .filter(|w| !w.is_empty())
        .collect()
}
