//! Execution order: an explicit dependency graph over the changes, sorted topologically.
//! Ties are broken by position in the differ's sorted output, so the order is deterministic
//! and independent changes keep the differ's order (never a sort by step kind).

use super::deps::{footprint, Footprint, Res, Sides};
use crate::diag::{Code, Diagnostic};
use crate::diff::{summary, Change};
use crate::model::QualifiedName;
use crate::model::Schema;
use std::collections::{BTreeMap, BTreeSet};

/// Indexes into `changes` in an order the database accepts, or `plan-cycle` naming the
/// changes that wait on each other.
pub fn order(
    changes: &[Change],
    previous: &Schema,
    next: &Schema,
) -> Result<Vec<usize>, Diagnostic> {
    let groups: Vec<Vec<usize>> = (0..changes.len()).map(|i| vec![i]).collect();
    order_groups(changes, &groups, &BTreeSet::new(), previous, next)
}

/// Like `order`, for groups of changes that run as one step (a SQLite table rebuild): a
/// group's footprint is the union of its members'. A group on a table in `rebuilt` reshapes
/// the whole table, so views reading it go out before and come back after. Returns
/// indexes into `groups`.
pub(crate) fn order_groups(
    changes: &[Change],
    groups: &[Vec<usize>],
    rebuilt: &BTreeSet<QualifiedName>,
    previous: &Schema,
    next: &Schema,
) -> Result<Vec<usize>, Diagnostic> {
    // Only SQLite still has keys on a cycle inside CREATE TABLE (see `fk_cycles`).
    let loose = match next.dialect {
        crate::Dialect::Sqlite => super::fk_cycles::edges(changes),
        _ => BTreeSet::new(),
    };
    let sides = Sides {
        previous,
        next,
        loose: &loose,
    };
    let prints: Vec<Footprint> = groups
        .iter()
        .map(|g| {
            let mut f = Footprint::default();
            for &i in g {
                f.merge(footprint(&changes[i], &sides));
            }
            let table = crate::render::rebuild::member_table(&changes[g[0]]);
            if let Some(t) = table.filter(|t| rebuilt.contains(*t)) {
                f.alters.insert(Res::Relation(t.clone()));
            }
            f
        })
        .collect();
    let succ = edges(&prints);
    kahn(&succ).map_err(|stuck| {
        let firsts: Vec<Change> = groups.iter().map(|g| changes[g[0]].clone()).collect();
        cycle_error(&firsts, &succ, &stuck)
    })
}

/// Who creates, removes and alters each resource.
#[derive(Default)]
struct Providers {
    creators: Vec<usize>,
    removers: Vec<usize>,
    alterers: Vec<usize>,
}

/// `succ[a]` holds every `b` that must run after `a`.
fn edges(prints: &[Footprint]) -> Vec<BTreeSet<usize>> {
    let mut by_res: BTreeMap<&Res, Providers> = BTreeMap::new();
    for (i, f) in prints.iter().enumerate() {
        f.creates
            .iter()
            .for_each(|r| by_res.entry(r).or_default().creators.push(i));
        f.removes
            .iter()
            .for_each(|r| by_res.entry(r).or_default().removers.push(i));
        f.alters
            .iter()
            .for_each(|r| by_res.entry(r).or_default().alterers.push(i));
    }
    let mut succ = vec![BTreeSet::new(); prints.len()];
    let mut add = |a: usize, b: usize| {
        if a != b {
            succ[a].insert(b);
        }
    };
    // A name (table, column, index, constraint) is freed before it is taken again.
    for p in by_res.values() {
        for &rm in &p.removers {
            p.creators.iter().for_each(|&cr| add(rm, cr));
        }
    }
    let none = Providers::default();
    for (b, f) in prints.iter().enumerate() {
        // What must exist afterwards is created or reshaped first.
        for r in &f.needs_next {
            let p = by_res.get(r).unwrap_or(&none);
            p.creators
                .iter()
                .chain(&p.alterers)
                .for_each(|&a| add(a, b));
        }
        // What a dropped or altered object used goes only after it. A change that uses the
        // resource on both sides (a replaced view) is placed after the reshape instead: its
        // drop half is the renderer's to split off. Names inside changes are the next ones,
        // so a resource that is created (a table renamed to what the view now reads) is also
        // one the object saw under its old name: it goes first, or its down would come back
        // before the old name does.
        for r in &f.needs_prev {
            let p = by_res.get(r).unwrap_or(&none);
            p.removers.iter().for_each(|&a| add(b, a));
            if !f.needs_next.contains(r) {
                p.alterers
                    .iter()
                    .chain(&p.creators)
                    .for_each(|&a| add(b, a));
            }
        }
    }
    succ
}

/// Kahn's algorithm with the ready set ordered by index. `Err` holds the nodes left over.
fn kahn(succ: &[BTreeSet<usize>]) -> Result<Vec<usize>, BTreeSet<usize>> {
    let mut indegree = vec![0usize; succ.len()];
    succ.iter().flatten().for_each(|&b| indegree[b] += 1);
    let mut ready: BTreeSet<usize> = (0..succ.len()).filter(|&i| indegree[i] == 0).collect();
    let mut out = Vec::with_capacity(succ.len());
    while let Some(a) = ready.pop_first() {
        out.push(a);
        for &b in &succ[a] {
            indegree[b] -= 1;
            if indegree[b] == 0 {
                ready.insert(b);
            }
        }
    }
    if out.len() == succ.len() {
        Ok(out)
    } else {
        Err((0..succ.len()).filter(|&i| indegree[i] > 0).collect())
    }
}

/// One cycle among the stuck nodes: each has a stuck predecessor, so walking predecessors
/// from the smallest must come back to a node already seen.
fn find_cycle(succ: &[BTreeSet<usize>], stuck: &BTreeSet<usize>) -> Vec<usize> {
    let pred = |b: usize| (0..succ.len()).find(|&a| stuck.contains(&a) && succ[a].contains(&b));
    let mut path: Vec<usize> = Vec::new();
    let mut at = stuck.first().copied();
    while let Some(node) = at {
        if let Some(pos) = path.iter().position(|&n| n == node) {
            let mut cycle = path.split_off(pos);
            cycle.reverse(); // the walk went backwards; report in execution direction
            return cycle;
        }
        path.push(node);
        at = pred(node);
    }
    path
}

fn cycle_error(
    changes: &[Change],
    succ: &[BTreeSet<usize>],
    stuck: &BTreeSet<usize>,
) -> Diagnostic {
    let cycle = find_cycle(succ, stuck);
    let picked: Vec<Change> = cycle.iter().map(|&i| changes[i].clone()).collect();
    let lines = summary(&picked);
    let first = lines.first().cloned().unwrap_or_default();
    Diagnostic::error(
        Code::PlanCycle,
        format!(
            "these changes each wait for the next: {}",
            lines.join(" → ")
        ),
    )
    .with_object(first)
    .with_hint("split the migration in two, or drop and recreate one of the objects involved")
}
