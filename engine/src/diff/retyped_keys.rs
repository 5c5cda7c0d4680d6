//! A foreign key over a column whose type changes, on either of its sides, is dropped before
//! the change and added again after it: the servers check at every statement that the two
//! sides' types still match. SQLite does not compare them, and rebuilds tables anyway.

use super::change::{Change, ColumnAspect};
use crate::dialect::Dialect;
use crate::model::{QualifiedName, Schema};
use std::collections::BTreeSet;

pub(super) fn around_retypes(prev: &Schema, next: &Schema, changes: &mut Vec<Change>) {
    if next.dialect == Dialect::Sqlite {
        return;
    }
    let retyped: BTreeSet<(&QualifiedName, &str)> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterColumn {
                table,
                next,
                aspects,
                ..
            } if aspects.contains(&ColumnAspect::Type) => Some((table, next.name.as_str())),
            _ => None,
        })
        .collect();
    if retyped.is_empty() {
        return;
    }
    let touches = |table: &QualifiedName, columns: &[String]| {
        columns
            .iter()
            .any(|c| retyped.contains(&(table, c.as_str())))
    };
    let mut rebuilt = Vec::new();
    for (name, table) in &next.tables {
        let Some(before) = prev.tables.get(name) else {
            continue;
        };
        for fk in table
            .foreign_keys
            .iter()
            .filter(|f| before.foreign_keys.contains(f))
        {
            if touches(name, &fk.columns) || touches(&fk.ref_table, &fk.ref_columns) {
                rebuilt.push((name.clone(), fk.clone()));
            }
        }
    }
    for (table, foreign_key) in rebuilt {
        changes.push(Change::DropForeignKey {
            table: table.clone(),
            foreign_key: foreign_key.clone(),
        });
        changes.push(Change::AddForeignKey { table, foreign_key });
    }
}
