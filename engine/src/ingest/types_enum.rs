//! Postgres enum types: CREATE TYPE ... AS ENUM, ALTER TYPE, DROP TYPE.

use super::create_table::require_namespace;
use super::ctx::{Ctx, Touch};
use crate::diag::{Code, Diagnostic};
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{EnumType, QualifiedName};
use sqlparser::ast::{
    AlterType, AlterTypeAddValuePosition, AlterTypeOperation, ObjectName,
    UserDefinedTypeRepresentation,
};

/// How columns spell the type: `mood`, or `app.mood` outside the default schema.
fn type_text(q: &QualifiedName) -> String {
    q.to_string()
}

fn unknown(ctx: &Ctx, q: &QualifiedName) -> Diagnostic {
    ctx.error(
        Code::UnknownType,
        q.to_string(),
        format!("type `{q}` does not exist"),
        "create the type first with CREATE TYPE ... AS ENUM",
    )
}

pub fn create(
    ctx: &mut Ctx,
    name: &ObjectName,
    repr: Option<&UserDefinedTypeRepresentation>,
) -> Result<(), Diagnostic> {
    let Some(UserDefinedTypeRepresentation::Enum { labels }) = repr else {
        ctx.unsupported_statement("CREATE TYPE (other than AS ENUM)");
        return Ok(());
    };
    let q = ctx.name(name);
    if ctx.schema.enums.contains_key(&q) {
        return Err(ctx.error(
            Code::DuplicateType,
            q.to_string(),
            format!("type `{q}` already exists"),
            "drop the type first, or use another name",
        ));
    }
    require_namespace(ctx, &q)?;
    let mut values: Vec<String> = Vec::new();
    for l in labels {
        if values.contains(&l.value) {
            return Err(dup_value(ctx, &q, &l.value));
        }
        values.push(l.value.clone());
    }
    ctx.schema.enums.insert(
        q.clone(),
        EnumType {
            name: q.clone(),
            values,
            comment: None,
        },
    );
    ctx.touch(Touch::Create, ObjectRef::whole(ObjectKind::Type, &q));
    Ok(())
}

fn dup_value(ctx: &Ctx, q: &QualifiedName, v: &str) -> Diagnostic {
    ctx.error(
        Code::DuplicateEnumValue,
        format!("{q}.{v}"),
        format!("enum `{q}` already has value '{v}'"),
        "use ADD VALUE IF NOT EXISTS, or another value",
    )
}

fn unknown_value(ctx: &Ctx, q: &QualifiedName, v: &str) -> Diagnostic {
    ctx.error(
        Code::UnknownEnumValue,
        format!("{q}.{v}"),
        format!("enum `{q}` has no value '{v}'"),
        "check the enum's values",
    )
}

pub fn alter(ctx: &mut Ctx, at: &AlterType) -> Result<(), Diagnostic> {
    let q = ctx.name(&at.name);
    let Some(mut e) = ctx.schema.enums.get(&q).cloned() else {
        return Err(unknown(ctx, &q));
    };
    ctx.touch(Touch::Alter, ObjectRef::whole(ObjectKind::Type, &q));
    let find = |e: &EnumType, v: &str| e.values.iter().position(|x| x == v);
    match &at.operation {
        AlterTypeOperation::AddValue(add) => {
            let v = add.value.value.clone();
            if find(&e, &v).is_some() {
                return if add.if_not_exists {
                    Ok(())
                } else {
                    Err(dup_value(ctx, &q, &v))
                };
            }
            let at_pos = match &add.position {
                None => e.values.len(),
                Some(AlterTypeAddValuePosition::Before(n)) => {
                    find(&e, &n.value).ok_or_else(|| unknown_value(ctx, &q, &n.value))?
                }
                Some(AlterTypeAddValuePosition::After(n)) => {
                    find(&e, &n.value).ok_or_else(|| unknown_value(ctx, &q, &n.value))? + 1
                }
            };
            e.values.insert(at_pos, v.clone());
            ctx.touch(Touch::Create, ObjectRef::part(ObjectKind::Type, &q, v));
        }
        AlterTypeOperation::RenameValue(r) => {
            let i = find(&e, &r.from.value).ok_or_else(|| unknown_value(ctx, &q, &r.from.value))?;
            if find(&e, &r.to.value).is_some() {
                return Err(dup_value(ctx, &q, &r.to.value));
            }
            e.values[i] = r.to.value.clone();
            ctx.rename(
                ObjectRef::part(ObjectKind::Type, &q, r.from.value.clone()),
                ObjectRef::part(ObjectKind::Type, &q, r.to.value.clone()),
            );
        }
        AlterTypeOperation::Rename(r) => {
            let new = QualifiedName::new(q.schema.clone(), ctx.ident(&r.new_name));
            if ctx.schema.enums.contains_key(&new) {
                return Err(ctx.error(
                    Code::DuplicateType,
                    new.to_string(),
                    format!("type `{new}` already exists"),
                    "choose another name",
                ));
            }
            retype_columns(ctx, &q, Some(&new));
            ctx.schema.enums.remove(&q);
            e.name = new.clone();
            ctx.rename(
                ObjectRef::whole(ObjectKind::Type, &q),
                ObjectRef::whole(ObjectKind::Type, &new),
            );
            ctx.schema.enums.insert(new, e);
            return Ok(());
        }
    }
    ctx.schema.enums.insert(q, e);
    Ok(())
}

/// Columns of type `old` (or arrays of it); renamed to `new`, or listed when `new` is None.
fn retype_columns(ctx: &mut Ctx, old: &QualifiedName, new: Option<&QualifiedName>) -> Vec<String> {
    let old_text = type_text(old);
    let mut users = Vec::new();
    for t in ctx.schema.tables.values_mut() {
        for c in t.columns.iter_mut() {
            let base = c.data_type.trim_end_matches("[]");
            if base == old_text {
                users.push(format!("{}.{}", t.name, c.name));
                if let Some(n) = new {
                    let dims = &c.data_type[base.len()..];
                    c.data_type = format!("{}{dims}", type_text(n));
                }
            }
        }
    }
    users
}

pub fn drop(
    ctx: &mut Ctx,
    name: &ObjectName,
    if_exists: bool,
    cascade: bool,
) -> Result<(), Diagnostic> {
    let q = ctx.name(name);
    if !ctx.schema.enums.contains_key(&q) {
        return if if_exists {
            Ok(())
        } else {
            Err(unknown(ctx, &q))
        };
    }
    let users = retype_columns(ctx, &q, None);
    if let Some(u) = users.first() {
        if !cascade {
            return Err(ctx.error(
                Code::DependentObjects,
                q.to_string(),
                format!("cannot drop type `{q}`: column `{u}` uses it"),
                "change or drop the columns first, or add CASCADE",
            ));
        }
        // CASCADE drops the columns of that type.
        let text = type_text(&q);
        for t in ctx.schema.tables.values_mut() {
            t.columns
                .retain(|c| c.data_type.trim_end_matches("[]") != text);
        }
    }
    ctx.schema.enums.remove(&q);
    ctx.touch(Touch::Drop, ObjectRef::whole(ObjectKind::Type, &q));
    Ok(())
}
