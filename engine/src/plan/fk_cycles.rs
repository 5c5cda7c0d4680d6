//! Tables created (or dropped) together that reference each other in a cycle, like a store
//! and its staff: no order of CREATE TABLE statements can hold both keys. PostgreSQL and
//! MySQL create the tables first and add the keys that close the cycle after (and drop those
//! keys before the tables going back). SQLite checks no reference when a table is created,
//! so there those keys only stop counting as an order.

use crate::diff::Change;
use crate::model::{ForeignKey, QualifiedName, Table};
use std::collections::{BTreeMap, BTreeSet};

/// A key from the first table to the second, both inside one cycle.
pub(super) type Edge = (QualifiedName, QualifiedName);

/// The cycle edges among tables the changes create, and among those they drop.
pub(super) fn edges(changes: &[Change]) -> BTreeSet<Edge> {
    let created: Vec<&Table> = changes
        .iter()
        .filter_map(|c| match c {
            Change::CreateTable { table } => Some(table),
            _ => None,
        })
        .collect();
    let dropped: Vec<&Table> = changes
        .iter()
        .filter_map(|c| match c {
            Change::DropTable { table } => Some(table),
            _ => None,
        })
        .collect();
    let mut out = cycle_edges(&created);
    out.extend(cycle_edges(&dropped));
    out
}

/// PostgreSQL and MySQL: the keys on cycle edges leave their CREATE TABLE for an ADD
/// CONSTRAINT of their own (and their DROP TABLE for a DROP CONSTRAINT before it).
pub(super) fn split(changes: &mut Vec<Change>) {
    let cycle = edges(changes);
    if cycle.is_empty() {
        return;
    }
    let on_cycle =
        |t: &QualifiedName, fk: &ForeignKey| cycle.contains(&(t.clone(), fk.ref_table.clone()));
    let mut extra = Vec::new();
    for c in changes.iter_mut() {
        let (table, create) = match c {
            Change::CreateTable { table } => (table, true),
            Change::DropTable { table } => (table, false),
            _ => continue,
        };
        let name = table.name.clone();
        let (moved, kept): (Vec<ForeignKey>, Vec<ForeignKey>) = table
            .foreign_keys
            .drain(..)
            .partition(|fk| on_cycle(&name, fk));
        table.foreign_keys = kept;
        extra.extend(moved.into_iter().map(|foreign_key| {
            let table = name.clone();
            if create {
                Change::AddForeignKey { table, foreign_key }
            } else {
                Change::DropForeignKey { table, foreign_key }
            }
        }));
    }
    changes.extend(extra);
}

/// Edges between two different tables of one strongly connected component (Kosaraju).
fn cycle_edges(tables: &[&Table]) -> BTreeSet<Edge> {
    let index: BTreeMap<&QualifiedName, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.name, i))
        .collect();
    let succ: Vec<Vec<usize>> = tables
        .iter()
        .map(|t| {
            t.foreign_keys
                .iter()
                .filter_map(|fk| index.get(&fk.ref_table).copied())
                .collect()
        })
        .collect();
    let component = components(&succ);
    let mut out = BTreeSet::new();
    for (i, targets) in succ.iter().enumerate() {
        for &j in targets
            .iter()
            .filter(|&&j| j != i && component[j] == component[i])
        {
            out.insert((tables[i].name.clone(), tables[j].name.clone()));
        }
    }
    out
}

/// The strongly connected component of each node: finish order on the graph, then
/// reachability on the reversed graph in reverse finish order. Iterative, so no input
/// depth reaches the stack.
fn components(succ: &[Vec<usize>]) -> Vec<usize> {
    let n = succ.len();
    let mut seen = vec![false; n];
    let mut finished = Vec::with_capacity(n);
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            match succ[node].get(next) {
                Some(&m) => {
                    stack.push((node, next + 1));
                    if !seen[m] {
                        seen[m] = true;
                        stack.push((m, 0));
                    }
                }
                None => finished.push(node),
            }
        }
    }
    let mut pred = vec![Vec::new(); n];
    for (i, targets) in succ.iter().enumerate() {
        for &j in targets {
            pred[j].push(i);
        }
    }
    let mut component = vec![usize::MAX; n];
    for (c, &root) in finished.iter().rev().enumerate() {
        if component[root] != usize::MAX {
            continue;
        }
        component[root] = c;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &p in &pred[node] {
                if component[p] == usize::MAX {
                    component[p] = c;
                    stack.push(p);
                }
            }
        }
    }
    component
}
