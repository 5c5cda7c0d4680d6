//! A key, index or constraint whose only difference is its name is renamed, not dropped and
//! added: no rebuild of the index, and nothing that depends on it (a foreign key on a
//! primary key) stands in the way. The differ matches members by name, so it reports a
//! drop and an add; this folds such pairs.

use crate::dialect::Dialect;
use crate::diff::Change;
use crate::model::QualifiedName;
use crate::render::rebuild::member_table;
use std::collections::BTreeMap;

pub(super) fn fold(changes: &mut Vec<Change>, dialect: Dialect) {
    if dialect == Dialect::Sqlite {
        return; // SQLite renames neither indexes nor constraints.
    }
    // Candidates are the changes inside the same table; pair first, then rebuild the list,
    // as an add may come before its drop.
    let mut by_table: BTreeMap<&QualifiedName, Vec<usize>> = BTreeMap::new();
    for (i, c) in changes.iter().enumerate() {
        if let Some(t) = member_table(c) {
            by_table.entry(t).or_default().push(i);
        }
    }
    let mut taken = vec![false; changes.len()];
    let mut renames: Vec<Option<Change>> = vec![None; changes.len()];
    for members in by_table.values() {
        for &i in members {
            let partner = members
                .iter()
                .filter(|&&j| j != i && !taken[j] && !taken[i])
                .find_map(|&j| renamed(&changes[i], &changes[j], dialect).map(|r| (j, r)));
            if let Some((j, rename)) = partner {
                taken[i] = true;
                taken[j] = true;
                renames[i] = Some(rename);
            }
        }
    }
    let all = std::mem::take(changes);
    *changes = all
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| match (renames[i].take(), taken[i]) {
            (Some(r), _) => Some(r),
            (None, true) => None,
            (None, false) => Some(c),
        })
        .collect();
}

/// The rename that `drop` followed by `add` amounts to, if they differ only by name.
fn renamed(drop: &Change, add: &Change, dialect: Dialect) -> Option<Change> {
    use Change::*;
    let constraint = |t: &crate::model::QualifiedName, a: &Option<String>, b: &Option<String>| {
        (dialect == Dialect::Postgres).then_some(())?;
        match (a, b) {
            (Some(from), Some(to)) if from != to => Some(RenameConstraint {
                table: t.clone(),
                from: from.clone(),
                to: to.clone(),
            }),
            _ => None,
        }
    };
    match (drop, add) {
        (
            DropIndex { table, index: a },
            AddIndex {
                table: t2,
                index: b,
            },
        ) if table == t2
            && a.name != b.name
            // MariaDB treats a renamed index as the user's own: a foreign key's implicit
            // index renamed would no longer be replaced when another key takes its place.
            && !(dialect == Dialect::Mysql && (a.fk_generated.0 || b.fk_generated.0)) =>
        {
            let mut same = b.clone();
            same.name = a.name.clone();
            (same == *a).then(|| RenameIndex {
                table: table.clone(),
                from: a.name.clone(),
                to: b.name.clone(),
            })
        }
        (
            DropPrimaryKey {
                table,
                primary_key: a,
            },
            AddPrimaryKey {
                table: t2,
                primary_key: b,
            },
        ) if table == t2 && a.columns == b.columns => constraint(table, &a.name, &b.name),
        (
            DropUnique { table, unique: a },
            AddUnique {
                table: t2,
                unique: b,
            },
        ) if table == t2
            && a.columns == b.columns
            && a.nulls_not_distinct == b.nulls_not_distinct =>
        {
            constraint(table, &a.name, &b.name)
        }
        (
            DropForeignKey {
                table,
                foreign_key: a,
            },
            AddForeignKey {
                table: t2,
                foreign_key: b,
            },
        ) if table == t2 => {
            let mut same = b.clone();
            same.name = a.name.clone();
            (same == *a)
                .then(|| constraint(table, &a.name, &b.name))
                .flatten()
        }
        (
            DropCheck { table, check: a },
            AddCheck {
                table: t2,
                check: b,
            },
        ) if table == t2 && a.expr == b.expr => constraint(table, &a.name, &b.name),
        _ => None,
    }
}
