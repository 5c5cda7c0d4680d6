//! COMMENT ON INDEX / VIEW / MATERIALIZED VIEW / TYPE / DOMAIN / CONSTRAINT (PostgreSQL).
//! TABLE and COLUMN are in `comment`. An empty comment removes it, as in PostgreSQL.

use super::ctx::{Ctx, Touch};
use super::StatementKind;
use crate::diag::{Code, Diagnostic};
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{QualifiedName, Table};
use sqlparser::ast::{CommentObject, Ident, ObjectName};

/// The objects of `comment::apply` it does not handle itself.
pub fn apply(
    ctx: &mut Ctx,
    kind: CommentObject,
    name: &ObjectName,
    text: Option<String>,
    if_exists: bool,
) -> Result<(), Diagnostic> {
    let q = ctx.name(name);
    let missing = |ctx: &Ctx, code: Code, what: &str| {
        ctx.error(
            code,
            q.to_string(),
            format!("{what} `{q}` does not exist"),
            "check the name, or use IF EXISTS",
        )
    };
    match kind {
        CommentObject::Index => {
            let found = ctx
                .schema
                .tables
                .values()
                .filter(|t| t.name.schema == q.schema)
                .find(|t| t.indexes.iter().any(|i| i.name == q.name))
                .map(|t| t.name.clone());
            let Some(table) = found else {
                if ctx.schema.tables.values().any(|t| backs_constraint(t, &q)) {
                    ctx.unsupported_statement("COMMENT ON INDEX of a key's or constraint's index");
                    return Ok(());
                }
                return if if_exists {
                    Ok(())
                } else {
                    Err(missing(ctx, Code::UnknownIndex, "index"))
                };
            };
            if let Some(i) = ctx
                .table(&table)
                .indexes
                .iter_mut()
                .find(|i| i.name == q.name)
            {
                i.comment = text;
            }
            ctx.touch_part(Touch::Alter, ObjectKind::Index, &table, &q.name);
        }
        CommentObject::View | CommentObject::MaterializedView => {
            let materialized = kind == CommentObject::MaterializedView;
            match ctx.schema.views.get_mut(&q) {
                Some(v) if v.materialized == materialized => v.comment = text,
                _ if if_exists => return Ok(()),
                _ => return Err(missing(ctx, Code::UnknownView, "view")),
            }
            ctx.touch(Touch::Alter, ObjectRef::whole(ObjectKind::View, &q));
        }
        CommentObject::Type | CommentObject::Domain => {
            let domain = ctx.schema.domains.get_mut(&q);
            if let Some(d) = domain {
                d.comment = text;
            } else if let (Some(e), CommentObject::Type) = (ctx.schema.enums.get_mut(&q), kind) {
                e.comment = text;
            } else if kind == CommentObject::Type
                && (ctx.schema.tables.contains_key(&q) || ctx.schema.views.contains_key(&q))
            {
                ctx.unsupported_statement("COMMENT ON TYPE of a table's row type");
                return Ok(());
            } else if if_exists {
                return Ok(());
            } else {
                let what = if kind == CommentObject::Domain {
                    "domain"
                } else {
                    "type"
                };
                return Err(missing(ctx, Code::UnknownType, what));
            }
            ctx.touch(Touch::Alter, ObjectRef::whole(ObjectKind::Type, &q));
        }
        other => ctx.unsupported_statement(&format!("COMMENT ON {other}")),
    }
    Ok(())
}

/// Whether `q` names the index behind a primary key or unique constraint of `t`: PostgreSQL
/// names that index after the constraint, and the model has no index of its own for it.
fn backs_constraint(t: &Table, q: &QualifiedName) -> bool {
    t.name.schema == q.schema
        && (t.primary_key.as_ref().and_then(|p| p.name.as_deref()) == Some(q.name.as_str())
            || t.uniques
                .iter()
                .any(|u| u.name.as_deref() == Some(q.name.as_str())))
}

/// `COMMENT ON CONSTRAINT name ON [DOMAIN] object IS ...`.
pub fn constraint(
    ctx: &mut Ctx,
    name: &Ident,
    object: &ObjectName,
    on_domain: bool,
    text: Option<&str>,
) -> Result<StatementKind, Diagnostic> {
    let text = text.filter(|t| !t.is_empty()).map(str::to_string);
    let n = ctx.ident(name);
    let written = ctx.name(object);
    let missing = |ctx: &Ctx, on: &QualifiedName| {
        ctx.error(
            Code::UnknownConstraint,
            format!("{on}.{n}"),
            format!("constraint `{n}` of `{on}` does not exist"),
            "check the constraint's name",
        )
    };
    if on_domain {
        let Some(d) = ctx.schema.domains.get_mut(&written) else {
            return Err(ctx.error(
                Code::UnknownType,
                written.to_string(),
                format!("domain `{written}` does not exist"),
                "create the domain first",
            ));
        };
        match d
            .checks
            .iter_mut()
            .find(|c| c.name.as_deref() == Some(n.as_str()))
        {
            Some(c) => c.comment = text,
            None => return Err(missing(ctx, &written)),
        }
        ctx.touch(Touch::Alter, ObjectRef::whole(ObjectKind::Type, &written));
        return Ok(StatementKind::Ddl);
    }
    let key = ctx.require_table(&written)?;
    let t = ctx.table(&key);
    let is = |c: &Option<String>| c.as_deref() == Some(n.as_str());
    let slot = if let Some(pk) = t.primary_key.as_mut().filter(|p| is(&p.name)) {
        Some(&mut pk.comment)
    } else if let Some(u) = t.uniques.iter_mut().find(|u| is(&u.name)) {
        Some(&mut u.comment)
    } else if let Some(f) = t.foreign_keys.iter_mut().find(|f| is(&f.name)) {
        Some(&mut f.comment)
    } else if let Some(c) = t.checks.iter_mut().find(|c| is(&c.name)) {
        Some(&mut c.comment)
    } else {
        None
    };
    match slot {
        Some(s) => *s = text,
        None => return Err(missing(ctx, &key)),
    }
    ctx.touch_part(Touch::Alter, ObjectKind::Constraint, &key, &n);
    Ok(StatementKind::Ddl)
}
