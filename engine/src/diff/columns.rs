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
    // Compared before anything is copied: nearly every table keeps its order.
    fn kept<'t>(t: &'t Table, other: &Table) -> Vec<&'t str> {
        let names = t.columns.iter().map(|c| c.name.as_str());
        names.filter(|c| other.column(c).is_some()).collect()
    }
    let (p, n) = (kept(prev, next), kept(next, prev));
    if p != n {
        let owned = |v: Vec<&str>| v.into_iter().map(String::from).collect();
        out.push(Change::ReorderColumns {
            table: table.clone(),
            previous: owned(p),
            next: owned(n),
        });
    }
}
