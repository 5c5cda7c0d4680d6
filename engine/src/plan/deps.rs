//! What each change brings into being, takes away or reshapes, and what it needs on either
//! side of the migration. The graph in `order` is built from these footprints alone, so
//! each edge kind is one rule here rather than a pairwise table of change kinds.
//!
//! Names are those of the next schema inside renamed tables, as the differ gives them.

use crate::diff::{Change, Validatable};
use crate::model::{Column, EnumType, ForeignKey, Index, QualifiedName, Schema, Table};
use std::collections::{BTreeMap, BTreeSet};

/// Something a change can depend on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Res {
    Namespace(String),
    /// A table exists under this name.
    Table(QualifiedName),
    /// The shape of a table or view, as a view reading it sees it.
    Relation(QualifiedName),
    Column(QualifiedName, String),
    /// A PK, unique constraint or plain unique index on these (sorted) columns: what a
    /// foreign key needs on its referenced side.
    Key(QualifiedName, Vec<String>),
    /// An index or constraint name on a table: a drop must free it before an add reuses it.
    Name(QualifiedName, String),
    EnumType(QualifiedName),
    EnumValue(QualifiedName, String),
    /// An index whose leading columns are these: what a MySQL foreign key needs, so the
    /// key's drop comes before its index's and the index's add before the key's.
    Lookup(QualifiedName, Vec<String>),
    /// A role's privileges on a table: revoked before they are granted again, so a
    /// privilege that changes its grant option is not revoked after its new grant.
    Grantee(QualifiedName, String),
    /// A PostgreSQL function of this name (any argument types).
    Function(QualifiedName),
    /// A trigger name in its scope (the table in PostgreSQL, the schema elsewhere).
    Trigger(String, String),
    /// What a table's triggers see of it: changes inside the table alter it, so triggers
    /// are created after them and dropped before them.
    Triggers(QualifiedName),
    /// A PostgreSQL domain.
    Domain(QualifiedName),
    /// The ranges a partitioned table's partitions cover: every partition leaving them
    /// (dropped, or detached to move) goes before any entering them, so none overlaps. Two
    /// partitions moving within one parent are a `plan-cycle`.
    PartitionBounds(QualifiedName),
    /// A PostgreSQL extension, by name.
    Extension(String),
    /// Extensions the migration installs: everything else may use them, so it comes after.
    ExtensionsCreated,
    /// Extensions the migration removes: everything else comes before.
    ExtensionsDropped,
}

/// One change's footprint.
#[derive(Debug, Default)]
pub(super) struct Footprint {
    pub creates: BTreeSet<Res>,
    pub removes: BTreeSet<Res>,
    pub alters: BTreeSet<Res>,
    /// Must exist after this change runs (so it comes after whatever provides it).
    pub needs_next: BTreeSet<Res>,
    /// Existed when the dropped/altered object was made (so this runs before it goes).
    pub needs_prev: BTreeSet<Res>,
}

impl Footprint {
    pub fn merge(&mut self, other: Footprint) {
        self.creates.extend(other.creates);
        self.removes.extend(other.removes);
        self.alters.extend(other.alters);
        self.needs_next.extend(other.needs_next);
        self.needs_prev.extend(other.needs_prev);
    }
}

/// The two schemas, for what a change's own fields do not say (which types are enums).
pub(super) struct Sides<'a> {
    pub previous: &'a Schema,
    pub next: &'a Schema,
    /// Keys that impose no order between the tables they join (`fk_cycles`).
    pub loose: &'a BTreeSet<super::fk_cycles::Edge>,
}

pub(super) fn footprint(change: &Change, sides: &Sides) -> Footprint {
    use Change::*;
    let mut f = Footprint::default();
    let (prev, next) = (sides.previous, sides.next);
    match change {
        CreateSchema { name } => {
            f.creates.insert(Res::Namespace(name.clone()));
        }
        DropSchema { name } => {
            f.removes.insert(Res::Namespace(name.clone()));
        }
        CreateTable { table } => {
            f.creates.extend(table_provides(table));
            f.creates.extend(partition_bounds(table));
            table_needs(table, next, sides.loose, &mut f.needs_next);
        }
        DropTable { table } => {
            f.removes.extend(table_provides(table));
            f.removes.extend(partition_bounds(table));
            table_needs(table, prev, sides.loose, &mut f.needs_prev);
        }
        RenameTable { from, to } => {
            f.removes.insert(Res::Table(from.clone()));
            f.removes.insert(Res::Relation(from.clone()));
            f.creates.insert(Res::Table(to.clone()));
            f.creates.insert(Res::Relation(to.clone()));
            namespace(to, &mut f.needs_next);
        }
        CreateEnum { enum_type } => {
            f.creates.extend(enum_provides(enum_type));
            namespace(&enum_type.name, &mut f.needs_next);
        }
        DropEnum { enum_type } => {
            f.removes.extend(enum_provides(enum_type));
            namespace(&enum_type.name, &mut f.needs_prev);
        }
        AddEnumValue {
            name, value, after, ..
        } => {
            f.creates
                .insert(Res::EnumValue(name.clone(), value.clone()));
            f.needs_next.insert(Res::EnumType(name.clone()));
            // Placed AFTER its left neighbour, which may be new too.
            if let Some(a) = after {
                f.needs_next.insert(Res::EnumValue(name.clone(), a.clone()));
            }
        }
        DropEnumValue { name, value, .. } => {
            f.removes
                .insert(Res::EnumValue(name.clone(), value.clone()));
        }
        ReplaceEnum { previous, next } => {
            // Values on both sides stay usable throughout; a default that leaves a removed
            // value must change first, one that takes up a new value after.
            f.alters.insert(Res::EnumType(previous.name.clone()));
            f.alters.insert(Res::EnumType(next.name.clone()));
            let only = |a: &'_ EnumType, b: &EnumType| {
                let name = a.name.clone();
                let values: Vec<Res> = a
                    .values
                    .iter()
                    .filter(|v| !b.values.contains(v))
                    .map(|v| Res::EnumValue(name.clone(), v.clone()))
                    .collect();
                values
            };
            f.removes.extend(only(previous, next));
            f.creates.extend(only(next, previous));
            // Its columns are cast to the new type: the tables change shape for their views.
            f.alters
                .extend(enum_tables(previous, prev).map(Res::Relation));
        }
        CreateView { view } => {
            f.creates.insert(Res::Relation(view.name.clone()));
            view_needs(&view.name, &view.reads, &mut f.needs_next);
        }
        DropView { view } => {
            f.removes.insert(Res::Relation(view.name.clone()));
            view_needs(&view.name, &view.reads, &mut f.needs_prev);
        }
        ReplaceView { previous, next } => {
            f.alters.insert(Res::Relation(next.name.clone()));
            view_needs(&previous.name, &previous.reads, &mut f.needs_prev);
            view_needs(&next.name, &next.reads, &mut f.needs_next);
        }
        CreateFunction { .. }
        | DropFunction { .. }
        | ReplaceFunction { .. }
        | CreateTrigger { .. }
        | DropTrigger { .. }
        | ReplaceTrigger { .. } => super::routines::footprint(change, sides, &mut f),
        GrantPrivileges { .. }
        | RevokePrivileges { .. }
        | SetRowSecurity { .. }
        | CreatePolicy { .. }
        | DropPolicy { .. }
        | ReplacePolicy { .. } => super::access::footprint(change, sides, &mut f),
        CreateDomain { .. }
        | DropDomain { .. }
        | AlterDomain { .. }
        | CreateExtension { .. }
        | DropExtension { .. }
        | SetComment { .. } => super::pg_objects::footprint(change, sides, &mut f),
        AddColumn {
            table,
            column,
            after,
        } => {
            column_shape(table, &mut f);
            f.creates.insert(col(table, &column.name));
            column_needs(column, next, &mut f.needs_next);
            // MySQL's AFTER names it; the reverse of a drop does too.
            f.needs_next.extend(after.as_ref().map(|a| col(table, a)));
        }
        DropColumn {
            table,
            column,
            after,
        } => {
            column_shape(table, &mut f);
            f.removes.insert(col(table, &column.name));
            column_needs(column, prev, &mut f.needs_prev);
            f.needs_prev.extend(after.as_ref().map(|a| col(table, a)));
        }
        RenameColumn { table, from, to } => {
            column_shape(table, &mut f);
            f.removes.insert(col(table, from));
            f.creates.insert(col(table, to));
        }
        AlterColumn {
            table,
            previous,
            next: next_col,
            ..
        } => {
            column_shape(table, &mut f);
            f.alters.insert(col(table, &next_col.name));
            // Under its next name: a rename of it goes first.
            f.needs_next.insert(col(table, &next_col.name));
            column_needs(previous, prev, &mut f.needs_prev);
            let mut needs = BTreeSet::new();
            column_needs(next_col, next, &mut needs);
            // Of a type it keeps, the column needs only the values its default takes up: the
            // type exists throughout, and a recreation of it casts the column either way.
            if previous.data_type == next_col.data_type {
                needs.retain(|r| !matches!(r, Res::EnumType(_)));
            }
            f.needs_next.extend(needs);
        }
        AddPrimaryKey { table, primary_key } => {
            f.creates.extend(key(table, &primary_key.columns));
            f.creates.extend(name(table, &primary_key.name));
            member_needs(table, &primary_key.columns, &mut f);
        }
        DropPrimaryKey { table, primary_key } => {
            f.removes.extend(key(table, &primary_key.columns));
            f.removes.extend(name(table, &primary_key.name));
            member_uses(table, &primary_key.columns, &mut f);
        }
        AddUnique { table, unique } => {
            f.creates.extend(key(table, &unique.columns));
            f.creates.extend(name(table, &unique.name));
            member_needs(table, &unique.columns, &mut f);
        }
        DropUnique { table, unique } => {
            f.removes.extend(key(table, &unique.columns));
            f.removes.extend(name(table, &unique.name));
            member_uses(table, &unique.columns, &mut f);
        }
        AddIndex { table, index } => {
            f.creates.extend(index_key(table, index));
            f.creates.extend(name(table, &Some(index.name.clone())));
            f.creates.extend(lookups(table, index));
            member_needs(table, &index_columns(index, next, table), &mut f);
        }
        DropIndex { table, index } => {
            f.removes.extend(index_key(table, index));
            f.removes.extend(name(table, &Some(index.name.clone())));
            f.removes.extend(lookups(table, index));
            member_uses(table, &index_columns(index, prev, table), &mut f);
        }
        AddForeignKey { table, foreign_key } => {
            f.creates.extend(name(table, &foreign_key.name));
            member_needs(table, &foreign_key.columns, &mut f);
            fk_needs(foreign_key, &mut f.needs_next);
            f.needs_next
                .insert(Res::Lookup(table.clone(), foreign_key.columns.clone()));
        }
        DropForeignKey { table, foreign_key } => {
            f.removes.extend(name(table, &foreign_key.name));
            member_uses(table, &foreign_key.columns, &mut f);
            fk_needs(foreign_key, &mut f.needs_prev);
            f.needs_prev
                .insert(Res::Lookup(table.clone(), foreign_key.columns.clone()));
        }
        AddExclusion { table, exclusion } => {
            f.creates.extend(name(table, &exclusion.name));
            member_needs(table, &exclusion_columns(exclusion, next, table), &mut f);
        }
        DropExclusion { table, exclusion } => {
            f.removes.extend(name(table, &exclusion.name));
            member_uses(table, &exclusion_columns(exclusion, prev, table), &mut f);
        }
        AddCheck { table, check } => {
            f.creates.extend(name(table, &check.name));
            member_needs(table, &expr_columns(&check.expr, next, table), &mut f);
        }
        DropCheck { table, check } => {
            f.removes.extend(name(table, &check.name));
            member_uses(table, &expr_columns(&check.expr, prev, table), &mut f);
        }
        RenameIndex { table, from, to } | RenameConstraint { table, from, to } => {
            f.removes.insert(Res::Name(table.clone(), from.clone()));
            f.creates.insert(Res::Name(table.clone(), to.clone()));
            f.needs_next.insert(Res::Table(table.clone()));
        }
        SetConstraintValid {
            table, constraint, ..
        } => {
            f.needs_next.insert(Res::Table(table.clone()));
            if let Validatable::ForeignKey(fk) = constraint {
                fk_needs(fk, &mut f.needs_next);
            }
        }
        ReorderColumns { table, .. } => column_shape(table, &mut f),
        AlterTableOptions {
            table,
            previous,
            next,
        } => {
            f.needs_next.insert(Res::Table(table.clone()));
            // A partition moves between parents that exist on either side.
            if previous.partition_of != next.partition_of {
                if let Some(p) = &previous.partition_of {
                    f.needs_prev.insert(Res::Table(p.parent.clone()));
                    f.removes.insert(Res::PartitionBounds(p.parent.clone()));
                }
                if let Some(p) = &next.partition_of {
                    f.needs_next.insert(Res::Table(p.parent.clone()));
                    f.creates.insert(Res::PartitionBounds(p.parent.clone()));
                }
            }
        }
        SetTableComment { table, .. } | AlterIndexStorage { table, .. } => {
            f.needs_next.insert(Res::Table(table.clone()));
        }
    }
    super::routines::extra(change, sides, &mut f);
    super::access::extra(change, sides, &mut f);
    super::pg_objects::extra(change, sides, &mut f);
    f
}

/// Every leading run of plain columns an index can serve lookups on.
fn lookups(table: &QualifiedName, index: &Index) -> Vec<Res> {
    let plain: Vec<String> = index
        .parts
        .iter()
        .take_while(|p| !p.expression)
        .map(|p| p.column.clone())
        .collect();
    (1..=plain.len())
        .map(|n| Res::Lookup(table.clone(), plain[..n].to_vec()))
        .collect()
}

fn col(table: &QualifiedName, column: &str) -> Res {
    Res::Column(table.clone(), column.to_string())
}

fn namespace(name: &QualifiedName, out: &mut BTreeSet<Res>) {
    out.extend(name.schema.clone().map(Res::Namespace));
}

fn name(table: &QualifiedName, name: &Option<String>) -> Option<Res> {
    name.as_ref().map(|n| Res::Name(table.clone(), n.clone()))
}

fn key(table: &QualifiedName, columns: &[String]) -> Option<Res> {
    let mut cols = columns.to_vec();
    cols.sort();
    Some(Res::Key(table.clone(), cols))
}

/// Only a plain unique index (no predicate, no expression) can back a foreign key.
fn index_key(table: &QualifiedName, index: &Index) -> Option<Res> {
    let plain =
        index.unique && index.predicate.is_none() && index.parts.iter().all(|p| !p.expression);
    let cols: Vec<String> = index.parts.iter().map(|p| p.column.clone()).collect();
    plain.then(|| key(table, &cols)).flatten()
}

/// A column change reshapes its table as views see it, and happens inside the table under
/// its next name (after a rename of it).
fn column_shape(table: &QualifiedName, f: &mut Footprint) {
    f.alters.insert(Res::Relation(table.clone()));
    f.needs_next.insert(Res::Table(table.clone()));
}

/// A member being added needs its table and columns as they will be.
fn member_needs(table: &QualifiedName, columns: &[String], f: &mut Footprint) {
    f.needs_next.insert(Res::Table(table.clone()));
    f.needs_next.extend(columns.iter().map(|c| col(table, c)));
}

/// A member being dropped used its columns; it goes before they do. The table itself is
/// named as in the next schema, so the drop runs after a rename of it.
fn member_uses(table: &QualifiedName, columns: &[String], f: &mut Footprint) {
    f.needs_next.insert(Res::Table(table.clone()));
    f.needs_prev.extend(columns.iter().map(|c| col(table, c)));
}

fn fk_needs(fk: &ForeignKey, out: &mut BTreeSet<Res>) {
    let target = &fk.ref_table;
    out.insert(Res::Table(target.clone()));
    out.extend(fk.ref_columns.iter().map(|c| col(target, c)));
    out.extend(key(target, &fk.ref_columns));
}

/// Everything a whole table brings with it, so drops of it wait for its users and creates
/// of it come before them.
fn table_provides(table: &Table) -> Vec<Res> {
    let t = &table.name;
    let mut out = vec![Res::Table(t.clone()), Res::Relation(t.clone())];
    out.extend(table.columns.iter().map(|c| col(t, &c.name)));
    if let Some(pk) = &table.primary_key {
        out.extend(key(t, &pk.columns));
        out.extend(name(t, &pk.name));
    }
    for u in &table.uniques {
        out.extend(key(t, &u.columns));
        out.extend(name(t, &u.name));
    }
    for i in &table.indexes {
        out.extend(index_key(t, i));
        out.extend(name(t, &Some(i.name.clone())));
    }
    out.extend(table.foreign_keys.iter().filter_map(|fk| name(t, &fk.name)));
    out.extend(table.checks.iter().filter_map(|c| name(t, &c.name)));
    out
}

fn partition_bounds(table: &Table) -> Option<Res> {
    let p = table.options.partition_of.as_ref()?;
    Some(Res::PartitionBounds(p.parent.clone()))
}

/// A whole table needs its namespace, the enums its columns use and its foreign keys'
/// targets (a self-reference is its own and adds no edge).
fn table_needs(
    table: &Table,
    schema: &Schema,
    loose: &BTreeSet<super::fk_cycles::Edge>,
    out: &mut BTreeSet<Res>,
) {
    namespace(&table.name, out);
    if let Some(p) = &table.options.partition_of {
        out.insert(Res::Table(p.parent.clone()));
    }
    for c in &table.columns {
        column_needs(c, schema, out);
    }
    let bound = |fk: &&ForeignKey| !loose.contains(&(table.name.clone(), fk.ref_table.clone()));
    for fk in table.foreign_keys.iter().filter(bound) {
        fk_needs(fk, out);
    }
}

/// The tables with a column of enum `e` (or an array of it).
pub(super) fn enum_tables<'a>(
    e: &'a EnumType,
    schema: &'a Schema,
) -> impl Iterator<Item = QualifiedName> + 'a {
    schema
        .tables
        .values()
        .filter(move |t| {
            t.columns.iter().any(|c| {
                enum_named(c.data_type.trim_end_matches("[]"), &schema.enums)
                    .is_some_and(|found| found.name == e.name)
            })
        })
        .map(|t| t.name.clone())
}

fn enum_provides(e: &EnumType) -> Vec<Res> {
    let mut out = vec![Res::EnumType(e.name.clone())];
    out.extend(
        e.values
            .iter()
            .map(|v| Res::EnumValue(e.name.clone(), v.clone())),
    );
    out
}

/// The enum a column's type names (arrays of it too), and the values its default quotes.
fn column_needs(column: &Column, schema: &Schema, out: &mut BTreeSet<Res>) {
    let base = column.data_type.trim_end_matches("[]");
    let Some(e) = enum_named(base, &schema.enums) else {
        return;
    };
    out.insert(Res::EnumType(e.name.clone()));
    let default = column.default.as_deref().unwrap_or("");
    for v in &e.values {
        if default.contains(&format!("'{}'", v.replace('\'', "''"))) {
            out.insert(Res::EnumValue(e.name.clone(), v.clone()));
        }
    }
}

fn enum_named<'a>(
    type_name: &str,
    enums: &'a BTreeMap<QualifiedName, EnumType>,
) -> Option<&'a EnumType> {
    let unquoted = type_name.replace('"', "");
    enums
        .values()
        .find(|e| e.name.to_string() == unquoted || e.name.name == unquoted)
}

fn view_needs(view: &QualifiedName, reads: &[QualifiedName], out: &mut BTreeSet<Res>) {
    namespace(view, out);
    out.extend(reads.iter().cloned().map(Res::Relation));
}

fn index_columns(index: &Index, schema: &Schema, table: &QualifiedName) -> Vec<String> {
    let mut out = Vec::new();
    for p in &index.parts {
        if p.expression {
            out.extend(expr_columns(&p.column, schema, table));
        } else {
            out.push(p.column.clone());
        }
    }
    if let Some(pred) = &index.predicate {
        out.extend(expr_columns(pred, schema, table));
    }
    out
}

/// Columns of `table` an expression mentions, by identifier words: a heuristic, but a
/// spurious match only adds an edge that is true anyway for a same-named column.
/// The columns an exclusion reads: its element columns and expressions, INCLUDE, WHERE.
fn exclusion_columns(
    x: &crate::model::Exclusion,
    schema: &Schema,
    table: &QualifiedName,
) -> Vec<String> {
    let mut text: Vec<&str> = x.elements.iter().map(|e| e.part.column.as_str()).collect();
    text.extend(x.include.iter().map(String::as_str));
    text.extend(x.predicate.as_deref());
    expr_columns(&text.join(" "), schema, table)
}

fn expr_columns(expr: &str, schema: &Schema, table: &QualifiedName) -> Vec<String> {
    let Some(t) = schema.tables.get(table) else {
        return Vec::new();
    };
    let words: BTreeSet<&str> = expr
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    t.columns
        .iter()
        .filter(|c| words.contains(c.name.as_str()))
        .map(|c| c.name.clone())
        .collect()
}
