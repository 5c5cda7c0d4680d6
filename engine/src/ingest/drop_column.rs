//! Dropping a column or a constraint, with what each server does to the objects that use it.
//! Postgres drops the table's own indexes and constraints on the column (multi-column ones
//! whole) and refuses when other tables' foreign keys need it unless CASCADE; MariaDB shrinks
//! indexes and refuses for foreign keys and checks; SQLite refuses for anything but the
//! column's own CHECK.

use super::ctx::{qualified, Ctx, Touch};
use super::rename::expr_mentions;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::ObjectKind;
use crate::model::{IndexPart, QualifiedName, Table};

fn in_use(ctx: &Ctx, t: &Table, col: &str, by: &str) -> Diagnostic {
    ctx.error(
        Code::DependentObjects,
        qualified(&t.name, col),
        format!("cannot drop column `{}.{col}`: {by} uses it", t.name),
        match ctx.dialect {
            Dialect::Postgres => "drop the dependent objects first, or use DROP COLUMN ... CASCADE",
            Dialect::Sqlite => "drop the dependent objects first, or rebuild the table",
            Dialect::Mysql => "drop the dependent objects first",
        },
    )
}

/// Foreign keys of other tables that point at `table` and satisfy `hit` (by ref columns).
fn referencing(
    ctx: &Ctx,
    table: &QualifiedName,
    hit: &dyn Fn(&[String]) -> bool,
) -> Vec<(QualifiedName, Option<String>)> {
    ctx.schema
        .tables
        .values()
        .flat_map(|o| {
            o.foreign_keys
                .iter()
                .filter(|f| f.ref_table == *table && hit(&f.ref_columns))
                .map(|f| (o.name.clone(), f.name.clone()))
        })
        .collect()
}

/// Refuses, or with `cascade` drops, other tables' foreign keys that `hit` selects.
pub(crate) fn cascade_fks(
    ctx: &mut Ctx,
    t: &Table,
    what: &str,
    cascade: bool,
    hit: &dyn Fn(&[String]) -> bool,
) -> Result<(), Diagnostic> {
    let refs = referencing(ctx, &t.name, hit);
    if refs.is_empty() {
        return Ok(());
    }
    if !cascade {
        let (other, fk) = &refs[0];
        return Err(ctx.error(
            Code::DependentObjects,
            qualified(&t.name, what),
            format!(
                "cannot drop `{}.{what}`: foreign key `{}` of `{other}` depends on it",
                t.name,
                fk.as_deref().unwrap_or("?")
            ),
            "drop the foreign key first, or add CASCADE",
        ));
    }
    for (other, fk) in refs {
        if let Some(o) = ctx.schema.tables.get_mut(&other) {
            o.foreign_keys
                .retain(|f| !(f.ref_table == t.name && f.name == fk && hit(&f.ref_columns)));
        }
        ctx.touch_part(
            Touch::Drop,
            ObjectKind::Constraint,
            &other,
            fk.as_deref().unwrap_or(""),
        );
    }
    Ok(())
}

pub fn apply(ctx: &mut Ctx, t: &mut Table, col: &str, cascade: bool) -> Result<(), Diagnostic> {
    let col = ctx.require_column(t, col)?;
    let d = ctx.dialect;
    let same = |c: &String| crate::canon::ident::same_column(d, c, &col);
    let has = |cols: &[String]| cols.iter().any(same);
    let mentions = |e: &str| expr_mentions(d, e, &col);

    if let Some(g) = t
        .columns
        .iter()
        .find(|c| !same(&c.name) && c.generated.as_ref().is_some_and(|g| mentions(&g.expr)))
    {
        return Err(in_use(
            ctx,
            t,
            &col,
            &format!("generated column `{}`", g.name),
        ));
    }
    match d {
        Dialect::Postgres => {
            super::access::drop_column_access(ctx, t, &col, cascade)?;
            cascade_fks(ctx, t, &col, cascade, &|cols| cols.iter().any(same))?;
            if t.primary_key.as_ref().is_some_and(|p| has(&p.columns)) {
                t.primary_key = None;
            }
            t.uniques.retain(|u| !has(&u.columns) && !has(&u.include));
            let uses = |p: &IndexPart| {
                if p.expression {
                    mentions(&p.column)
                } else {
                    same(&p.column)
                }
            };
            t.indexes.retain(|i| {
                !i.parts.iter().any(uses)
                    && !has(&i.include)
                    && !i.predicate.as_deref().is_some_and(mentions)
            });
            t.exclusions.retain(|x| {
                !x.elements.iter().any(|e| uses(&e.part))
                    && !has(&x.include)
                    && !x.predicate.as_deref().is_some_and(mentions)
            });
            let name = t.name.clone();
            t.foreign_keys
                .retain(|f| !(has(&f.columns) || (f.ref_table == name && has(&f.ref_columns))));
            t.checks.retain(|c| !mentions(&c.expr));
        }
        Dialect::Mysql => {
            if let Some(f) = t.foreign_keys.iter().find(|f| has(&f.columns)) {
                return Err(in_use(
                    ctx,
                    t,
                    &col,
                    &format!("foreign key `{}`", f.name.as_deref().unwrap_or("?")),
                ));
            }
            cascade_fks(ctx, t, &col, false, &|cols| cols.iter().any(same))?;
            // A column-level CHECK carries the column's name and goes with it.
            t.checks.retain(|c| c.name.as_deref() != Some(col.as_str()));
            if let Some(c) = t.checks.iter().find(|c| mentions(&c.expr)) {
                return Err(in_use(
                    ctx,
                    t,
                    &col,
                    &format!("check `{}`", c.name.as_deref().unwrap_or("?")),
                ));
            }
            if let Some(pk) = t.primary_key.as_mut() {
                pk.columns.retain(|c| !same(c));
                if pk.columns.is_empty() {
                    t.primary_key = None;
                }
            }
            for i in t.indexes.iter_mut() {
                i.parts.retain(|p| {
                    !(if p.expression {
                        mentions(&p.column)
                    } else {
                        same(&p.column)
                    })
                });
            }
            t.indexes.retain(|i| !i.parts.is_empty());
        }
        Dialect::Sqlite => {
            let blocker = if t.primary_key.as_ref().is_some_and(|p| has(&p.columns)) {
                Some("the primary key".to_string())
            } else if t.uniques.iter().any(|u| has(&u.columns)) {
                Some("a UNIQUE constraint".to_string())
            } else if let Some(i) = t.indexes.iter().find(|i| {
                i.parts.iter().any(|p| {
                    if p.expression {
                        mentions(&p.column)
                    } else {
                        same(&p.column)
                    }
                }) || i.predicate.as_deref().is_some_and(mentions)
            }) {
                Some(format!("index `{}`", i.name))
            } else if t.foreign_keys.iter().any(|f| has(&f.columns)) {
                Some("a foreign key".to_string())
            } else {
                None
            };
            if let Some(b) = blocker {
                return Err(in_use(ctx, t, &col, &b));
            }
            // A CHECK on this column alone is the column's own and goes with it.
            let others: Vec<String> = t
                .columns
                .iter()
                .filter(|c| !same(&c.name))
                .map(|c| c.name.clone())
                .collect();
            if t.checks
                .iter()
                .any(|c| mentions(&c.expr) && others.iter().any(|o| expr_mentions(d, &c.expr, o)))
            {
                return Err(in_use(ctx, t, &col, "a CHECK constraint"));
            }
            t.checks.retain(|c| !mentions(&c.expr));
        }
    }
    t.columns.retain(|c| !same(&c.name));
    ctx.touch_part(Touch::Drop, ObjectKind::Column, &t.name, &col);
    Ok(())
}

pub fn drop_primary_key(ctx: &mut Ctx, t: &mut Table, cascade: bool) -> Result<(), Diagnostic> {
    let Some(pk) = t.primary_key.clone() else {
        return Ok(());
    };
    if ctx.dialect == Dialect::Postgres {
        cascade_fks(ctx, t, "primary key", cascade, &|cols| {
            cols == pk.columns.as_slice()
        })?;
    }
    t.primary_key = None;
    let name = pk.name.unwrap_or_else(|| "PRIMARY".into());
    ctx.touch_part(Touch::Drop, ObjectKind::Constraint, &t.name, &name);
    Ok(())
}

/// `DROP CONSTRAINT name`; false when `t` has no such constraint.
pub fn drop_constraint(
    ctx: &mut Ctx,
    t: &mut Table,
    name: &str,
    cascade: bool,
) -> Result<bool, Diagnostic> {
    let is = |n: &Option<String>| n.as_deref() == Some(name);
    if t.primary_key.as_ref().is_some_and(|p| is(&p.name)) {
        drop_primary_key(ctx, t, cascade)?;
        return Ok(true);
    }
    if let Some(pos) = t.uniques.iter().position(|u| is(&u.name)) {
        let cols = t.uniques[pos].columns.clone();
        cascade_fks(ctx, t, name, cascade, &|c| c == cols.as_slice())?;
        t.uniques.remove(pos);
    } else if let Some(pos) = t.foreign_keys.iter().position(|f| is(&f.name)) {
        t.foreign_keys.remove(pos);
    } else if let Some(pos) = t.checks.iter().position(|c| is(&c.name)) {
        t.checks.remove(pos);
    } else if let Some(pos) = t.exclusions.iter().position(|x| is(&x.name)) {
        t.exclusions.remove(pos);
    } else if let Some(pos) = t
        .indexes
        .iter()
        .position(|i| ctx.dialect == Dialect::Mysql && i.unique && i.name == name)
    {
        t.indexes.remove(pos);
    } else {
        return Ok(false);
    }
    ctx.touch_part(Touch::Drop, ObjectKind::Constraint, &t.name, name);
    Ok(true)
}
