//! Renaming tables and columns, and carrying the new name into everything that refers to it:
//! keys, indexes, checks and generated expressions of the table, foreign keys of other tables,
//! and the `reads` of views.

use super::ctx::{Ctx, Touch};
use super::with_table;
use crate::canon::normalize_expr;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{ForeignKey, QualifiedName, Table};
use sqlparser::ast::{visit_expressions_mut, Expr, Ident, ObjectName};
use sqlparser::parser::Parser;
use std::ops::ControlFlow;

/// Rewrites the identifiers `old` in a stored (normalised) expression as `new`.
pub fn rename_in_expr(dialect: Dialect, text: &str, old: &str, new: &str) -> String {
    let d = dialect.parser();
    let parsed = Parser::new(d.as_ref())
        .with_recursion_limit(super::parse::RECURSION_LIMIT)
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr());
    let Ok(mut e) = parsed else {
        return text.to_string();
    };
    let quote = if dialect == Dialect::Mysql { '`' } else { '"' };
    let _ = visit_expressions_mut(&mut e, |e| {
        let id = match e {
            Expr::Identifier(id) => Some(id),
            Expr::CompoundIdentifier(ids) => ids.last_mut(),
            _ => None,
        };
        if let Some(id) = id {
            if crate::canon::ident::same_column(dialect, &crate::canon::ident(dialect, id), old) {
                *id = Ident::with_quote(quote, new);
            }
        }
        ControlFlow::<()>::Continue(())
    });
    normalize_expr(dialect, &e)
}

/// Whether a stored expression mentions column `col`.
pub fn expr_mentions(dialect: Dialect, text: &str, col: &str) -> bool {
    rename_in_expr(dialect, text, col, "\u{1}").contains('\u{1}')
}

/// Renames column `old` of `t` to `new` everywhere in `t` and in foreign keys pointing at it.
pub fn rename_column(
    ctx: &mut Ctx,
    t: &mut Table,
    old: &str,
    new: String,
) -> Result<(), Diagnostic> {
    let old = ctx.require_column(t, old)?;
    if !ctx.same_column(&old, &new) && t.columns.iter().any(|c| ctx.same_column(&c.name, &new)) {
        return Err(super::create_table::duplicate_column(ctx, &t.name, &new));
    }
    let d = ctx.dialect;
    let same = |a: &str| crate::canon::ident::same_column(d, a, &old);
    let fix = |cols: &mut Vec<String>| {
        cols.iter_mut()
            .filter(|c| same(c))
            .for_each(|c| *c = new.clone())
    };
    for c in t.columns.iter_mut() {
        if same(&c.name) {
            c.name = new.clone();
        }
        if let Some(g) = c.generated.as_mut() {
            g.expr = rename_in_expr(d, &g.expr, &old, &new);
        }
    }
    if let Some(pk) = t.primary_key.as_mut() {
        fix(&mut pk.columns);
    }
    t.uniques.iter_mut().for_each(|u| fix(&mut u.columns));
    for i in t.indexes.iter_mut() {
        for p in i.parts.iter_mut() {
            if p.expression {
                p.column = rename_in_expr(d, &p.column, &old, &new);
            } else if same(&p.column) {
                p.column = new.clone();
            }
        }
        if let Some(pred) = i.predicate.as_mut() {
            *pred = rename_in_expr(d, pred, &old, &new);
        }
    }
    let table = t.name.clone();
    for fk in t.foreign_keys.iter_mut() {
        fix(&mut fk.columns);
        if fk.ref_table == table {
            fix(&mut fk.ref_columns);
        }
    }
    for c in t.checks.iter_mut() {
        c.expr = rename_in_expr(d, &c.expr, &old, &new);
    }
    super::access::rename_column_access(ctx, t, &old, &new);
    // Foreign keys of other tables follow the column.
    follow_in_foreign_keys(ctx, &table, |fk| fix(&mut fk.ref_columns));
    ctx.rename(
        ObjectRef::part(ObjectKind::Column, &table, old),
        ObjectRef::part(ObjectKind::Column, &table, new),
    );
    Ok(())
}

/// Applies `edit` to every foreign key of the other tables that points at `target`; those
/// tables count as altered.
fn follow_in_foreign_keys(
    ctx: &mut Ctx,
    target: &QualifiedName,
    mut edit: impl FnMut(&mut ForeignKey),
) {
    let mut touched = Vec::new();
    for other in ctx.schema.tables.values_mut() {
        let mut changed = false;
        for fk in other
            .foreign_keys
            .iter_mut()
            .filter(|f| &f.ref_table == target)
        {
            edit(fk);
            changed = true;
        }
        if changed {
            other.sort_members();
            touched.push(other.name.clone());
        }
    }
    for o in touched {
        ctx.touch(Touch::Alter, ObjectRef::table(&o));
    }
}

/// Renames table `t` (taken out of the schema) to `new`.
pub fn rename_table(
    ctx: &mut Ctx,
    t: &mut Table,
    mut new: QualifiedName,
) -> Result<(), Diagnostic> {
    if new.schema.is_none() {
        new.schema = t.name.schema.clone();
    }
    if ctx.table_exists_or_view(&new) {
        return Err(ctx.error(
            Code::DuplicateTable,
            new.to_string(),
            format!(
                "cannot rename `{}` to `{new}`: `{new}` already exists",
                t.name
            ),
            "choose another name, or drop the other table first",
        ));
    }
    let old = std::mem::replace(&mut t.name, new.clone());
    if ctx.dialect == Dialect::Mysql {
        // InnoDB renames the foreign keys it named itself along with the table.
        let prefix = format!("{}_ibfk_", old.name);
        for fk in t.foreign_keys.iter_mut() {
            if let Some(n) = fk.name.as_ref().and_then(|n| n.strip_prefix(&prefix)) {
                fk.name = Some(format!("{}_ibfk_{n}", new.name));
            }
        }
    }
    for fk in t.foreign_keys.iter_mut().filter(|f| f.ref_table == old) {
        fk.ref_table = new.clone();
    }
    follow_in_foreign_keys(ctx, &old, |fk| fk.ref_table = new.clone());
    let partitions = ctx.schema.tables.values_mut();
    for p in partitions.filter_map(|t| t.options.partition_of.as_mut()) {
        if p.parent == old {
            p.parent = new.clone();
        }
    }
    // Postgres and SQLite views follow a renamed table; MySQL views keep the old name.
    if ctx.dialect != Dialect::Mysql {
        for v in ctx.schema.views.values_mut() {
            if v.reads.contains(&old) {
                v.reads
                    .iter_mut()
                    .filter(|r| **r == old)
                    .for_each(|r| *r = new.clone());
                v.reads.sort();
            }
        }
    }
    super::trigger::follow_table_rename(ctx, &old, &new);
    ctx.rename(ObjectRef::table(&old), ObjectRef::table(&new));
    Ok(())
}

/// MySQL `RENAME TABLE a TO b`.
pub fn rename_table_statement(
    ctx: &mut Ctx,
    old: &ObjectName,
    new: &ObjectName,
) -> Result<(), Diagnostic> {
    let written = ctx.name(old);
    let key = ctx.require_table(&written)?;
    let new = ctx.name(new);
    ctx.touch(Touch::Alter, ObjectRef::table(&key));
    with_table(ctx, &key, |ctx, t| rename_table(ctx, t, new))
}
