//! Columns of a table present on both sides, matched by name (renames were applied before).

use super::change::{Change, ColumnAspect};
use crate::model::Table;

pub(super) fn diff_columns(prev: &Table, next: &Table, out: &mut Vec<Change>) {
    let table = &next.name;
    let before = |t: &Table, i: usize| i.checked_sub(1).map(|j| t.columns[j].name.clone());
    for (i, p) in prev.columns.iter().enumerate() {
        match next.column(&p.name) {
            None => out.push(Change::DropColumn {
                table: table.clone(),
                column: p.clone(),
                after: before(prev, i),
            }),
            Some(n) => {
                let mut aspects = ColumnAspect::between(p, n);
                if crate::canon::collation::follows_table(p, n, prev, next)
                    && !aspects.contains(&ColumnAspect::Collation)
                {
                    aspects.push(ColumnAspect::Collation);
                    aspects.sort();
                }
                if !aspects.is_empty() {
                    out.push(Change::AlterColumn {
                        table: table.clone(),
                        previous: p.clone(),
                        next: n.clone(),
                        aspects,
                    });
                }
            }
        }
    }
    for (i, n) in next.columns.iter().enumerate() {
        if prev.column(&n.name).is_none() {
            out.push(Change::AddColumn {
                table: table.clone(),
                column: n.clone(),
                after: before(next, i),
            });
        }
    }
    let kept = |t: &Table, other: &Table| -> Vec<String> {
        t.columns
            .iter()
            .filter(|c| other.column(&c.name).is_some())
            .map(|c| c.name.clone())
            .collect()
    };
    let (p, n) = (kept(prev, next), kept(next, prev));
    if p != n {
        out.push(Change::ReorderColumns {
            table: table.clone(),
            previous: p,
            next: n,
        });
    }
}
