//! PostgreSQL CREATE [OR REPLACE] FUNCTION / PROCEDURE and DROP FUNCTION / PROCEDURE.

use super::columns::type_text;
use super::ctx::{Ctx, Touch};
use super::routine::{CreateFunction, FunctionComment};
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{Function, FunctionKey, TriggerKey};
use sqlparser::ast::{ArgMode, DataType, DropBehavior, FunctionDesc};

/// An argument type as the signature spells it: canonical, without type modifiers, which
/// PostgreSQL drops from function arguments (`varchar(10)` is `character varying`).
pub fn arg_type(dialect: Dialect, dt: &DataType) -> String {
    let text = type_text(dialect, dt);
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn signature(dialect: Dialect, inputs: &[DataType]) -> String {
    let types: Vec<String> = inputs.iter().map(|t| arg_type(dialect, t)).collect();
    types.join(", ")
}

fn touch(ctx: &mut Ctx, what: Touch, key: &FunctionKey) {
    // A function without arguments is the whole object; with some, they tell overloads apart.
    let r = match key.args.as_str() {
        "" => ObjectRef::whole(ObjectKind::Function, &key.name),
        args => ObjectRef::part(ObjectKind::Function, &key.name, args),
    };
    ctx.touch(what, r);
}

pub fn create(ctx: &mut Ctx, f: &CreateFunction) -> Result<(), Diagnostic> {
    let name = ctx.name(&f.name);
    super::create_table::require_namespace(ctx, &name)?;
    let key = FunctionKey {
        name: name.clone(),
        args: signature(ctx.dialect, &f.inputs),
    };
    let what = if f.procedure { "procedure" } else { "function" };
    let mut comment = None;
    if let Some(existing) = ctx.schema.functions.get(&key) {
        if !f.or_replace || existing.procedure != f.procedure {
            return Err(ctx.error(
                Code::DuplicateFunction,
                key.to_string(),
                format!("{what} `{key}` already exists"),
                "use CREATE OR REPLACE, or drop it first",
            ));
        }
        // CREATE OR REPLACE keeps the object, and so its comment.
        comment = existing.comment.clone();
    }
    let replaced = ctx.schema.functions.insert(
        key.clone(),
        Function {
            name,
            args: key.args.clone(),
            procedure: f.procedure,
            definition: f.text.clone(),
            comment,
        },
    );
    let t = if replaced.is_some() {
        Touch::Alter
    } else {
        Touch::Create
    };
    touch(ctx, t, &key);
    Ok(())
}

/// `DROP FUNCTION|PROCEDURE [IF EXISTS] name [(types)], ... [CASCADE]`.
pub fn drop(
    ctx: &mut Ctx,
    procedure: bool,
    if_exists: bool,
    descs: &[FunctionDesc],
    behavior: Option<DropBehavior>,
) -> Result<(), Diagnostic> {
    let cascade = matches!(behavior, Some(DropBehavior::Cascade));
    let what = if procedure { "procedure" } else { "function" };
    for desc in descs {
        let inputs: Option<Vec<DataType>> = desc.args.as_ref().map(|args| {
            args.iter()
                .filter(|a| !matches!(a.mode, Some(ArgMode::Out)))
                .map(|a| a.data_type.clone())
                .collect()
        });
        let Some(key) = find(ctx, what, &desc.name, inputs.as_deref(), if_exists)? else {
            continue;
        };
        let users = triggers_using(ctx, &key);
        if let Some(t) = users.first() {
            if !cascade {
                return Err(ctx.error(
                    Code::DependentObjects,
                    key.to_string(),
                    format!(
                        "cannot drop {what} `{key}`: trigger `{}` on `{}` depends on it",
                        t.name, t.table
                    ),
                    "drop the trigger first, or add CASCADE",
                ));
            }
        }
        for t in users {
            ctx.schema.triggers.remove(&t);
            ctx.touch(
                Touch::Drop,
                ObjectRef::part(ObjectKind::Trigger, &t.table, &t.name),
            );
        }
        ctx.schema.functions.remove(&key);
        touch(ctx, Touch::Drop, &key);
    }
    Ok(())
}

/// The function a name and, if given, input argument types denote; `None` when there is
/// none and `if_exists`. Without types the name must be unique.
fn find(
    ctx: &Ctx,
    what: &str,
    name: &sqlparser::ast::ObjectName,
    inputs: Option<&[DataType]>,
    if_exists: bool,
) -> Result<Option<FunctionKey>, Diagnostic> {
    let name = ctx.name(name);
    let found: Vec<FunctionKey> = match inputs {
        Some(inputs) => {
            let key = FunctionKey {
                name: name.clone(),
                args: signature(ctx.dialect, inputs),
            };
            ctx.schema
                .functions
                .contains_key(&key)
                .then_some(key)
                .into_iter()
                .collect()
        }
        None => ctx
            .schema
            .functions
            .keys()
            .filter(|k| k.name == name)
            .cloned()
            .collect(),
    };
    match found.as_slice() {
        [k] => Ok(Some(k.clone())),
        [] if if_exists => Ok(None),
        [] => Err(ctx.error(
            Code::UnknownFunction,
            name.to_string(),
            format!("{what} `{name}` does not exist"),
            "check the name and argument types, or use IF EXISTS",
        )),
        _ => Err(ctx.error(
            Code::UnknownFunction,
            name.to_string(),
            format!("{what} name `{name}` is not unique"),
            "name the argument types: name(type, ...)",
        )),
    }
}

/// `COMMENT ON FUNCTION|PROCEDURE name[(types)] IS ...`; an empty comment removes it.
pub fn comment(ctx: &mut Ctx, c: &FunctionComment) -> Result<(), Diagnostic> {
    let what = if c.procedure { "procedure" } else { "function" };
    let key =
        find(ctx, what, &c.name, c.inputs.as_deref(), false)?.expect("an error when not found");
    if let Some(f) = ctx.schema.functions.get_mut(&key) {
        f.comment = c.comment.clone().filter(|t| !t.is_empty());
    }
    touch(ctx, Touch::Alter, &key);
    Ok(())
}

/// Triggers executing the function: trigger functions take no declared arguments.
fn triggers_using(ctx: &Ctx, key: &FunctionKey) -> Vec<TriggerKey> {
    if !key.args.is_empty() {
        return Vec::new();
    }
    ctx.schema
        .triggers
        .values()
        .filter(|t| t.function.as_ref() == Some(&key.name))
        .map(|t| t.key())
        .collect()
}

/// Drops the functions of a dropped namespace.
pub fn forget_in_schema(ctx: &mut Ctx, schema: &str) {
    let gone: Vec<FunctionKey> = ctx
        .schema
        .functions
        .keys()
        .filter(|k| k.name.schema.as_deref() == Some(schema))
        .cloned()
        .collect();
    for k in gone {
        ctx.schema.functions.remove(&k);
        touch(ctx, Touch::Drop, &k);
    }
}

/// Whether the namespace holds functions (a DROP SCHEMA without CASCADE then fails).
pub fn any_in_schema(ctx: &Ctx, schema: &str) -> bool {
    ctx.schema
        .functions
        .keys()
        .any(|k| k.name.schema.as_deref() == Some(schema))
}
