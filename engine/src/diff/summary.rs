//! One line per change for people: `+` added, `-` dropped, `~` changed or renamed.

use super::change::{
    check_label, exclusion_label, foreign_key_label, primary_key_label, unique_label, Change,
    ColumnAspect,
};
use crate::model::{Column, Identity};

pub fn summary(changes: &[Change]) -> Vec<String> {
    changes.iter().map(line).collect()
}

fn line(change: &Change) -> String {
    use Change::*;
    if let Some(l) = super::routines::line(change) {
        return l;
    }
    if let Some(l) = super::access::line(change) {
        return l;
    }
    if let Some(l) = super::objects::line(change) {
        return l;
    }
    match change {
        CreateSchema { name } => format!("+ schema {name}"),
        DropSchema { name } => format!("- schema {name}"),
        CreateTable { table } => format!("+ table {}", table.name),
        DropTable { table } => format!("- table {}", table.name),
        RenameTable { from, to } => format!("~ table {from} → {to} (rename)"),
        CreateEnum { enum_type } => format!("+ enum {}", enum_type.name),
        DropEnum { enum_type } => format!("- enum {}", enum_type.name),
        AddEnumValue { name, value, .. } => format!("+ enum value {name} '{value}'"),
        DropEnumValue { name, value, .. } => format!("- enum value {name} '{value}'"),
        ReplaceEnum { previous, next } => format!(
            "~ enum {}: ({}) → ({})",
            next.name,
            previous.values.join(", "),
            next.values.join(", ")
        ),
        CreateView { view } => format!("+ view {}", view.name),
        DropView { view } => format!("- view {}", view.name),
        ReplaceView { next, .. } => format!("~ view {}", next.name),
        // Written by `routines::line` above.
        CreateFunction { .. }
        | DropFunction { .. }
        | ReplaceFunction { .. }
        | CreateTrigger { .. }
        | DropTrigger { .. }
        | ReplaceTrigger { .. } => String::new(),
        // Written by `objects::line` above.
        CreateDomain { .. }
        | DropDomain { .. }
        | AlterDomain { .. }
        | CreateExtension { .. }
        | DropExtension { .. }
        | SetComment { .. } => String::new(),
        // Written by `access::line` above.
        GrantPrivileges { .. }
        | RevokePrivileges { .. }
        | SetRowSecurity { .. }
        | CreatePolicy { .. }
        | DropPolicy { .. }
        | ReplacePolicy { .. } => String::new(),
        AddColumn { table, column, .. } => format!("+ column {table}.{}", column.name),
        DropColumn { table, column, .. } => format!("- column {table}.{}", column.name),
        RenameColumn { table, from, to } => {
            format!("~ column {table}.{from} → {table}.{to} (rename)")
        }
        AlterColumn {
            table,
            previous,
            next,
            aspects,
        } => {
            let parts: Vec<String> = aspects.iter().map(|a| aspect(*a, previous, next)).collect();
            format!("~ column {table}.{}: {}", next.name, parts.join("; "))
        }
        AddPrimaryKey { table, primary_key } => {
            format!("+ primary key {table} {}", primary_key_label(primary_key))
        }
        DropPrimaryKey { table, primary_key } => {
            format!("- primary key {table} {}", primary_key_label(primary_key))
        }
        AddUnique { table, unique } => format!("+ unique {table} {}", unique_label(unique)),
        DropUnique { table, unique } => format!("- unique {table} {}", unique_label(unique)),
        AddIndex { table, index } => format!("+ index {table}.{}", index.name),
        DropIndex { table, index } => format!("- index {table}.{}", index.name),
        AddForeignKey { table, foreign_key } => {
            format!("+ foreign key {table} {}", foreign_key_label(foreign_key))
        }
        DropForeignKey { table, foreign_key } => {
            format!("- foreign key {table} {}", foreign_key_label(foreign_key))
        }
        AddCheck { table, check } => format!("+ check {table} {}", check_label(check)),
        DropCheck { table, check } => format!("- check {table} {}", check_label(check)),
        AddExclusion { table, exclusion } => {
            format!("+ exclusion {table} {}", exclusion_label(exclusion))
        }
        DropExclusion { table, exclusion } => {
            format!("- exclusion {table} {}", exclusion_label(exclusion))
        }
        SetTableComment { table, .. } => format!("~ table {table}: comment"),
        RenameIndex { table, from, to } => format!("~ index {table}.{from} → {to} (rename)"),
        AlterIndexStorage { table, index, .. } => {
            format!("~ index {table}.{index}: storage parameters")
        }
        RenameConstraint { table, from, to } => {
            format!("~ constraint {table}.{from} → {to} (rename)")
        }
        SetConstraintValid {
            table,
            constraint,
            valid,
        } => {
            let state = if *valid {
                "not valid → valid"
            } else {
                "valid → not valid"
            };
            format!("~ {} on {table}: {state}", constraint.label())
        }
        ReorderColumns { table, next, .. } => {
            format!("~ table {table}: column order {}", next.join(", "))
        }
        AlterTableOptions {
            table,
            previous,
            next,
        } => format!("~ table {table}: {}", previous.describe_change(next)),
    }
}

/// `before → after` for one aspect; the type is shown bare, as in `varchar(100) → text`.
fn aspect(a: ColumnAspect, p: &Column, n: &Column) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    let identity = |i: &Option<Identity>| {
        i.map_or("none".into(), |i| {
            serde_json::to_value(i)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        })
    };
    let generated = |c: &Column| opt(&c.generated.as_ref().map(|g| g.expr.clone()));
    let null = |c: &Column| if c.nullable { "null" } else { "not null" }.to_string();
    let (label, before, after) = match a {
        ColumnAspect::Type => return format!("{} → {}", p.data_type, n.data_type),
        ColumnAspect::Nullability => return format!("{} → {}", null(p), null(n)),
        ColumnAspect::Default => ("default", opt(&p.default), opt(&n.default)),
        ColumnAspect::Identity => ("identity", identity(&p.identity), identity(&n.identity)),
        ColumnAspect::Sequence => {
            let clauses = |c: &Column| {
                let list = c.sequence.clone().unwrap_or_default().clauses(&c.data_type);
                if list.is_empty() {
                    "defaults".to_string()
                } else {
                    list.join(" ")
                }
            };
            ("sequence", clauses(p), clauses(n))
        }
        ColumnAspect::Generated => ("generated", generated(p), generated(n)),
        ColumnAspect::Collation if p.collation.is_none() && n.collation.is_none() => {
            return "collation follows the table's".into()
        }
        ColumnAspect::Collation => ("collation", opt(&p.collation), opt(&n.collation)),
        ColumnAspect::Comment => ("comment", opt(&p.comment), opt(&n.comment)),
        ColumnAspect::OnUpdate => ("on update", opt(&p.on_update), opt(&n.on_update)),
    };
    format!("{label} {before} → {after}")
}
