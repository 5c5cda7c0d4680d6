//! CREATE INDEX, DROP INDEX, ALTER INDEX ... RENAME, and index parts.

use super::constraints::{self, Constraint};
use super::ctx::{qualified, Ctx, Touch};
use super::pg_partition;
use super::{with_table_as, Rollback};
use crate::canon::names::{self, Kind};
use crate::canon::normalize_expr;
use crate::canon::opclass;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::ObjectKind;
use crate::model::{Index, IndexPart, QualifiedName, Table};
use sqlparser::ast::{
    AlterIndexOperation, CreateIndex, Expr, FunctionArg, FunctionArgExpr, FunctionArguments,
    IndexColumn, IndexType, ObjectName, OrderBySort, Value,
};

/// One indexed column or expression.
pub fn part(ctx: &mut Ctx, c: &IndexColumn, table: &QualifiedName) -> IndexPart {
    let o = &c.column.options;
    let descending = matches!(o.sort, Some(OrderBySort::Desc));
    let postgres = ctx.dialect == Dialect::Postgres;
    if (c.operator_class.is_some() && !postgres) || matches!(o.sort, Some(OrderBySort::Using(_))) {
        ctx.unsupported_clause(
            &format!("operator class in index part `{c}`"),
            &table.to_string(),
        );
    }
    let mut p = IndexPart::column(String::new());
    // Kept as written here; `create` drops a default class once the method is known.
    p.opclass = (c.operator_class.as_ref())
        .filter(|_| postgres)
        .and_then(|n| n.0.last())
        .and_then(|n| n.as_ident())
        .map(|i| ctx.ident(i));
    p.descending = descending;
    // Only a NULLS order that differs from the direction's default is worth keeping.
    p.nulls_first = o.nulls_first.filter(|&first| first != descending);
    match &c.column.expr {
        Expr::Identifier(id) => p.column = ctx.ident(id),
        e => match mysql_prefix(ctx, e) {
            Some((col, len)) => {
                p.column = col;
                p.length = Some(len);
            }
            None => {
                p.column = normalize_expr(ctx.dialect, e);
                p.expression = true;
            }
        },
    }
    p
}

/// MySQL's `name(10)` prefix part reads as a function call.
fn mysql_prefix(ctx: &Ctx, e: &Expr) -> Option<(String, u64)> {
    let Expr::Function(f) = e else { return None };
    if ctx.dialect != Dialect::Mysql || f.name.0.len() != 1 {
        return None;
    }
    let FunctionArguments::List(list) = &f.args else {
        return None;
    };
    let [FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::Value(v)))] = list.args.as_slice() else {
        return None;
    };
    let Value::Number(n, _) = &v.value else {
        return None;
    };
    let id = f.name.0[0].as_ident()?;
    Some((ctx.ident(id), n.parse().ok()?))
}

/// Postgres names an expression part after its function, or `expr`.
pub(crate) fn pg_name_part(p: &IndexPart) -> String {
    if !p.expression {
        return p.column.clone();
    }
    match p.column.split_once('(') {
        Some((f, _))
            if !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            f.to_string()
        }
        _ => "expr".into(),
    }
}

pub fn create(ctx: &mut Ctx, ci: &CreateIndex) -> Result<(), Diagnostic> {
    let written = ctx.name(&ci.table_name);
    if ctx.find_table(&written).is_none() && ctx.schema.views.contains_key(&written) {
        ctx.unsupported_statement(&format!(
            "CREATE INDEX on materialized view `{written}` (its indexes are not modelled)"
        ));
        return Ok(());
    }
    let key = ctx.require_table(&written)?;
    let label = key.to_string();
    let postgres = ctx.dialect == Dialect::Postgres;
    if !ci.include.is_empty() && !postgres {
        ctx.unsupported_clause("INCLUDE (...)", &label);
    }
    if ci.nulls_distinct == Some(false) && !(postgres && ci.unique) {
        ctx.unsupported_clause("NULLS NOT DISTINCT on an index", &label);
    }
    let storage = match super::storage::from_exprs(&ci.with) {
        Ok(s) if postgres => s,
        Ok(_) => Vec::new(),
        Err(_) if !postgres => Vec::new(),
        Err(what) => {
            ctx.unsupported_clause(&format!("storage parameter `{what}`"), &label);
            Vec::new()
        }
    };
    if !ci.with.is_empty() && !postgres {
        ctx.unsupported_clause("WITH (...) storage parameters", &label);
    }
    let mut parts: Vec<IndexPart> = ci.columns.iter().map(|c| part(ctx, c, &key)).collect();
    let method = ci
        .using
        .as_ref()
        .or_else(|| {
            ci.index_options.iter().find_map(|o| match o {
                sqlparser::ast::IndexOption::Using(t) => Some(t),
                _ => None,
            })
        })
        .filter(|t| !matches!(t, IndexType::BTree))
        .map(|t| t.to_string().to_lowercase());
    for p in &mut parts {
        p.opclass = opclass::canonical(method.as_deref(), p.opclass.take());
    }
    let include = ci.include.iter().map(|i| ctx.ident(i)).collect();
    let index = Index {
        name: String::new(),
        unique: ci.unique,
        parts,
        predicate: ci
            .predicate
            .as_ref()
            .map(|p| normalize_expr(ctx.dialect, p)),
        method,
        fk_generated: Default::default(),
        include,
        nulls_not_distinct: ci.nulls_distinct == Some(false),
        storage,
        comment: None,
    };
    if let Some(t) = ctx
        .schema
        .tables
        .get(&key)
        .filter(|t| t.options.partition_of.is_some())
    {
        // One of the parent's, or the partition's own.
        let above = pg_partition::inherited_indexes(&ctx.schema.tables, t);
        if above.iter().any(|i| pg_partition::same_index(&index, i)) {
            ctx.partition_member(&format!("CREATE INDEX on partition `{label}`"));
            return Ok(());
        }
    }
    let name = ci
        .name
        .as_ref()
        .and_then(|n| n.0.last())
        .and_then(|p| p.as_ident())
        .map(|i| ctx.ident(i));
    with_table_as(ctx, &key, Rollback::NotNeeded, |ctx, t| {
        let name = match name {
            Some(n) => n,
            None if ctx.dialect == Dialect::Postgres => {
                // INCLUDE columns are part of the name too.
                let mut cols: Vec<String> = index.parts.iter().map(pg_name_part).collect();
                cols.extend(index.include.iter().cloned());
                let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
                names::postgres(&t.name.name, &cols, Kind::Index, &|n| {
                    relation_taken(ctx, t, n)
                })
            }
            None => {
                return Err(ctx.error(
                    Code::SyntaxError,
                    label.clone(),
                    format!("CREATE INDEX on `{label}` needs a name in {}", ctx.dialect),
                    "name the index",
                ))
            }
        };
        let exists = match ctx.dialect {
            // An index the server made for a foreign key gives way to this one (fk_index).
            Dialect::Mysql => {
                let key: Vec<&str> = (index.parts.iter())
                    .take_while(|p| !p.expression)
                    .map(|p| p.column.as_str())
                    .collect();
                t.indexes.iter().any(|i| {
                    i.name.eq_ignore_ascii_case(&name) && !super::fk_index::gives_way(i, &key)
                })
            }
            _ => relation_taken(ctx, t, &name),
        };
        if exists {
            if ci.if_not_exists {
                return Ok(());
            }
            return Err(ctx.error(
                Code::DuplicateIndex,
                qualified(&t.name, &name),
                format!("index `{name}` already exists"),
                "choose another name, or use IF NOT EXISTS",
            ));
        }
        let added = constraints::add(
            ctx,
            t,
            Constraint::Index {
                name: Some(name),
                index,
            },
        )?;
        ctx.touch(Touch::Create, added);
        Ok(())
    })?;
    if ctx.schema.partitioned(&key) {
        pg_partition::adopt_indexes(ctx, &key);
    }
    Ok(())
}

/// Postgres and SQLite index names share a namespace with tables, views and other indexes.
/// Only the table itself is searched for indexes: a schema-wide scan per CREATE INDEX would make
/// a large dump quadratic.
fn relation_taken(ctx: &Ctx, t: &Table, name: &str) -> bool {
    let q = QualifiedName::new(t.name.schema.clone(), name);
    t.indexes.iter().any(|i| i.name == name)
        || t.uniques.iter().any(|u| u.name.as_deref() == Some(name))
        || t.primary_key.as_ref().and_then(|p| p.name.as_deref()) == Some(name)
        || ctx.schema.tables.contains_key(&q)
        || ctx.schema.views.contains_key(&q)
}

/// The table owning index `name` (Postgres, SQLite: names are unique per schema).
fn owner(ctx: &Ctx, name: &QualifiedName) -> Option<QualifiedName> {
    ctx.schema
        .tables
        .values()
        .filter(|t| t.name.schema == name.schema)
        .find(|t| {
            t.indexes.iter().any(|i| i.name == name.name)
                || t.uniques
                    .iter()
                    .any(|u| u.name.as_deref() == Some(&name.name))
                || t.primary_key.as_ref().and_then(|p| p.name.as_deref()) == Some(&name.name)
        })
        .map(|t| t.name.clone())
}

fn unknown_index(ctx: &Ctx, object: String) -> Diagnostic {
    ctx.error(
        Code::UnknownIndex,
        object.clone(),
        format!("index `{object}` does not exist"),
        "check the name, or use IF EXISTS",
    )
}

/// Drops index `name` of `t`. Backing indexes of constraints cannot be dropped this way.
pub fn drop_in_table(
    ctx: &mut Ctx,
    t: &mut Table,
    name: &str,
    cascade: bool,
) -> Result<bool, Diagnostic> {
    let same = |a: &str| match ctx.dialect {
        Dialect::Mysql => a.eq_ignore_ascii_case(name),
        _ => a == name,
    };
    if let Some(pos) = t.indexes.iter().position(|i| same(&i.name)) {
        if ctx.dialect == Dialect::Mysql {
            mysql_fk_needs(ctx, t, pos)?;
        }
        if ctx.dialect == Dialect::Postgres {
            pg_fks_through(ctx, t, pos, cascade)?;
        }
        let removed = t.indexes.remove(pos);
        ctx.touch_part(Touch::Drop, ObjectKind::Index, &t.name, &removed.name);
        return Ok(true);
    }
    let backs_constraint = t
        .uniques
        .iter()
        .any(|u| u.name.as_deref().is_some_and(same))
        || t.primary_key
            .as_ref()
            .and_then(|p| p.name.as_deref())
            .is_some_and(same);
    if backs_constraint {
        return Err(ctx.error(
            Code::DependentObjects,
            qualified(&t.name, name),
            format!("index `{name}` backs a constraint of `{}`", t.name),
            "drop the constraint instead (ALTER TABLE ... DROP CONSTRAINT)",
        ));
    }
    Ok(false)
}

/// PostgreSQL: a foreign key whose referenced columns only a plain unique index covers
/// depends on that index; dropping it refuses, or with CASCADE drops the foreign key.
fn pg_fks_through(ctx: &mut Ctx, t: &Table, pos: usize, cascade: bool) -> Result<(), Diagnostic> {
    let ix = &t.indexes[pos];
    if !ix.unique || ix.predicate.is_some() || ix.parts.iter().any(|p| p.expression) {
        return Ok(());
    }
    let mut cols: Vec<String> = ix.parts.iter().map(|p| p.column.clone()).collect();
    cols.sort();
    let as_set = |c: &[String]| {
        let mut c = c.to_vec();
        c.sort();
        c
    };
    let by_constraint = t
        .primary_key
        .iter()
        .map(|p| &p.columns)
        .chain(t.uniques.iter().map(|u| &u.columns))
        .any(|c| as_set(c) == cols);
    if by_constraint {
        return Ok(());
    }
    let name = ix.name.clone();
    super::drop_column::cascade_fks(ctx, t, &name, cascade, &|c| as_set(c) == cols)
}

/// MySQL refuses to drop the only index a foreign key can use.
fn mysql_fk_needs(ctx: &Ctx, t: &Table, pos: usize) -> Result<(), Diagnostic> {
    let starts = |parts: &[IndexPart], cols: &[String]| {
        parts.len() >= cols.len()
            && parts
                .iter()
                .zip(cols)
                .all(|(p, c)| !p.expression && p.column.eq_ignore_ascii_case(c))
    };
    let pk_covers = |cols: &[String]| {
        t.primary_key.as_ref().is_some_and(|pk| {
            pk.columns.len() >= cols.len()
                && pk
                    .columns
                    .iter()
                    .zip(cols)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        })
    };
    for fk in &t.foreign_keys {
        let needed = starts(&t.indexes[pos].parts, &fk.columns)
            && !pk_covers(&fk.columns)
            && !t
                .indexes
                .iter()
                .enumerate()
                .any(|(i, ix)| i != pos && starts(&ix.parts, &fk.columns));
        if needed {
            let name = &t.indexes[pos].name;
            return Err(ctx.error(
                Code::DependentObjects,
                qualified(&t.name, name),
                format!(
                    "index `{name}` is needed by foreign key `{}`",
                    fk.name.as_deref().unwrap_or("?")
                ),
                "drop the foreign key first, or add another index on its columns",
            ));
        }
    }
    Ok(())
}

/// DROP INDEX for one name; `table` is MySQL's `ON table`.
pub fn drop(
    ctx: &mut Ctx,
    name: &ObjectName,
    table: Option<&ObjectName>,
    if_exists: bool,
    cascade: bool,
) -> Result<(), Diagnostic> {
    let q = ctx.name(name);
    let key = match table {
        Some(t) => {
            let written = ctx.name(t);
            Some(ctx.require_table(&written)?)
        }
        None => owner(ctx, &q),
    };
    let Some(key) = key else {
        return if if_exists {
            Ok(())
        } else {
            Err(unknown_index(ctx, q.to_string()))
        };
    };
    with_table_as(ctx, &key, Rollback::NotNeeded, |ctx, t| {
        if drop_in_table(ctx, t, &q.name, cascade)? || if_exists {
            Ok(())
        } else {
            Err(unknown_index(ctx, qualified(&t.name, &q.name)))
        }
    })
}

/// Renames index `old` of `t`; Postgres also renames a constraint through its index.
pub fn rename_in_table(
    ctx: &mut Ctx,
    t: &mut Table,
    old: &str,
    new: String,
) -> Result<(), Diagnostic> {
    let mysql = ctx.dialect == Dialect::Mysql;
    let same = |a: &str| {
        if mysql {
            a.eq_ignore_ascii_case(old)
        } else {
            a == old
        }
    };
    let clash = if mysql {
        t.indexes.iter().any(|i| i.name.eq_ignore_ascii_case(&new))
    } else {
        relation_taken(ctx, t, &new)
    };
    if clash {
        return Err(ctx.error(
            Code::DuplicateIndex,
            qualified(&t.name, &new),
            format!("index `{new}` already exists"),
            "choose another name",
        ));
    }
    let slot = if let Some(i) = t.indexes.iter_mut().find(|i| same(&i.name)) {
        &mut i.name
    } else if let Some(u) = t
        .uniques
        .iter_mut()
        .find(|u| u.name.as_deref().is_some_and(same))
    {
        u.name.get_or_insert_with(String::new)
    } else if let Some(p) = t
        .primary_key
        .as_mut()
        .filter(|p| p.name.as_deref().is_some_and(same))
    {
        p.name.get_or_insert_with(String::new)
    } else {
        return Err(unknown_index(ctx, qualified(&t.name, old)));
    };
    let old_name = std::mem::replace(slot, new.clone());
    let table = t.name.clone();
    ctx.rename(
        crate::footprint::ObjectRef::part(ObjectKind::Index, &table, old_name),
        crate::footprint::ObjectRef::part(ObjectKind::Index, &table, new),
    );
    Ok(())
}

/// `ALTER INDEX name RENAME TO new` (Postgres).
pub fn alter(ctx: &mut Ctx, name: &ObjectName, op: &AlterIndexOperation) -> Result<(), Diagnostic> {
    let AlterIndexOperation::RenameIndex { index_name } = op;
    let q = ctx.name(name);
    let new = ctx.name(index_name).name;
    let key = owner(ctx, &q).ok_or_else(|| unknown_index(ctx, q.to_string()))?;
    with_table_as(ctx, &key, Rollback::NotNeeded, |ctx, t| {
        rename_in_table(ctx, t, &q.name, new)
    })
}

/// `ALTER INDEX name SET (...) | RESET (...)` (Postgres). A constraint's index has no
/// storage parameters in the model, so changing them is reported.
pub fn alter_storage(
    ctx: &mut Ctx,
    name: &ObjectName,
    if_exists: bool,
    change: &super::storage::StorageChange,
) -> Result<(), Diagnostic> {
    let q = ctx.name(name);
    let Some(key) = owner(ctx, &q) else {
        return if if_exists {
            Ok(())
        } else {
            Err(unknown_index(ctx, q.to_string()))
        };
    };
    with_table_as(ctx, &key, Rollback::NotNeeded, |ctx, t| {
        match t.indexes.iter_mut().find(|i| i.name == q.name) {
            Some(i) => change.apply(&mut i.storage),
            None => ctx.unsupported_clause(
                &format!("storage parameters of constraint index `{}`", q.name),
                &t.name.to_string(),
            ),
        }
        ctx.touch_part(Touch::Alter, ObjectKind::Index, &t.name, &q.name);
        Ok(())
    })
}
