//! SQLite's table rebuild (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds
//! Of Table Schema Changes"): create the new shape under a temporary name, copy the rows,
//! drop the old table, rename the new one, recreate its indexes. Foreign keys are switched
//! off around it, as the documentation prescribes, so dropping the old table neither fails
//! nor cascades into child tables; that PRAGMA is a no-op inside a transaction, so the step
//! runs outside one.

use super::ddl::{self, qname, quote};
use crate::diff::Change;
use crate::model::{QualifiedName, Schema, Table};
use std::collections::{BTreeMap, BTreeSet};

const D: crate::Dialect = crate::Dialect::Sqlite;

/// Tables whose changes SQLite's ALTER TABLE cannot express, either way: the down SQL
/// must work as well as the up.
pub(crate) fn tables(changes: &[Change], prev: &Schema, next: &Schema) -> BTreeSet<QualifiedName> {
    let mut out = BTreeSet::new();
    for c in changes {
        if let Some(t) = member_table(c) {
            if !direct(c) || !direct(&c.inverse()) {
                out.insert(t.clone());
            }
        }
    }
    for (name, table) in &next.tables {
        if let Some(before) = prev.tables.get(name) {
            let changed = changes.iter().any(|c| member_table(c) == Some(name));
            if changed && !(appends_only(before, table) && appends_only(table, before)) {
                out.insert(name.clone());
            }
        }
    }
    out
}

/// The table a change works inside, for changes that are not about a whole table.
pub(crate) fn member_table(c: &Change) -> Option<&QualifiedName> {
    use Change::*;
    match c {
        AddColumn { table, .. }
        | DropColumn { table, .. }
        | RenameColumn { table, .. }
        | AlterColumn { table, .. }
        | AddPrimaryKey { table, .. }
        | DropPrimaryKey { table, .. }
        | AddUnique { table, .. }
        | DropUnique { table, .. }
        | AddIndex { table, .. }
        | DropIndex { table, .. }
        | AddForeignKey { table, .. }
        | DropForeignKey { table, .. }
        | AddCheck { table, .. }
        | AddExclusion { table, .. }
        | DropExclusion { table, .. }
        | DropCheck { table, .. }
        | SetTableComment { table, .. }
        | ReorderColumns { table, .. }
        | RenameIndex { table, .. }
        | AlterIndexStorage { table, .. }
        | RenameConstraint { table, .. }
        | AlterTableOptions { table, .. } => Some(table),
        _ => None,
    }
}

/// Whether SQLite's own ALTER TABLE / CREATE INDEX can do it.
fn direct(c: &Change) -> bool {
    match c {
        Change::AddColumn { column, .. } => {
            let default_ok = column.default.as_deref().is_none_or(|d| {
                let up = d.trim().to_ascii_uppercase();
                !up.starts_with("CURRENT_") && !d.trim().starts_with('(') && up != "NULL"
            });
            let not_null_ok = column.nullable || column.default.is_some();
            let generated_ok = column.generated.as_ref().is_none_or(|g| !g.stored);
            default_ok && not_null_ok && generated_ok && column.identity.is_none()
        }
        Change::DropColumn { .. }
        | Change::RenameColumn { .. }
        | Change::AddIndex { .. }
        | Change::DropIndex { .. } => true,
        _ => false,
    }
}

/// ADD COLUMN appends: the columns that stay keep their order and new ones come last.
pub(crate) fn appends_only(prev: &Table, next: &Table) -> bool {
    let kept_prev: Vec<&str> = prev
        .columns
        .iter()
        .filter(|c| next.column(&c.name).is_some())
        .map(|c| c.name.as_str())
        .collect();
    let next_names: Vec<&str> = next.columns.iter().map(|c| c.name.as_str()).collect();
    next_names.starts_with(&kept_prev)
}

/// The statements that turn `prev` into `next`. `renamed` maps a column's next name to its
/// previous one; `pragmas` switches foreign keys off and back on.
pub(crate) fn statements(
    prev: &Table,
    next: &Table,
    renamed: &BTreeMap<String, String>,
    pragmas: bool,
) -> Vec<String> {
    let name = &next.name;
    let temp = QualifiedName::new(name.schema.clone(), format!("_waymark_new_{}", name.name));
    let mut out = Vec::new();
    if pragmas {
        out.push("PRAGMA foreign_keys = OFF".to_string());
    }
    // Only the CREATE TABLE: indexes are made under the final name, after the rename.
    out.extend(ddl::create_table(D, next, &temp).into_iter().take(1));
    let copied: Vec<(&str, &str)> = next
        .columns
        .iter()
        .filter(|c| c.generated.is_none())
        .filter_map(|c| {
            let old = renamed.get(&c.name).map_or(c.name.as_str(), |s| s.as_str());
            let there = prev.column(old).is_some_and(|p| p.generated.is_none());
            there.then_some((c.name.as_str(), old))
        })
        .collect();
    if !copied.is_empty() {
        let into: Vec<String> = copied.iter().map(|(n, _)| quote(D, n)).collect();
        let from: Vec<String> = copied.iter().map(|(_, o)| quote(D, o)).collect();
        out.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {}",
            qname(D, &temp),
            into.join(", "),
            from.join(", "),
            qname(D, name)
        ));
    }
    out.push(format!("DROP TABLE {}", qname(D, name)));
    out.push(format!(
        "ALTER TABLE {} RENAME TO {}",
        qname(D, &temp),
        quote(D, &name.name)
    ));
    out.extend(
        next.indexes
            .iter()
            .map(|i| ddl::create_index(D, name, i, false)),
    );
    if pragmas {
        out.push("PRAGMA foreign_keys = ON".to_string());
    }
    out
}
