//! The changes a diff produces. Each one carries whole model values from the side it comes
//! from, so a planner can render its up SQL and its reverse without going back to the schemas:
//! a drop carries the previous object, an add the next one, an alteration both.

use crate::model::{
    Check, Column, EnumType, ForeignKey, Function, Index, PrimaryKey, QualifiedName, Table,
    Trigger, UniqueConstraint, View,
};
use serde::{Deserialize, Serialize};

/// One difference between two schemas. Inside a renamed table, changes use the next name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    CreateSchema {
        name: String,
    },
    DropSchema {
        name: String,
    },
    /// The whole table with its keys, indexes and constraints; no separate member changes.
    CreateTable {
        table: Table,
    },
    /// The whole previous table, so its reverse restores it exactly.
    DropTable {
        table: Table,
    },
    RenameTable {
        from: QualifiedName,
        to: QualifiedName,
    },
    CreateEnum {
        #[serde(rename = "enum")]
        enum_type: EnumType,
    },
    DropEnum {
        #[serde(rename = "enum")]
        enum_type: EnumType,
    },
    /// `after`/`before` are the neighbours in the next value list (`None`: first/last).
    AddEnumValue {
        name: QualifiedName,
        value: String,
        after: Option<String>,
        before: Option<String>,
    },
    /// `after`/`before` are the neighbours in the previous value list.
    DropEnumValue {
        name: QualifiedName,
        value: String,
        after: Option<String>,
        before: Option<String>,
    },
    /// The values that stay changed order: no ADD VALUE can express that.
    ReplaceEnum {
        previous: EnumType,
        next: EnumType,
    },
    CreateView {
        view: View,
    },
    DropView {
        view: View,
    },
    ReplaceView {
        previous: View,
        next: View,
    },
    /// PostgreSQL functions and procedures (see `crate::model::Function`).
    CreateFunction {
        function: Function,
    },
    DropFunction {
        function: Function,
    },
    /// Same name and argument types, another definition.
    ReplaceFunction {
        previous: Function,
        next: Function,
    },
    CreateTrigger {
        trigger: Trigger,
    },
    DropTrigger {
        trigger: Trigger,
    },
    /// Same table and name, another definition.
    ReplaceTrigger {
        previous: Trigger,
        next: Trigger,
    },
    /// PostgreSQL domains (see `crate::model::Domain`).
    CreateDomain {
        domain: crate::model::Domain,
    },
    DropDomain {
        domain: crate::model::Domain,
    },
    /// Same name; default, NOT NULL, checks or comments differ.
    AlterDomain {
        previous: crate::model::Domain,
        next: crate::model::Domain,
    },
    /// PostgreSQL extensions.
    CreateExtension {
        extension: crate::model::Extension,
    },
    DropExtension {
        extension: crate::model::Extension,
    },
    /// The comment on an index, constraint, view or enum type that is otherwise unchanged.
    SetComment {
        on: super::objects::CommentOn,
        previous: Option<String>,
        next: Option<String>,
    },
    /// `after` is the column before it in the next table (`None`: first).
    AddColumn {
        table: QualifiedName,
        column: Column,
        after: Option<String>,
    },
    /// `after` is the column before it in the previous table (`None`: first).
    DropColumn {
        table: QualifiedName,
        column: Column,
        after: Option<String>,
    },
    RenameColumn {
        table: QualifiedName,
        from: String,
        to: String,
    },
    /// Both sides of the column (under its next name) and which aspects differ.
    AlterColumn {
        table: QualifiedName,
        previous: Column,
        next: Column,
        aspects: Vec<ColumnAspect>,
    },
    AddPrimaryKey {
        table: QualifiedName,
        primary_key: PrimaryKey,
    },
    DropPrimaryKey {
        table: QualifiedName,
        primary_key: PrimaryKey,
    },
    AddUnique {
        table: QualifiedName,
        unique: UniqueConstraint,
    },
    DropUnique {
        table: QualifiedName,
        unique: UniqueConstraint,
    },
    AddIndex {
        table: QualifiedName,
        index: Index,
    },
    DropIndex {
        table: QualifiedName,
        index: Index,
    },
    AddForeignKey {
        table: QualifiedName,
        foreign_key: ForeignKey,
    },
    DropForeignKey {
        table: QualifiedName,
        foreign_key: ForeignKey,
    },
    AddCheck {
        table: QualifiedName,
        check: Check,
    },
    DropCheck {
        table: QualifiedName,
        check: Check,
    },
    /// PostgreSQL EXCLUDE constraints.
    AddExclusion {
        table: QualifiedName,
        exclusion: crate::model::Exclusion,
    },
    DropExclusion {
        table: QualifiedName,
        exclusion: crate::model::Exclusion,
    },
    SetTableComment {
        table: QualifiedName,
        previous: Option<String>,
        next: Option<String>,
    },
    /// Table options (MySQL engine and default collation, SQLite STRICT / WITHOUT ROWID).
    AlterTableOptions {
        table: QualifiedName,
        previous: crate::model::TableOptions,
        next: crate::model::TableOptions,
    },
    /// PostgreSQL: privileges granted to a role on a table (see `crate::model::Grant`).
    GrantPrivileges {
        table: QualifiedName,
        grant: crate::model::Grant,
    },
    /// PostgreSQL: privileges taken back; with the grant option, the privileges go entirely.
    RevokePrivileges {
        table: QualifiedName,
        grant: crate::model::Grant,
    },
    /// PostgreSQL row-level security turned on or off, forced or not.
    SetRowSecurity {
        table: QualifiedName,
        previous: crate::model::RowSecurity,
        next: crate::model::RowSecurity,
    },
    CreatePolicy {
        table: QualifiedName,
        policy: crate::model::Policy,
    },
    DropPolicy {
        table: QualifiedName,
        policy: crate::model::Policy,
    },
    /// Same table and name, another definition.
    ReplacePolicy {
        table: QualifiedName,
        previous: crate::model::Policy,
        next: crate::model::Policy,
    },
    /// PostgreSQL: an index whose storage parameters alone changed (ALTER INDEX SET/RESET,
    /// no rebuild).
    AlterIndexStorage {
        table: QualifiedName,
        index: String,
        previous: Vec<crate::model::StorageParam>,
        next: Vec<crate::model::StorageParam>,
    },
    /// An index that only changed its name (the planner folds a drop and an add into it).
    RenameIndex {
        table: QualifiedName,
        from: String,
        to: String,
    },
    /// A key, foreign key or check that only changed its name (planner fold, Postgres).
    RenameConstraint {
        table: QualifiedName,
        from: String,
        to: String,
    },
    /// PostgreSQL: a NOT VALID check or foreign key validated against the rows already
    /// there (`valid`), or made NOT VALID again. `constraint` is as `next` has it.
    SetConstraintValid {
        table: QualifiedName,
        constraint: Validatable,
        valid: bool,
    },
    /// The columns on both sides, in each side's order, when that order differs.
    ReorderColumns {
        table: QualifiedName,
        previous: Vec<String>,
        next: Vec<String>,
    },
}

/// A constraint that can be NOT VALID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Validatable {
    Check(Check),
    ForeignKey(ForeignKey),
}

impl Validatable {
    pub fn name(&self) -> &Option<String> {
        match self {
            Validatable::Check(c) => &c.name,
            Validatable::ForeignKey(f) => &f.name,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Validatable::Check(c) => format!("check {}", check_label(c)),
            Validatable::ForeignKey(f) => format!("foreign key {}", foreign_key_label(f)),
        }
    }

    /// The same constraint, NOT VALID or not.
    pub fn with_not_valid(&self, not_valid: bool) -> Validatable {
        match self {
            Validatable::Check(c) => Validatable::Check(Check {
                not_valid,
                ..c.clone()
            }),
            Validatable::ForeignKey(f) => Validatable::ForeignKey(ForeignKey {
                not_valid,
                ..f.clone()
            }),
        }
    }
}

/// What about a column an `AlterColumn` changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ColumnAspect {
    Type,
    Nullability,
    Default,
    Identity,
    /// PostgreSQL: the options of an identity's or serial's sequence.
    Sequence,
    Generated,
    Collation,
    Comment,
    /// MySQL `ON UPDATE CURRENT_TIMESTAMP`.
    OnUpdate,
}

impl ColumnAspect {
    /// The aspects in which two columns differ, in a fixed order.
    pub fn between(a: &Column, b: &Column) -> Vec<ColumnAspect> {
        [
            (ColumnAspect::Type, a.data_type != b.data_type),
            (ColumnAspect::Nullability, a.nullable != b.nullable),
            (ColumnAspect::Default, a.default != b.default),
            (ColumnAspect::Identity, a.identity != b.identity),
            (ColumnAspect::Sequence, a.sequence != b.sequence),
            (ColumnAspect::Generated, a.generated != b.generated),
            (ColumnAspect::Collation, a.collation != b.collation),
            (ColumnAspect::Comment, a.comment != b.comment),
            (ColumnAspect::OnUpdate, a.on_update != b.on_update),
        ]
        .into_iter()
        .filter_map(|(aspect, differs)| differs.then_some(aspect))
        .collect()
    }
}

/// An unnamed constraint (SQLite) is known by its content.
fn member_label(name: &Option<String>, content: impl FnOnce() -> String) -> String {
    name.clone().unwrap_or_else(content)
}

pub(super) fn unique_label(u: &UniqueConstraint) -> String {
    member_label(&u.name, || format!("({})", u.columns.join(", ")))
}
pub(super) fn foreign_key_label(fk: &ForeignKey) -> String {
    member_label(&fk.name, || {
        format!("({}) → {}", fk.columns.join(", "), fk.ref_table)
    })
}
pub(super) fn check_label(c: &Check) -> String {
    member_label(&c.name, || format!("({})", c.expr))
}
pub(super) fn exclusion_label(x: &crate::model::Exclusion) -> String {
    member_label(&x.name, || "exclusion".into())
}
pub(super) fn primary_key_label(pk: &PrimaryKey) -> String {
    format!("({})", pk.columns.join(", "))
}

impl Change {
    /// The object a change is about, its part (column, index, value; empty for a whole
    /// object) and its kind: the sort key that makes a diff's order deterministic.
    pub fn subject(&self) -> (QualifiedName, String, &'static str) {
        use Change::*;
        let whole = |n: &QualifiedName, kind| (n.clone(), String::new(), kind);
        let part = |n: &QualifiedName, p: String, kind| (n.clone(), p, kind);
        let ns = |s: &str, kind| {
            (
                QualifiedName::new(Some(s.to_string()), ""),
                String::new(),
                kind,
            )
        };
        match self {
            CreateSchema { name } => ns(name, "create_schema"),
            DropSchema { name } => ns(name, "drop_schema"),
            CreateTable { table } => whole(&table.name, "create_table"),
            DropTable { table } => whole(&table.name, "drop_table"),
            RenameTable { to, .. } => whole(to, "rename_table"),
            CreateEnum { enum_type } => whole(&enum_type.name, "create_enum"),
            DropEnum { enum_type } => whole(&enum_type.name, "drop_enum"),
            AddEnumValue { name, value, .. } => part(name, value.clone(), "add_enum_value"),
            DropEnumValue { name, value, .. } => part(name, value.clone(), "drop_enum_value"),
            ReplaceEnum { next, .. } => whole(&next.name, "replace_enum"),
            CreateView { view } => whole(&view.name, "create_view"),
            DropView { view } => whole(&view.name, "drop_view"),
            ReplaceView { next, .. } => whole(&next.name, "replace_view"),
            CreateFunction { .. }
            | DropFunction { .. }
            | ReplaceFunction { .. }
            | CreateTrigger { .. }
            | DropTrigger { .. }
            | ReplaceTrigger { .. } => super::routines::subject(self),
            CreateDomain { .. }
            | DropDomain { .. }
            | AlterDomain { .. }
            | CreateExtension { .. }
            | DropExtension { .. }
            | SetComment { .. } => super::objects::subject(self),
            AddColumn { table, column, .. } => part(table, column.name.clone(), "add_column"),
            DropColumn { table, column, .. } => part(table, column.name.clone(), "drop_column"),
            RenameColumn { table, to, .. } => part(table, to.clone(), "rename_column"),
            AlterColumn { table, next, .. } => part(table, next.name.clone(), "alter_column"),
            AddPrimaryKey { table, primary_key } => {
                part(table, primary_key_label(primary_key), "add_primary_key")
            }
            DropPrimaryKey { table, primary_key } => {
                part(table, primary_key_label(primary_key), "drop_primary_key")
            }
            AddUnique { table, unique } => part(table, unique_label(unique), "add_unique"),
            DropUnique { table, unique } => part(table, unique_label(unique), "drop_unique"),
            AddIndex { table, index } => part(table, index.name.clone(), "add_index"),
            DropIndex { table, index } => part(table, index.name.clone(), "drop_index"),
            AddForeignKey { table, foreign_key } => {
                part(table, foreign_key_label(foreign_key), "add_foreign_key")
            }
            DropForeignKey { table, foreign_key } => {
                part(table, foreign_key_label(foreign_key), "drop_foreign_key")
            }
            AddCheck { table, check } => part(table, check_label(check), "add_check"),
            DropCheck { table, check } => part(table, check_label(check), "drop_check"),
            AddExclusion { table, exclusion } => {
                part(table, exclusion_label(exclusion), "add_exclusion")
            }
            DropExclusion { table, exclusion } => {
                part(table, exclusion_label(exclusion), "drop_exclusion")
            }
            SetTableComment { table, .. } => whole(table, "set_table_comment"),
            ReorderColumns { table, .. } => whole(table, "reorder_columns"),
            RenameIndex { table, to, .. } => part(table, to.clone(), "rename_index"),
            AlterIndexStorage { table, index, .. } => {
                part(table, index.clone(), "alter_index_storage")
            }
            RenameConstraint { table, to, .. } => part(table, to.clone(), "rename_constraint"),
            SetConstraintValid {
                table, constraint, ..
            } => part(
                table,
                member_label(constraint.name(), || constraint.label()),
                "set_constraint_valid",
            ),
            GrantPrivileges { .. }
            | RevokePrivileges { .. }
            | SetRowSecurity { .. }
            | CreatePolicy { .. }
            | DropPolicy { .. }
            | ReplacePolicy { .. } => super::access::subject(self),
            AlterTableOptions { table, .. } => whole(table, "alter_table_options"),
        }
    }

    /// The change that undoes this one: what `diff(next, previous)` gives for it. The
    /// planner's reverse SQL is the rendering of this.
    pub fn inverse(&self) -> Change {
        use Change::*;
        let c = self.clone();
        match c {
            CreateSchema { name } => DropSchema { name },
            DropSchema { name } => CreateSchema { name },
            CreateTable { table } => DropTable { table },
            DropTable { table } => CreateTable { table },
            RenameTable { from, to } => RenameTable { from: to, to: from },
            CreateEnum { enum_type } => DropEnum { enum_type },
            DropEnum { enum_type } => CreateEnum { enum_type },
            AddEnumValue {
                name,
                value,
                after,
                before,
            } => DropEnumValue {
                name,
                value,
                after,
                before,
            },
            DropEnumValue {
                name,
                value,
                after,
                before,
            } => AddEnumValue {
                name,
                value,
                after,
                before,
            },
            ReplaceEnum { previous, next } => ReplaceEnum {
                previous: next,
                next: previous,
            },
            CreateView { view } => DropView { view },
            DropView { view } => CreateView { view },
            ReplaceView { previous, next } => ReplaceView {
                previous: next,
                next: previous,
            },
            c @ (CreateFunction { .. }
            | DropFunction { .. }
            | ReplaceFunction { .. }
            | CreateTrigger { .. }
            | DropTrigger { .. }
            | ReplaceTrigger { .. }) => super::routines::inverse(c),
            c @ (CreateDomain { .. }
            | DropDomain { .. }
            | AlterDomain { .. }
            | CreateExtension { .. }
            | DropExtension { .. }
            | SetComment { .. }) => super::objects::inverse(c),
            c @ (GrantPrivileges { .. }
            | RevokePrivileges { .. }
            | SetRowSecurity { .. }
            | CreatePolicy { .. }
            | DropPolicy { .. }
            | ReplacePolicy { .. }) => super::access::inverse(c),
            AddColumn {
                table,
                column,
                after,
            } => DropColumn {
                table,
                column,
                after,
            },
            DropColumn {
                table,
                column,
                after,
            } => AddColumn {
                table,
                column,
                after,
            },
            RenameColumn { table, from, to } => RenameColumn {
                table,
                from: to,
                to: from,
            },
            AlterColumn {
                table,
                previous,
                next,
                aspects,
            } => AlterColumn {
                table,
                previous: next,
                next: previous,
                aspects,
            },
            AddPrimaryKey { table, primary_key } => DropPrimaryKey { table, primary_key },
            DropPrimaryKey { table, primary_key } => AddPrimaryKey { table, primary_key },
            AddUnique { table, unique } => DropUnique { table, unique },
            DropUnique { table, unique } => AddUnique { table, unique },
            AddIndex { table, index } => DropIndex { table, index },
            DropIndex { table, index } => AddIndex { table, index },
            AddForeignKey { table, foreign_key } => DropForeignKey { table, foreign_key },
            DropForeignKey { table, foreign_key } => AddForeignKey { table, foreign_key },
            AddExclusion { table, exclusion } => DropExclusion { table, exclusion },
            DropExclusion { table, exclusion } => AddExclusion { table, exclusion },
            AddCheck { table, check } => DropCheck { table, check },
            DropCheck { table, check } => AddCheck { table, check },
            SetTableComment {
                table,
                previous,
                next,
            } => SetTableComment {
                table,
                previous: next,
                next: previous,
            },
            AlterTableOptions {
                table,
                previous,
                next,
            } => AlterTableOptions {
                table,
                previous: next,
                next: previous,
            },
            RenameIndex { table, from, to } => RenameIndex {
                table,
                from: to,
                to: from,
            },
            AlterIndexStorage {
                table,
                index,
                previous,
                next,
            } => AlterIndexStorage {
                table,
                index,
                previous: next,
                next: previous,
            },
            RenameConstraint { table, from, to } => RenameConstraint {
                table,
                from: to,
                to: from,
            },
            SetConstraintValid {
                table,
                constraint,
                valid,
            } => SetConstraintValid {
                table,
                constraint: constraint.with_not_valid(valid),
                valid: !valid,
            },
            ReorderColumns {
                table,
                previous,
                next,
            } => ReorderColumns {
                table,
                previous: next,
                next: previous,
            },
        }
    }
}
