//! The history looked up by id, validated once: every other history module starts here.
//!
//! Every id, local or recorded, gets one entry, sorted by the id rule; lookups by id parse the
//! id again and binary-search (cheaper than string-keyed maps for 10,000-migration histories).

use super::ids::{check_one_layout, parts};
use super::{AppliedRecord, History, LocalMigration, RecordStatus};
use crate::diag::{Code, Diagnostic};
use std::collections::{BTreeMap, BTreeSet};

/// One id: its file, its history row, or both.
pub(crate) struct Entry<'a> {
    pub id: &'a str,
    pub local: Option<&'a LocalMigration>,
    pub record: Option<&'a AppliedRecord>,
    key: (u128, &'a str),
}

pub(crate) struct Index<'a> {
    pub history: &'a History,
    /// Every id, local or recorded, in the documented order.
    pub order: Vec<Entry<'a>>,
    /// Replaced id → the baseline replacing it (from local baselines and from records).
    pub replaced_by: BTreeMap<&'a str, &'a str>,
}

impl<'a> Index<'a> {
    pub fn new(history: &'a History) -> Result<Self, Diagnostic> {
        let mut order = Vec::with_capacity(history.local.len() + history.applied.len());
        let mut layouts = Vec::with_capacity(order.capacity());
        for (id, local, record) in history
            .local
            .iter()
            .map(|m| (m.id.as_str(), Some(m), None))
            .chain(
                history
                    .applied
                    .iter()
                    .map(|r| (r.id.as_str(), None, Some(r))),
            )
        {
            let (layout, value, rest) = parts(id)?;
            layouts.push((layout, id));
            order.push(Entry {
                id,
                local,
                record,
                key: (value, &id[rest..]),
            });
        }
        check_one_layout(layouts)?;
        // Stable: a file sorts before its own record, and duplicates stay in input order.
        order.sort_by(|a, b| (a.key, a.id).cmp(&(b.key, b.id)));
        let order = merge_same_ids(order)?;
        let mut replaced_by = BTreeMap::new();
        for m in &history.local {
            for r in &m.replaces {
                replaced_by.insert(r.as_str(), m.id.as_str());
            }
        }
        for r in &history.applied {
            check_record(r)?;
            if let Some(b) = &r.replaced_by {
                replaced_by.insert(r.id.as_str(), b.as_str());
            }
        }
        let index = Index {
            history,
            order,
            replaced_by,
        };
        index.check_dependencies()?;
        Ok(index)
    }

    /// Where `id` sits in the documented order.
    pub fn find(&self, id: &str) -> Option<usize> {
        let (_, value, rest) = parts(id).ok()?;
        let probe = ((value, &id[rest..]), id);
        self.order
            .binary_search_by(|e| (e.key, e.id).cmp(&probe))
            .ok()
    }

    /// The position of an id known to be in the history.
    pub fn pos(&self, id: &str) -> usize {
        self.find(id).expect("an id of this history")
    }

    pub fn local(&self, id: &str) -> Option<&'a LocalMigration> {
        self.find(id).and_then(|i| self.order[i].local)
    }

    pub fn record(&self, id: &str) -> Option<&'a AppliedRecord> {
        self.find(id).and_then(|i| self.order[i].record)
    }

    /// True when the record says the migration ran to the end.
    pub fn is_applied(&self, id: &str) -> bool {
        self.record(id)
            .is_some_and(|r| r.status == RecordStatus::Applied)
    }

    /// The recorded migrations that are in the database, in id order: applied ones, minus those
    /// a recorded baseline replaced (the baseline's SQL stands for them).
    pub fn effective_applied(&self) -> Vec<&'a str> {
        self.order
            .iter()
            .filter_map(|e| e.record)
            .filter(|r| r.status == RecordStatus::Applied && r.replaced_by.is_none())
            .map(|r| r.id.as_str())
            .collect()
    }

    /// Everything `id` depends on, directly or not.
    pub fn dependencies_of(&self, id: &str) -> BTreeSet<&'a str> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = self.local(id).map_or(Vec::new(), deps);
        while let Some(d) = stack.pop() {
            let Some(e) = self.find(d).map(|i| &self.order[i]) else {
                continue;
            };
            if seen.insert(e.id) {
                stack.extend(e.local.map_or(Vec::new(), deps));
            }
        }
        seen
    }

    /// Unknown dependencies and cycles are errors: the order could not be honoured.
    fn check_dependencies(&self) -> Result<(), Diagnostic> {
        let locals = || self.order.iter().filter_map(|e| e.local);
        for m in locals() {
            if let Some(d) = m.depends_on.iter().find(|d| self.find(d).is_none()) {
                return Err(Diagnostic::error(
                    Code::UnknownDependency,
                    format!(
                        "migration `{}` depends on `{d}`, which is neither a local migration nor applied",
                        m.id
                    ),
                )
                .with_object(d.clone())
                .in_migration(m.id.clone())
                .with_hint("fix the id in depends_on, or restore the missing migration"));
            }
        }
        // Kahn's algorithm over local migrations; whatever is left over sits on a cycle.
        let mut waiting: BTreeMap<&str, usize> = BTreeMap::new();
        let mut dependents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for m in locals().filter(|m| !m.depends_on.is_empty()) {
            for d in m.depends_on.iter().filter(|d| self.local(d).is_some()) {
                *waiting.entry(m.id.as_str()).or_default() += 1;
                dependents
                    .entry(d.as_str())
                    .or_default()
                    .push(m.id.as_str());
            }
        }
        let mut ready: Vec<&str> = dependents
            .keys()
            .copied()
            .filter(|k| !waiting.contains_key(k))
            .collect();
        while let Some(k) = ready.pop() {
            for d in dependents.get(k).into_iter().flatten() {
                let n = waiting.get_mut(d).expect("counted");
                *n -= 1;
                if *n == 0 {
                    waiting.remove(d);
                    ready.push(d);
                }
            }
        }
        if let Some(first) = waiting.keys().next() {
            let cycle: Vec<&str> = waiting.keys().copied().collect();
            return Err(Diagnostic::error(
                Code::DependencyCycle,
                format!("the depends_on lists of {} form a cycle", cycle.join(", ")),
            )
            .with_object(first.to_string())
            .with_hint("remove one of the dependencies: a migration cannot run before itself"));
        }
        Ok(())
    }
}

/// Joins a file with its record (adjacent after sorting); the same id twice on one side is an
/// error.
fn merge_same_ids(sorted: Vec<Entry<'_>>) -> Result<Vec<Entry<'_>>, Diagnostic> {
    let mut out: Vec<Entry> = Vec::with_capacity(sorted.len());
    for e in sorted {
        match out.last_mut() {
            Some(last) if last.id == e.id => {
                if e.local.is_some() {
                    return Err(Diagnostic::error(
                        Code::InvalidMigration,
                        format!("migration `{}` appears twice", e.id),
                    )
                    .with_object(e.id)
                    .with_hint("every migration needs a unique id"));
                }
                if let (Some(r), Some(_)) = (e.record, last.record) {
                    return Err(invalid_record(r, "appears twice in the history table"));
                }
                last.record = e.record;
            }
            _ => out.push(e),
        }
    }
    Ok(out)
}

fn deps(m: &LocalMigration) -> Vec<&str> {
    m.depends_on.iter().map(String::as_str).collect()
}

fn check_record(r: &AppliedRecord) -> Result<(), Diagnostic> {
    if r.statements_applied > r.statements_total && r.statements_total > 0 {
        return Err(invalid_record(
            r,
            &format!(
                "claims {} of {} statements applied",
                r.statements_applied, r.statements_total
            ),
        ));
    }
    Ok(())
}

fn invalid_record(r: &AppliedRecord, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidAppliedRecord,
        format!("history record `{}` {what}", r.id),
    )
    .with_object(r.id.clone())
    .with_hint("the history table was edited by hand or by another tool: fix the row")
}
