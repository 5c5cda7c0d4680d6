//! ALTER TABLE: every action of one statement applies to a copy of the table, so a failing
//! action leaves the table as it was (Postgres and MySQL ALTER TABLE are atomic).

use super::columns;
use super::constraints;
use super::ctx::{qualified, Ctx, Touch};
use super::parse::{AlterOp, AlterTable};
use super::{drop_column, index, rename, with_table};
use crate::canon::expr::{column_default, is_null};
use crate::canon::normalize_expr;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{Column, Identity, Table};
use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation as Op, ColumnOption, DataType, Ident,
    MySQLColumnPosition, RenameTableNameKind,
};

pub fn apply(ctx: &mut Ctx, a: &AlterTable) -> Result<(), Diagnostic> {
    let written = ctx.name(&a.name);
    let key = match ctx.find_table(&written) {
        Some(k) => k,
        None if a.if_exists => return Ok(()),
        None => return Err(ctx.require_table(&written).unwrap_err()),
    };
    if let [AlterOp::Attach(..) | AlterOp::Detach(..)] = a.ops.as_slice() {
        ctx.touch(Touch::Alter, ObjectRef::table(&key));
        return match &a.ops[0] {
            AlterOp::Attach(child, bound) => {
                let child = ctx.name(child);
                ctx.touch(Touch::Alter, ObjectRef::table(&child));
                super::pg_partition::attach(ctx, &key, &child, bound)
            }
            AlterOp::Detach(child) => {
                let child = ctx.name(child);
                ctx.touch(Touch::Alter, ObjectRef::table(&child));
                super::pg_partition::detach(ctx, &key, &child)
            }
            _ => Ok(()),
        };
    }
    let renames_only = a.ops.iter().all(|op| {
        matches!(
            op,
            AlterOp::Std(Op::RenameTable { .. } | Op::OwnerTo { .. })
        )
    });
    // A partition's columns are its parent's; its constraints may be its own.
    let constraints_only = a.ops.iter().all(|op| {
        matches!(
            op,
            AlterOp::Std(Op::AddConstraint { .. } | Op::DropConstraint { .. })
        )
    });
    if ctx.is_partition(&key) && !renames_only && !constraints_only {
        ctx.unsupported_statement(&format!(
            "ALTER TABLE on partition `{key}` (a partition's columns are its parent's)"
        ));
        return Ok(());
    }
    if let [AlterOp::Std(Op::AddConstraint { constraint, .. })] = a.ops.as_slice() {
        if ctx.is_partition(&key) && parents_key(ctx, &key, constraint) {
            ctx.partition_member(&format!("ADD CONSTRAINT on partition `{key}`"));
            return Ok(());
        }
    }
    ctx.touch(Touch::Alter, ObjectRef::table(&key));
    with_table(ctx, &key, |ctx, t| {
        for op in &a.ops {
            match op {
                AlterOp::RenameIndex { old, new } => {
                    let (old, new) = (ctx.ident(old), ctx.ident(new));
                    index::rename_in_table(ctx, t, &old, new)?;
                }
                AlterOp::Comment(text) => {
                    // An empty comment removes it, as MySQL reports it.
                    t.comment = Some(text.clone()).filter(|c| !c.is_empty());
                }
                AlterOp::SetType {
                    column,
                    data_type,
                    collation,
                } => {
                    let collation = collation.as_ref().map(columns::collation_name);
                    set_type(ctx, t, column, data_type, collation)?;
                }
                AlterOp::DropIdentity { column, if_exists } => {
                    drop_identity(ctx, t, column, *if_exists)?
                }
                AlterOp::TableOptions(options) => super::table_options::alter(ctx, t, options),
                AlterOp::Partition(clause) => t.options.partition = clause.clone(),
                AlterOp::Storage(change) => change.apply(&mut t.options.storage),
                AlterOp::Attach(..) | AlterOp::Detach(..) => {
                    ctx.unsupported_statement("ATTACH / DETACH PARTITION among other actions");
                }
                AlterOp::Std(op) => apply_op(ctx, t, op)?,
            }
        }
        Ok(())
    })
}

/// SQLite's ALTER TABLE knows only these actions; the rest need a table rebuild.
fn sqlite_allows(op: &Op) -> bool {
    matches!(
        op,
        Op::AddColumn { .. }
            | Op::DropColumn { .. }
            | Op::RenameColumn { .. }
            | Op::RenameTable { .. }
    )
}

fn apply_op(ctx: &mut Ctx, t: &mut Table, op: &Op) -> Result<(), Diagnostic> {
    if ctx.dialect == Dialect::Sqlite && !sqlite_allows(op) {
        return Err(ctx.error(
            Code::SyntaxError,
            t.name.to_string(),
            format!("SQLite cannot `{op}` on `{}` in ALTER TABLE", t.name),
            "SQLite only adds, drops and renames columns in place; rebuild the table (create a new one, copy, drop, rename)",
        ));
    }
    match op {
        Op::AddColumn {
            if_not_exists,
            column_def,
            column_position,
            ..
        } => {
            let mut spec = columns::column(ctx, &t.name, column_def)?;
            let label = format!("{}.{}", t.name, spec.column.name);
            let table = super::table_options::table_collation(ctx, t);
            super::table_options::resolve_column(ctx, &mut spec, table.as_deref(), &label);
            super::table_options::relative(ctx, t, &mut spec.column);
            super::table_options::strict_type(t.options.strict, column_def, &mut spec.column);
            if t.columns
                .iter()
                .any(|c| ctx.same_column(&c.name, &spec.column.name))
            {
                if *if_not_exists {
                    return Ok(());
                }
                return Err(super::create_table::duplicate_column(
                    ctx,
                    &t.name,
                    &spec.column.name,
                ));
            }
            ctx.touch_part(
                Touch::Create,
                ObjectKind::Column,
                &t.name,
                &spec.column.name,
            );
            let at = position(ctx, t, column_position.as_ref())?;
            t.columns.insert(at, spec.column);
            add_all(ctx, t, spec.constraints)
        }
        Op::DropColumn {
            column_names,
            if_exists,
            drop_behavior,
            ..
        } => {
            let cascade = matches!(drop_behavior, Some(sqlparser::ast::DropBehavior::Cascade));
            for c in column_names {
                let name = ctx.ident(c);
                if *if_exists && ctx.require_column(t, &name).is_err() {
                    continue;
                }
                drop_column::apply(ctx, t, &name, cascade)?;
            }
            Ok(())
        }
        Op::AlterColumn { column_name, op } => alter_column(ctx, t, column_name, op),
        Op::RenameColumn {
            old_column_name,
            new_column_name,
        } => {
            let (old, new) = (ctx.ident(old_column_name), ctx.ident(new_column_name));
            rename::rename_column(ctx, t, &old, new)
        }
        Op::RenameTable { table_name } => {
            let (RenameTableNameKind::To(n) | RenameTableNameKind::As(n)) = table_name;
            let new = ctx.name(n);
            rename::rename_table(ctx, t, new)
        }
        Op::ChangeColumn {
            old_name,
            new_name,
            data_type,
            options,
            column_position,
        } => {
            let old = ctx.ident(old_name);
            let new = ctx.ident(new_name);
            if !ctx.same_column(&old, &new) || old != new {
                rename::rename_column(ctx, t, &old, new)?;
            }
            redefine(
                ctx,
                t,
                new_name,
                data_type,
                options,
                column_position.as_ref(),
            )
        }
        Op::ModifyColumn {
            col_name,
            data_type,
            options,
            column_position,
        } => redefine(
            ctx,
            t,
            col_name,
            data_type,
            options,
            column_position.as_ref(),
        ),
        Op::AddConstraint {
            constraint,
            not_valid,
        } => {
            let c = constraints::from_table_constraint(ctx, constraint, &t.name);
            let kind = match &c {
                Some(constraints::Constraint::ForeignKey { .. }) => Some(true),
                Some(constraints::Constraint::Check { .. }) => Some(false),
                _ => None,
            };
            add_all(ctx, t, c.into_iter().collect())?;
            if *not_valid && ctx.dialect == Dialect::Postgres {
                mark_not_valid(t, kind);
            }
            Ok(())
        }
        Op::ValidateConstraint { name } if ctx.dialect == Dialect::Postgres => {
            let name = ctx.ident(name);
            validate(ctx, t, &name)
        }
        Op::DropConstraint {
            if_exists,
            name,
            drop_behavior,
        } => {
            let name = ctx.ident(name);
            let cascade = matches!(drop_behavior, Some(sqlparser::ast::DropBehavior::Cascade));
            if !drop_column::drop_constraint(ctx, t, &name, cascade)? && !*if_exists {
                return Err(unknown_constraint(ctx, t, &name));
            }
            Ok(())
        }
        Op::DropPrimaryKey { .. } => {
            if t.primary_key.is_none() {
                return Err(unknown_constraint(ctx, t, "PRIMARY"));
            }
            drop_column::drop_primary_key(ctx, t, false)
        }
        Op::DropForeignKey { name, .. } => {
            let name = ctx.ident(name);
            match t
                .foreign_keys
                .iter()
                .position(|f| f.name.as_deref() == Some(name.as_str()))
            {
                Some(pos) => {
                    t.foreign_keys.remove(pos);
                    ctx.touch_part(Touch::Drop, ObjectKind::Constraint, &t.name, &name);
                    Ok(())
                }
                None => Err(unknown_constraint(ctx, t, &name)),
            }
        }
        Op::DropIndex { name } => {
            let name = ctx.ident(name);
            if name.eq_ignore_ascii_case("PRIMARY") && t.primary_key.is_some() {
                return drop_column::drop_primary_key(ctx, t, false);
            }
            if index::drop_in_table(ctx, t, &name, false)? {
                Ok(())
            } else {
                Err(ctx.error(
                    Code::UnknownIndex,
                    qualified(&t.name, &name),
                    format!("index `{name}` does not exist on `{}`", t.name),
                    "check the name with SHOW INDEX",
                ))
            }
        }
        Op::RenameConstraint { old_name, new_name } => {
            let (old, new) = (ctx.ident(old_name), ctx.ident(new_name));
            rename_constraint(ctx, t, &old, new)
        }
        Op::EnableRowLevelSecurity
        | Op::DisableRowLevelSecurity
        | Op::ForceRowLevelSecurity
        | Op::NoForceRowLevelSecurity
            if ctx.dialect == Dialect::Postgres =>
        {
            super::access::row_security(t, op);
            Ok(())
        }
        // Ownership is session/role state the model does not hold: noted, never planned.
        Op::OwnerTo { new_owner } if ctx.dialect == Dialect::Postgres => {
            let what = format!("ALTER TABLE {} OWNER TO {new_owner}", t.name);
            super::session::note(ctx, &what);
            Ok(())
        }
        // Execution hints and checks of existing rows: no effect on the schema.
        Op::Algorithm { .. } | Op::Lock { .. } | Op::ValidateConstraint { .. } => Ok(()),
        other => {
            ctx.unsupported_clause(
                &format!("ALTER TABLE action `{other}`"),
                &t.name.to_string(),
            );
            Ok(())
        }
    }
}

fn add_all(
    ctx: &mut Ctx,
    t: &mut Table,
    cs: Vec<constraints::Constraint>,
) -> Result<(), Diagnostic> {
    for c in cs {
        let added = constraints::add(ctx, t, c)?;
        ctx.touch(Touch::Create, added);
    }
    Ok(())
}

/// `NOT VALID` sticks to the key or check just added (the last of its kind); the server
/// ignores it on anything else.
fn mark_not_valid(t: &mut Table, foreign_key: Option<bool>) {
    match foreign_key {
        Some(true) => t.foreign_keys.last_mut().map(|f| f.not_valid = true),
        Some(false) => t.checks.last_mut().map(|c| c.not_valid = true),
        None => None,
    };
}

/// `VALIDATE CONSTRAINT`: checks the rows, so the constraint holds for all of them.
fn validate(ctx: &Ctx, t: &mut Table, name: &str) -> Result<(), Diagnostic> {
    let named = |n: &Option<String>| n.as_deref() == Some(name);
    if let Some(f) = t.foreign_keys.iter_mut().find(|f| named(&f.name)) {
        f.not_valid = false;
    } else if let Some(c) = t.checks.iter_mut().find(|c| named(&c.name)) {
        c.not_valid = false;
    } else if !name_is_key(t, name) {
        return Err(unknown_constraint(ctx, t, name));
    }
    Ok(())
}

/// Keys are always valid; validating one is a no-op on the server.
fn name_is_key(t: &Table, name: &str) -> bool {
    t.primary_key.as_ref().and_then(|p| p.name.as_deref()) == Some(name)
        || t.uniques.iter().any(|u| u.name.as_deref() == Some(name))
}

pub fn unknown_constraint(ctx: &Ctx, t: &Table, name: &str) -> Diagnostic {
    ctx.error(
        Code::UnknownConstraint,
        qualified(&t.name, name),
        format!("constraint `{name}` of table `{}` does not exist", t.name),
        "check the name, or use IF EXISTS",
    )
}

/// Where MySQL's FIRST / AFTER col puts a column; the end otherwise.
fn position(ctx: &Ctx, t: &Table, pos: Option<&MySQLColumnPosition>) -> Result<usize, Diagnostic> {
    match pos {
        None => Ok(t.columns.len()),
        Some(MySQLColumnPosition::First) => Ok(0),
        Some(MySQLColumnPosition::After(id)) => {
            let after = ctx.require_column(t, &ctx.ident(id))?;
            Ok(t.columns
                .iter()
                .position(|c| c.name == after)
                .map_or(t.columns.len(), |i| i + 1))
        }
    }
}

fn col_index(ctx: &Ctx, t: &Table, name: &str) -> Result<usize, Diagnostic> {
    let stored = ctx.require_column(t, name)?;
    Ok(t.columns.iter().position(|c| c.name == stored).unwrap_or(0))
}

/// MySQL MODIFY / CHANGE: the column gets the new definition in full.
fn redefine(
    ctx: &mut Ctx,
    t: &mut Table,
    name: &Ident,
    dt: &DataType,
    options: &[ColumnOption],
    pos: Option<&MySQLColumnPosition>,
) -> Result<(), Diagnostic> {
    let i = col_index(ctx, t, &ctx.ident(name))?;
    let mut spec = columns::column_from_options(ctx, &t.name, name, dt, options)?;
    spec.column.name = t.columns[i].name.clone();
    let label = format!("{}.{}", t.name, spec.column.name);
    let table = super::table_options::table_collation(ctx, t);
    super::table_options::resolve_column(ctx, &mut spec, table.as_deref(), &label);
    super::table_options::relative(ctx, t, &mut spec.column);
    let in_pk = t
        .primary_key
        .as_ref()
        .is_some_and(|p| p.columns.contains(&spec.column.name));
    spec.column.nullable &= !in_pk;
    ctx.touch_part(Touch::Alter, ObjectKind::Column, &t.name, &spec.column.name);
    let col = t.columns.remove(i);
    let at = match pos {
        None => i,
        some => position(ctx, t, some)?,
    };
    let _ = col;
    t.columns.insert(at, spec.column);
    add_all(ctx, t, spec.constraints)
}

/// `ALTER COLUMN ... TYPE`: the column also takes the collation written, or else the new
/// type's default one (Postgres does not keep the old collation).
fn set_type(
    ctx: &mut Ctx,
    t: &mut Table,
    name: &Ident,
    dt: &DataType,
    collation: Option<String>,
) -> Result<(), Diagnostic> {
    let i = col_index(ctx, t, &ctx.ident(name))?;
    ctx.touch_part(
        Touch::Alter,
        ObjectKind::Column,
        &t.name,
        &t.columns[i].name,
    );
    let col = &mut t.columns[i];
    col.data_type = columns::type_text(ctx.dialect, dt);
    col.collation = collation;
    Ok(())
}

/// Postgres `DROP IDENTITY`: the column stays NOT NULL. A serial column is not an identity.
fn drop_identity(
    ctx: &mut Ctx,
    t: &mut Table,
    name: &Ident,
    if_exists: bool,
) -> Result<(), Diagnostic> {
    let i = col_index(ctx, t, &ctx.ident(name))?;
    let col = &mut t.columns[i];
    if matches!(col.identity, Some(Identity::Always | Identity::ByDefault)) {
        col.identity = None;
        col.sequence = None;
        ctx.touch_part(
            Touch::Alter,
            ObjectKind::Column,
            &t.name,
            &t.columns[i].name,
        );
        return Ok(());
    }
    if if_exists {
        return Ok(());
    }
    let c = &col.name;
    Err(ctx.error(
        Code::UnknownConstraint,
        qualified(&t.name, c),
        format!("column `{}.{c}` is not an identity column", t.name),
        "use DROP IDENTITY IF EXISTS, or drop the column's default instead",
    ))
}

fn alter_column(
    ctx: &mut Ctx,
    t: &mut Table,
    name: &Ident,
    op: &AlterColumnOperation,
) -> Result<(), Diagnostic> {
    if let AlterColumnOperation::SetDataType { data_type, .. } = op {
        return set_type(ctx, t, name, data_type, None);
    }
    let i = col_index(ctx, t, &ctx.ident(name))?;
    let table = t.name.clone();
    let in_pk = t
        .primary_key
        .as_ref()
        .is_some_and(|p| p.columns.contains(&t.columns[i].name));
    let dialect = ctx.dialect;
    let col: &mut Column = &mut t.columns[i];
    ctx.touch_part(Touch::Alter, ObjectKind::Column, &table, &col.name);
    match op {
        AlterColumnOperation::SetNotNull => col.nullable = false,
        AlterColumnOperation::DropNotNull => {
            if in_pk || col.identity.is_some_and(|i| i != Identity::Serial) {
                let c = col.name.clone();
                return Err(ctx.error(
                    Code::DependentObjects,
                    qualified(&table, &c),
                    format!("column `{table}.{c}` is in a primary key or is an identity column"),
                    "drop the primary key or the identity first",
                ));
            }
            col.nullable = true;
        }
        AlterColumnOperation::SetDefault { value } => {
            col.default = (!is_null(value))
                .then(|| column_default(&col.data_type, normalize_expr(dialect, value)));
        }
        AlterColumnOperation::DropDefault => col.default = None,
        // Returned early through `set_type`.
        AlterColumnOperation::SetDataType { .. } => {}
        AlterColumnOperation::AddGenerated {
            generated_as,
            sequence_options,
        } => {
            col.identity = Some(match generated_as {
                Some(sqlparser::ast::GeneratedAs::ByDefault) => Identity::ByDefault,
                _ => Identity::Always,
            });
            col.nullable = false;
            let (label, ty) = (qualified(&table, &col.name), col.data_type.clone());
            t.columns[i].sequence =
                super::columns::identity_sequence(ctx, &label, &ty, sequence_options)?
                    .map(Box::new);
        }
    }
    if matches!(op, AlterColumnOperation::SetDefault { .. }) {
        let name = t.columns[i].name.clone();
        super::sequence::settle_in(ctx, t, &name);
    }
    Ok(())
}

fn rename_constraint(
    ctx: &mut Ctx,
    t: &mut Table,
    old: &str,
    new: String,
) -> Result<(), Diagnostic> {
    let is = |n: &Option<String>| n.as_deref() == Some(old);
    let slot = if let Some(p) = t.primary_key.as_mut().filter(|p| is(&p.name)) {
        &mut p.name
    } else if let Some(u) = t.uniques.iter_mut().find(|u| is(&u.name)) {
        &mut u.name
    } else if let Some(f) = t.foreign_keys.iter_mut().find(|f| is(&f.name)) {
        &mut f.name
    } else if let Some(c) = t.checks.iter_mut().find(|c| is(&c.name)) {
        &mut c.name
    } else if let Some(x) = t.exclusions.iter_mut().find(|x| is(&x.name)) {
        &mut x.name
    } else {
        return Err(unknown_constraint(ctx, t, old));
    };
    *slot = Some(new.clone());
    let table = t.name.clone();
    ctx.rename(
        ObjectRef::part(ObjectKind::Constraint, &table, old),
        ObjectRef::part(ObjectKind::Constraint, &table, new),
    );
    Ok(())
}

/// Whether `c` is the primary key or a unique constraint that `partition`'s root has on the
/// same columns: the partition's share of it.
fn parents_key(
    ctx: &Ctx,
    partition: &crate::model::QualifiedName,
    c: &sqlparser::ast::TableConstraint,
) -> bool {
    use sqlparser::ast::TableConstraint as C;
    let Some(root) = ctx.partition_root(partition) else {
        return false;
    };
    let names = |cols: &[sqlparser::ast::IndexColumn]| -> Vec<String> {
        let name = |c: &sqlparser::ast::IndexColumn| match &c.column.expr {
            sqlparser::ast::Expr::Identifier(i) => ctx.ident(i),
            e => e.to_string(),
        };
        cols.iter().map(name).collect()
    };
    match c {
        C::PrimaryKey(pk) => root
            .primary_key
            .as_ref()
            .is_some_and(|k| k.columns == names(&pk.columns)),
        C::Unique(u) => root.uniques.iter().any(|k| k.columns == names(&u.columns)),
        _ => false,
    }
}
