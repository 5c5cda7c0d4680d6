//! Views in the way. Postgres refuses to retype or drop a column a view reads, and SQLite's
//! rebuild renames a table under its views; so such views are dropped before and created
//! again after. A replaced view becomes a drop and a create, so the graph can put the
//! change it reads between them. Views reading a view that goes away follow it.

use crate::dialect::Dialect;
use crate::diff::{Change, ColumnAspect};
use crate::model::{QualifiedName, Schema};
use std::collections::BTreeSet;

pub(super) fn make_room(
    changes: &mut Vec<Change>,
    dialect: Dialect,
    previous: &Schema,
    next: &Schema,
    rebuilt: &BTreeSet<QualifiedName>,
) {
    if dialect == Dialect::Mysql {
        return; // MySQL leaves views alone on ALTER TABLE; CREATE OR REPLACE replaces.
    }
    let mut touched: BTreeSet<QualifiedName> = BTreeSet::new();
    let mut gone: BTreeSet<QualifiedName> = rebuilt.clone();
    let mut split = Vec::new();
    changes.retain(|c| match c {
        Change::ReplaceView { previous, next } => {
            touched.insert(next.name.clone());
            gone.insert(next.name.clone());
            split.push(Change::DropView {
                view: previous.clone(),
            });
            split.push(Change::CreateView { view: next.clone() });
            false
        }
        _ => true,
    });
    for c in changes.iter() {
        match c {
            Change::CreateView { view } | Change::DropView { view } => {
                touched.insert(view.name.clone());
                gone.insert(view.name.clone());
            }
            Change::DropColumn { table, .. } => {
                gone.insert(table.clone());
            }
            // Recreating an enum retypes every column of it.
            Change::ReplaceEnum { previous: e, .. } => {
                gone.extend(super::deps::enum_tables(e, previous));
            }
            Change::AlterColumn { table, aspects, .. }
                if aspects.contains(&ColumnAspect::Type)
                    || aspects.contains(&ColumnAspect::Collation) =>
            {
                gone.insert(table.clone());
            }
            _ => {}
        }
    }
    changes.append(&mut split);
    // Follow reads until nothing more is caught.
    let mut around: Vec<QualifiedName> = Vec::new();
    loop {
        let caught: Vec<QualifiedName> = previous
            .views
            .values()
            .filter(|v| !touched.contains(&v.name) && next.views.contains_key(&v.name))
            .filter(|v| v.reads.iter().any(|r| gone.contains(r)))
            .map(|v| v.name.clone())
            .collect();
        if caught.is_empty() {
            break;
        }
        for name in caught {
            touched.insert(name.clone());
            gone.insert(name.clone());
            around.push(name);
        }
    }
    for name in around {
        changes.push(Change::DropView {
            view: previous.views[&name].clone(),
        });
        changes.push(Change::CreateView {
            view: next.views[&name].clone(),
        });
    }
}
