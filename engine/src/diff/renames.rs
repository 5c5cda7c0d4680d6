//! Rename hints: checked against both schemas, then applied to the previous schema so the
//! rest of the differ matches objects by name alone. Without a hint a rename looks like a
//! drop and an add; `suggest` points those out, but never renames on its own.

use super::change::Change;
use super::{MigrationPair, RenameHints};
use crate::diag::{Code, Diagnostic, Severity};
use crate::model::{QualifiedName, Schema, Table};
use std::collections::BTreeMap;

/// Hints, checked. Columns are keyed by the table's next name.
pub(super) struct Renames {
    pub tables: BTreeMap<QualifiedName, QualifiedName>,
    pub columns: BTreeMap<QualifiedName, BTreeMap<String, String>>,
}

fn bad_hint(what: &str, object: String, problem: &str) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidRenameHint,
        format!("rename hint {what}: {object} {problem}"),
    )
    .with_object(object)
    .with_hint("a rename hint names the old object as it is in the previous schema and the new one as it is in the next")
}

pub(super) fn resolve(pair: &MigrationPair, hints: &RenameHints) -> Result<Renames, Diagnostic> {
    let (prev, next) = (pair.previous, pair.next);
    let mut tables = BTreeMap::new();
    for (old, new) in &hints.tables {
        let what = format!("table {old} → {new}");
        let check = |ok: bool, object: &QualifiedName, problem: &str| {
            if ok {
                Ok(())
            } else {
                Err(bad_hint(&what, object.to_string(), problem))
            }
        };
        check(
            prev.tables.contains_key(old),
            old,
            "does not exist in the previous schema",
        )?;
        check(
            next.tables.contains_key(new),
            new,
            "does not exist in the next schema",
        )?;
        check(
            !next.tables.contains_key(old),
            old,
            "still exists in the next schema",
        )?;
        check(
            !prev.tables.contains_key(new),
            new,
            "already exists in the previous schema",
        )?;
        let taken = tables.values().any(|n| n == new);
        check(
            !taken && !tables.contains_key(old),
            old,
            "is named by two hints",
        )?;
        tables.insert(old.clone(), new.clone());
    }
    let mut columns: BTreeMap<QualifiedName, BTreeMap<String, String>> = BTreeMap::new();
    for (table, old, new) in &hints.columns {
        let what = format!("column {table}.{old} → {table}.{new}");
        let object = |c: &str| format!("{table}.{c}");
        let next_table = next.tables.get(table).ok_or_else(|| {
            bad_hint(
                &what,
                table.to_string(),
                "does not exist in the next schema",
            )
        })?;
        let prev_name = tables
            .iter()
            .find(|(_, n)| *n == table)
            .map_or(table, |(o, _)| o);
        let prev_table = prev.tables.get(prev_name).ok_or_else(|| {
            bad_hint(
                &what,
                prev_name.to_string(),
                "does not exist in the previous schema",
            )
        })?;
        let check = |ok: bool, c: &str, problem: &str| {
            if ok {
                Ok(())
            } else {
                Err(bad_hint(&what, object(c), problem))
            }
        };
        check(
            prev_table.column(old).is_some(),
            old,
            "does not exist in the previous schema",
        )?;
        check(
            next_table.column(new).is_some(),
            new,
            "does not exist in the next schema",
        )?;
        check(
            next_table.column(old).is_none(),
            old,
            "still exists in the next schema",
        )?;
        check(
            prev_table.column(new).is_none(),
            new,
            "already exists in the previous schema",
        )?;
        let renamed = columns.entry(table.clone()).or_default();
        let taken = renamed.contains_key(old) || renamed.values().any(|n| n == new);
        check(!taken, old, "is named by two hints")?;
        renamed.insert(old.clone(), new.clone());
    }
    Ok(Renames { tables, columns })
}

impl Renames {
    pub fn changes(&self) -> Vec<Change> {
        let tables = self.tables.iter().map(|(from, to)| Change::RenameTable {
            from: from.clone(),
            to: to.clone(),
        });
        let columns = self.columns.iter().flat_map(|(table, cols)| {
            cols.iter().map(|(from, to)| Change::RenameColumn {
                table: table.clone(),
                from: from.clone(),
                to: to.clone(),
            })
        });
        tables.chain(columns).collect()
    }

    fn table(&self, name: &QualifiedName) -> QualifiedName {
        self.tables.get(name).unwrap_or(name).clone()
    }

    /// A column's name after the renames, given its table's next name.
    fn column(&self, table: &QualifiedName, column: &str) -> String {
        self.columns
            .get(table)
            .and_then(|cols| cols.get(column))
            .map_or(column, String::as_str)
            .to_string()
    }

    /// The previous schema as it reads once the renames ran: the server carries keys,
    /// indexes and foreign keys along with a renamed table or column, so they must not show
    /// up as changed. Expressions (checks, expression indexes, views) are left as written.
    pub fn apply<'a>(&self, previous: &'a Schema) -> std::borrow::Cow<'a, Schema> {
        if self.tables.is_empty() && self.columns.is_empty() {
            return std::borrow::Cow::Borrowed(previous);
        }
        let mut out = previous.clone();
        out.tables = previous
            .tables
            .values()
            .map(|t| {
                let t = self.rename_table(t);
                (t.name.clone(), t)
            })
            .collect();
        for view in out.views.values_mut() {
            view.reads = view.reads.iter().map(|r| self.table(r)).collect();
            view.reads.sort();
        }
        std::borrow::Cow::Owned(out)
    }

    fn rename_table(&self, previous: &Table) -> Table {
        let mut t = previous.clone();
        t.name = self.table(&t.name);
        let name = t.name.clone();
        let col = |c: &mut String| *c = self.column(&name, c);
        t.columns.iter_mut().for_each(|c| col(&mut c.name));
        if let Some(pk) = &mut t.primary_key {
            pk.columns.iter_mut().for_each(col);
        }
        for u in &mut t.uniques {
            u.columns.iter_mut().for_each(col);
        }
        for i in &mut t.indexes {
            i.parts
                .iter_mut()
                .filter(|p| !p.expression)
                .for_each(|p| col(&mut p.column));
        }
        for fk in &mut t.foreign_keys {
            fk.columns.iter_mut().for_each(col);
            fk.ref_table = self.table(&fk.ref_table);
            let target = fk.ref_table.clone();
            fk.ref_columns
                .iter_mut()
                .for_each(|c| *c = self.column(&target, c));
        }
        if let Some(p) = &mut t.options.partition_of {
            p.parent = self.table(&p.parent);
        }
        // Column privileges follow their column (a sequence keeps its own name).
        t.grants
            .iter_mut()
            .filter_map(|g| g.column.as_mut())
            .for_each(col);
        // Renamed columns change the members' canonical order.
        t.sort_members();
        t
    }
}

fn suggestion(message: String, object: String) -> Diagnostic {
    Diagnostic::new(Code::PossibleRename, Severity::Warning, message)
        .with_object(object)
        .with_hint("pass a rename hint to keep the data")
}

/// Drops and adds that look like renames: a column dropped and one added in the same table
/// with the same type, or a table dropped and one added with the same columns.
pub(super) fn suggest(changes: &[Change]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for dropped in changes {
        match dropped {
            Change::DropColumn { table, column, .. } => {
                let added = changes.iter().find_map(|c| match c {
                    Change::AddColumn {
                        table: t,
                        column: a,
                        ..
                    } if t == table && a.data_type == column.data_type => Some(a),
                    _ => None,
                });
                if let Some(added) = added {
                    let (old, new) = (
                        format!("{table}.{}", column.name),
                        format!("{table}.{}", added.name),
                    );
                    out.push(suggestion(
                        format!("{old} dropped and {new} added look like a rename; pass a rename hint to keep the data"),
                        old,
                    ));
                }
            }
            Change::DropTable { table } => {
                // Partitions have no columns of their own: their bound tells them apart.
                let shape = |t: &Table| {
                    let columns = t.columns.iter();
                    let cols: Vec<_> = columns
                        .map(|c| (c.name.clone(), c.data_type.clone()))
                        .collect();
                    (cols, t.options.partition_of.clone())
                };
                let added = changes.iter().find_map(|c| match c {
                    Change::CreateTable { table: a } if shape(a) == shape(table) => Some(a),
                    _ => None,
                });
                if let Some(added) = added {
                    out.push(suggestion(
                        format!(
                            "table {} dropped and table {} added look like a rename; pass a rename hint to keep the data",
                            table.name, added.name
                        ),
                        table.name.to_string(),
                    ));
                }
            }
            _ => {}
        }
    }
    out
}
