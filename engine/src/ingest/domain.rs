//! PostgreSQL domains: CREATE DOMAIN, ALTER DOMAIN, DROP DOMAIN (and DROP TYPE of a domain).

use super::columns::{collation_name, type_text};
use super::create_table::require_namespace;
use super::ctx::{Ctx, Touch};
use super::pg_objects::{AlterDomain, CreateDomain};
use super::StatementKind;
use crate::canon::expr::{column_default, is_null};
use crate::canon::names::{self, Kind};
use crate::canon::normalize_expr;
use crate::diag::{Code, Diagnostic};
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{Check, Domain, QualifiedName};
use sqlparser::ast::{ColumnOption, Expr, Ident, ObjectName};

fn unknown(ctx: &Ctx, q: &QualifiedName) -> Diagnostic {
    ctx.error(
        Code::UnknownType,
        q.to_string(),
        format!("domain `{q}` does not exist"),
        "create the domain first with CREATE DOMAIN, or use IF EXISTS",
    )
}

/// Whether a type of this name exists: enums, domains, and the row types of tables and
/// views all live in PostgreSQL's one type namespace.
pub(super) fn type_exists(ctx: &Ctx, q: &QualifiedName) -> bool {
    ctx.schema.enums.contains_key(q)
        || ctx.schema.domains.contains_key(q)
        || ctx.schema.tables.contains_key(q)
        || ctx.schema.views.contains_key(q)
}

fn duplicate_type(ctx: &Ctx, q: &QualifiedName) -> Diagnostic {
    ctx.error(
        Code::DuplicateType,
        q.to_string(),
        format!("type `{q}` already exists"),
        "drop the type first, or use another name",
    )
}

/// Whether a constraint of namespace `schema` (a table's or a domain's) is named `name`:
/// PostgreSQL picks implicit constraint names free in the whole namespace.
pub(crate) fn constraint_named(ctx: &Ctx, schema: &Option<String>, name: &str) -> bool {
    let is = |n: &Option<String>| n.as_deref() == Some(name);
    ctx.schema
        .tables
        .values()
        .filter(|t| &t.name.schema == schema)
        .any(|t| {
            t.primary_key.as_ref().is_some_and(|p| is(&p.name))
                || t.uniques.iter().any(|u| is(&u.name))
                || t.foreign_keys.iter().any(|f| is(&f.name))
                || t.checks.iter().any(|c| is(&c.name))
        })
        || domain_constraint_named(ctx, schema, name)
}

/// Whether a domain constraint of namespace `schema` is named `name`.
pub(crate) fn domain_constraint_named(ctx: &Ctx, schema: &Option<String>, name: &str) -> bool {
    ctx.schema
        .domains
        .values()
        .filter(|d| &d.name.schema == schema)
        .any(|d| d.checks.iter().any(|c| c.name.as_deref() == Some(name)))
}

/// Adds a check to `d` (not yet in the schema, or taken out of it) as PostgreSQL names it.
fn add_check(
    ctx: &Ctx,
    d: &mut Domain,
    name: Option<&Ident>,
    expr: &Expr,
) -> Result<(), Diagnostic> {
    let name = match name {
        Some(n) => {
            let n = ctx.ident(n);
            if d.checks
                .iter()
                .any(|c| c.name.as_deref() == Some(n.as_str()))
            {
                return Err(ctx.error(
                    Code::DuplicateConstraint,
                    format!("{}.{n}", d.name),
                    format!("constraint `{n}` already exists on domain `{}`", d.name),
                    "choose another name, or drop the existing one first",
                ));
            }
            n
        }
        None => names::postgres(&d.name.name, &[], Kind::Check, &|n| {
            d.checks.iter().any(|c| c.name.as_deref() == Some(n))
                || constraint_named(ctx, &d.name.schema, n)
        }),
    };
    d.checks.push(Check {
        name: Some(name),
        expr: normalize_expr(ctx.dialect, expr),
        not_valid: false,
        no_inherit: false,
        comment: None,
    });
    d.checks.sort();
    Ok(())
}

pub fn create(ctx: &mut Ctx, stmt: &CreateDomain) -> Result<StatementKind, Diagnostic> {
    let q = ctx.name(&stmt.name);
    if type_exists(ctx, &q) {
        return Err(duplicate_type(ctx, &q));
    }
    require_namespace(ctx, &q)?;
    let mut d = Domain::new(q.clone(), type_text(ctx.dialect, &stmt.data_type));
    let mut checks = Vec::new();
    for (name, clause) in &stmt.clauses {
        match clause {
            ColumnOption::Null => d.not_null = false,
            ColumnOption::NotNull => d.not_null = true,
            ColumnOption::Default(e) => {
                d.default = (!is_null(e))
                    .then(|| column_default(&d.data_type, normalize_expr(ctx.dialect, e)));
            }
            ColumnOption::Collation(c) => d.collation = Some(collation_name(c)),
            // Checks are named after the rest, in order, as PostgreSQL adds them.
            ColumnOption::Check(c) => checks.push((c.name.as_ref().or(name.as_ref()), &*c.expr)),
            other => {
                ctx.unsupported_clause(&other.to_string(), &q.to_string());
                return Ok(StatementKind::Unsupported);
            }
        }
    }
    for (name, expr) in checks {
        add_check(ctx, &mut d, name, expr)?;
    }
    ctx.schema.domains.insert(q.clone(), d);
    ctx.touch(Touch::Create, ObjectRef::whole(ObjectKind::Type, &q));
    Ok(StatementKind::Ddl)
}

pub fn alter(
    ctx: &mut Ctx,
    name: &ObjectName,
    op: &AlterDomain,
) -> Result<StatementKind, Diagnostic> {
    let q = ctx.name(name);
    let Some(mut d) = ctx.schema.domains.get(&q).cloned() else {
        return Err(unknown(ctx, &q));
    };
    let missing = |ctx: &Ctx, n: &str| {
        ctx.error(
            Code::UnknownConstraint,
            format!("{q}.{n}"),
            format!("constraint `{n}` of domain `{q}` does not exist"),
            "check the constraint's name, or use IF EXISTS",
        )
    };
    match op {
        AlterDomain::SetDefault(e) => {
            d.default =
                (!is_null(e)).then(|| column_default(&d.data_type, normalize_expr(ctx.dialect, e)));
        }
        AlterDomain::DropDefault => d.default = None,
        AlterDomain::SetNotNull => d.not_null = true,
        AlterDomain::DropNotNull => d.not_null = false,
        AlterDomain::Add {
            name,
            clause: ColumnOption::Check(c),
        } => add_check(ctx, &mut d, c.name.as_ref().or(name.as_ref()), &c.expr)?,
        AlterDomain::Add { clause, .. } => {
            ctx.unsupported_statement(&format!("ALTER DOMAIN ... ADD {clause}"));
            return Ok(StatementKind::Unsupported);
        }
        AlterDomain::DropConstraint { name, if_exists } => {
            let n = ctx.ident(name);
            let before = d.checks.len();
            d.checks.retain(|c| c.name.as_deref() != Some(n.as_str()));
            if d.checks.len() == before {
                if *if_exists {
                    return Ok(StatementKind::Ddl);
                }
                return Err(missing(ctx, &n));
            }
        }
        AlterDomain::RenameConstraint { from, to } => {
            let (from, to) = (ctx.ident(from), ctx.ident(to));
            if d.checks
                .iter()
                .any(|c| c.name.as_deref() == Some(to.as_str()))
            {
                return Err(ctx.error(
                    Code::DuplicateConstraint,
                    format!("{q}.{to}"),
                    format!("constraint `{to}` already exists on domain `{q}`"),
                    "choose another name",
                ));
            }
            let Some(c) = d
                .checks
                .iter_mut()
                .find(|c| c.name.as_deref() == Some(from.as_str()))
            else {
                return Err(missing(ctx, &from));
            };
            c.name = Some(to);
            d.checks.sort();
        }
        AlterDomain::Validate(name) => {
            let n = ctx.ident(name);
            if !d
                .checks
                .iter()
                .any(|c| c.name.as_deref() == Some(n.as_str()))
            {
                return Err(missing(ctx, &n));
            }
        }
        AlterDomain::RenameTo(new) => {
            let new = QualifiedName::new(q.schema.clone(), ctx.ident(new));
            if type_exists(ctx, &new) {
                return Err(duplicate_type(ctx, &new));
            }
            retype(ctx, &q, &new);
            ctx.schema.domains.remove(&q);
            d.name = new.clone();
            ctx.rename(
                ObjectRef::whole(ObjectKind::Type, &q),
                ObjectRef::whole(ObjectKind::Type, &new),
            );
            ctx.schema.domains.insert(new, d);
            return Ok(StatementKind::Ddl);
        }
        AlterDomain::Other(words) => {
            ctx.unsupported_statement(&format!("ALTER DOMAIN ... {words}"));
            return Ok(StatementKind::Unsupported);
        }
    }
    ctx.schema.domains.insert(q.clone(), d);
    ctx.touch(Touch::Alter, ObjectRef::whole(ObjectKind::Type, &q));
    Ok(StatementKind::Ddl)
}

/// Columns and domains of type `old` (arrays too) take type `new`.
fn retype(ctx: &mut Ctx, old: &QualifiedName, new: &QualifiedName) {
    let (old_text, new_text) = (old.to_string(), new.to_string());
    let rename = |ty: &mut String| {
        let base = ty.trim_end_matches("[]");
        if base == old_text {
            *ty = format!("{new_text}{}", &ty[base.len()..]);
        }
    };
    for t in ctx.schema.tables.values_mut() {
        t.columns.iter_mut().for_each(|c| rename(&mut c.data_type));
    }
    for d in ctx.schema.domains.values_mut() {
        rename(&mut d.data_type);
    }
}

/// What uses domain `q`: `table.column` names and domains based on it.
fn users(ctx: &Ctx, q: &QualifiedName) -> (Vec<String>, Vec<QualifiedName>) {
    let d = &ctx.schema.domains[q];
    let columns = ctx
        .schema
        .tables
        .values()
        .flat_map(|t| {
            t.columns
                .iter()
                .filter(|c| d.is_type_of(&c.data_type))
                .map(move |c| format!("{}.{}", t.name, c.name))
        })
        .collect();
    let domains = ctx
        .schema
        .domains
        .values()
        .filter(|o| d.is_type_of(&o.data_type))
        .map(|o| o.name.clone())
        .collect();
    (columns, domains)
}

pub fn drop(
    ctx: &mut Ctx,
    name: &ObjectName,
    if_exists: bool,
    cascade: bool,
) -> Result<(), Diagnostic> {
    let q = ctx.name(name);
    if !ctx.schema.domains.contains_key(&q) {
        return if if_exists {
            Ok(())
        } else {
            Err(unknown(ctx, &q))
        };
    }
    let (columns, domains) = users(ctx, &q);
    if !cascade {
        let by = columns
            .first()
            .map(|c| format!("column `{c}`"))
            .or_else(|| domains.first().map(|d| format!("domain `{d}`")));
        if let Some(by) = by {
            return Err(ctx.error(
                Code::DependentObjects,
                q.to_string(),
                format!("cannot drop domain `{q}`: {by} uses it"),
                "change or drop what uses it first, or add CASCADE",
            ));
        }
    }
    // CASCADE drops the columns of the type, and the domains based on it with theirs.
    let mut gone = vec![q];
    let mut i = 0;
    while i < gone.len() {
        let (_, based) = users(ctx, &gone[i]);
        let new: Vec<QualifiedName> = based.into_iter().filter(|b| !gone.contains(b)).collect();
        gone.extend(new);
        i += 1;
    }
    for g in &gone {
        let d = ctx.schema.domains[g].clone();
        for t in ctx.schema.tables.values_mut() {
            t.columns.retain(|c| !d.is_type_of(&c.data_type));
        }
    }
    for g in gone {
        ctx.schema.domains.remove(&g);
        ctx.touch(Touch::Drop, ObjectRef::whole(ObjectKind::Type, &g));
    }
    Ok(())
}
