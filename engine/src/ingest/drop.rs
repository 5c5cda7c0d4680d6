//! DROP TABLE / VIEW / INDEX / TYPE / SCHEMA, and CREATE SCHEMA.

use super::ctx::{Ctx, Touch};
use super::{index, types_enum};
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::QualifiedName;
use sqlparser::ast::{ObjectName, ObjectType, SchemaName};

pub struct DropArgs<'a> {
    pub object_type: ObjectType,
    pub if_exists: bool,
    pub names: &'a [ObjectName],
    pub cascade: bool,
    /// MySQL `DROP INDEX i ON t`.
    pub table: Option<&'a ObjectName>,
}

pub fn apply(ctx: &mut Ctx, a: DropArgs) -> Result<(), Diagnostic> {
    match a.object_type {
        ObjectType::Table => drop_tables(ctx, &a),
        ObjectType::View | ObjectType::MaterializedView => {
            for n in a.names {
                drop_view(ctx, n, a.if_exists, a.cascade)?;
            }
            Ok(())
        }
        ObjectType::Index => {
            for n in a.names {
                index::drop(ctx, n, a.table, a.if_exists, a.cascade)?;
            }
            Ok(())
        }
        ObjectType::Type if ctx.dialect == Dialect::Postgres => {
            for n in a.names {
                // DROP TYPE drops a domain too.
                if ctx.schema.domains.contains_key(&ctx.name(n)) {
                    super::domain::drop(ctx, n, a.if_exists, a.cascade)?;
                    continue;
                }
                types_enum::drop(ctx, n, a.if_exists, a.cascade)?;
            }
            Ok(())
        }
        ObjectType::Sequence if ctx.dialect == Dialect::Postgres => {
            for n in a.names {
                super::sequence::drop(ctx, n, a.cascade)?;
            }
            Ok(())
        }
        ObjectType::Schema if ctx.dialect == Dialect::Postgres => {
            for n in a.names {
                drop_schema(ctx, n, a.if_exists, a.cascade)?;
            }
            Ok(())
        }
        other => {
            ctx.unsupported_statement(&format!("DROP {other}"));
            Ok(())
        }
    }
}

fn dependents_error(ctx: &Ctx, what: &QualifiedName, by: String) -> Diagnostic {
    ctx.error(
        Code::DependentObjects,
        what.to_string(),
        format!("cannot drop `{what}`: {by} depends on it"),
        match ctx.dialect {
            Dialect::Postgres => "drop the dependent objects first, or add CASCADE",
            _ => "drop the dependent objects first",
        },
    )
}

fn drop_tables(ctx: &mut Ctx, a: &DropArgs) -> Result<(), Diagnostic> {
    let mut keys = Vec::new();
    for n in a.names {
        let written = ctx.name(n);
        match ctx.find_table(&written) {
            Some(k) => keys.push(k),
            None if a.if_exists => {}
            None => return Err(ctx.require_table(&written).unwrap_err()),
        }
    }
    // A partitioned table takes its partitions along, theirs too.
    let mut i = 0;
    while i < keys.len() {
        let parent = keys[i].clone();
        let children = ctx.schema.tables.values().filter(|t| {
            t.options
                .partition_of
                .as_ref()
                .is_some_and(|p| p.parent == parent)
        });
        let new: Vec<QualifiedName> = children
            .map(|t| t.name.clone())
            .filter(|n| !keys.contains(n))
            .collect();
        keys.extend(new);
        i += 1;
    }
    // Postgres and MySQL refuse to drop a table another table's foreign key points at, unless
    // that table goes too (or, in Postgres, CASCADE drops the foreign key).
    if ctx.dialect != Dialect::Sqlite {
        let mut hits = Vec::new();
        for other in ctx
            .schema
            .tables
            .values()
            .filter(|o| !keys.contains(&o.name))
        {
            for fk in other
                .foreign_keys
                .iter()
                .filter(|f| keys.contains(&f.ref_table))
            {
                hits.push((other.name.clone(), fk.name.clone(), fk.ref_table.clone()));
            }
        }
        if let Some((other, fk, target)) = hits.first() {
            if !(a.cascade && ctx.dialect == Dialect::Postgres) {
                let by = format!(
                    "foreign key `{}` of `{other}`",
                    fk.as_deref().unwrap_or("?")
                );
                return Err(dependents_error(ctx, target, by));
            }
        }
        for (other, fk, target) in hits {
            if let Some(o) = ctx.schema.tables.get_mut(&other) {
                o.foreign_keys
                    .retain(|f| !(f.ref_table == target && f.name == fk));
            }
            ctx.touch_part(
                Touch::Drop,
                ObjectKind::Constraint,
                &other,
                fk.as_deref().unwrap_or(""),
            );
        }
    }
    if ctx.dialect == Dialect::Postgres {
        drop_dependent_views(ctx, &keys, a.cascade)?;
    }
    for k in keys {
        ctx.schema.tables.remove(&k);
        ctx.touch(Touch::Drop, ObjectRef::table(&k));
    }
    super::trigger::prune(ctx);
    Ok(())
}

/// Postgres views reading dropped relations: an error, or dropped too with CASCADE.
fn drop_dependent_views(
    ctx: &mut Ctx,
    gone: &[QualifiedName],
    cascade: bool,
) -> Result<(), Diagnostic> {
    let mut gone: Vec<QualifiedName> = gone.to_vec();
    let mut i = 0;
    while i < gone.len() {
        let dependents: Vec<QualifiedName> = ctx
            .schema
            .views
            .values()
            .filter(|v| v.reads.contains(&gone[i]) && !gone.contains(&v.name))
            .map(|v| v.name.clone())
            .collect();
        if let Some(v) = dependents.first() {
            if !cascade {
                return Err(dependents_error(ctx, &gone[i], format!("view `{v}`")));
            }
        }
        gone.extend(dependents);
        i += 1;
    }
    for v in gone {
        if ctx.schema.views.remove(&v).is_some() {
            ctx.touch(Touch::Drop, ObjectRef::whole(ObjectKind::View, &v));
        }
    }
    Ok(())
}

fn drop_view(
    ctx: &mut Ctx,
    n: &ObjectName,
    if_exists: bool,
    cascade: bool,
) -> Result<(), Diagnostic> {
    let q = ctx.name(n);
    if !ctx.schema.views.contains_key(&q) {
        if if_exists {
            return Ok(());
        }
        return Err(ctx.error(
            Code::UnknownView,
            q.to_string(),
            format!("view `{q}` does not exist"),
            "check the name, or use IF EXISTS",
        ));
    }
    if ctx.dialect == Dialect::Postgres {
        drop_dependent_views(ctx, std::slice::from_ref(&q), cascade)?;
    }
    ctx.schema.views.remove(&q);
    ctx.touch(Touch::Drop, ObjectRef::whole(ObjectKind::View, &q));
    super::trigger::prune(ctx);
    Ok(())
}

fn schema_name(ctx: &Ctx, n: &ObjectName) -> String {
    n.0.last()
        .and_then(|p| p.as_ident())
        .map(|i| ctx.ident(i))
        .unwrap_or_default()
}

fn drop_schema(
    ctx: &mut Ctx,
    n: &ObjectName,
    if_exists: bool,
    cascade: bool,
) -> Result<(), Diagnostic> {
    let s = schema_name(ctx, n);
    let Some(pos) = ctx.schema.namespaces.iter().position(|x| *x == s) else {
        if if_exists {
            return Ok(());
        }
        return Err(ctx.error(
            Code::UnknownSchema,
            s.clone(),
            format!("schema `{s}` does not exist"),
            "check the name, or use IF EXISTS",
        ));
    };
    let inside = |q: &QualifiedName| q.schema.as_deref() == Some(s.as_str());
    let non_empty = ctx.schema.tables.keys().any(inside)
        || ctx.schema.domains.keys().any(inside)
        || ctx.schema.views.keys().any(inside)
        || ctx.schema.enums.keys().any(inside)
        || super::function::any_in_schema(ctx, &s);
    if non_empty && !cascade {
        return Err(dependents_error(
            ctx,
            &QualifiedName::bare(s.clone()),
            "objects in the schema".into(),
        ));
    }
    let tables: Vec<QualifiedName> = ctx
        .schema
        .tables
        .keys()
        .filter(|q| inside(q))
        .cloned()
        .collect();
    for t in &tables {
        for other in ctx.schema.tables.values_mut() {
            other.foreign_keys.retain(|f| f.ref_table != *t);
        }
        ctx.touch(Touch::Drop, ObjectRef::table(t));
    }
    ctx.schema.tables.retain(|q, _| !inside(q));
    ctx.schema.views.retain(|q, _| !inside(q));
    ctx.schema.enums.retain(|q, _| !inside(q));
    ctx.schema.domains.retain(|q, _| !inside(q));
    ctx.schema
        .extensions
        .retain(|_, e| e.schema.as_deref() != Some(s.as_str()));
    super::function::forget_in_schema(ctx, &s);
    super::trigger::prune(ctx);
    ctx.schema.namespaces.remove(pos);
    ctx.touch(
        Touch::Drop,
        ObjectRef::whole(ObjectKind::Schema, &QualifiedName::bare(s)),
    );
    Ok(())
}

pub fn create_schema(
    ctx: &mut Ctx,
    name: &SchemaName,
    if_not_exists: bool,
) -> Result<(), Diagnostic> {
    if ctx.dialect != Dialect::Postgres {
        ctx.unsupported_statement("CREATE SCHEMA");
        return Ok(());
    }
    let n = match name {
        SchemaName::Simple(n) | SchemaName::NamedAuthorization(n, _) => schema_name(ctx, n),
        SchemaName::UnnamedAuthorization(id) => ctx.ident(id),
    };
    if n == "public" || ctx.schema.namespaces.contains(&n) {
        if if_not_exists {
            return Ok(());
        }
        return Err(ctx.error(
            Code::DuplicateSchema,
            n.clone(),
            format!("schema `{n}` already exists"),
            "use CREATE SCHEMA IF NOT EXISTS",
        ));
    }
    ctx.schema.namespaces.push(n.clone());
    ctx.schema.namespaces.sort();
    ctx.touch(
        Touch::Create,
        ObjectRef::whole(ObjectKind::Schema, &QualifiedName::bare(n)),
    );
    Ok(())
}
