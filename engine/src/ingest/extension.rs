//! PostgreSQL extensions: CREATE EXTENSION, DROP EXTENSION. The model keeps the name and the
//! schema the extension's objects go to, not what it brings (its types and functions belong
//! to the server's packages).

use super::create_table::require_namespace;
use super::ctx::Ctx;
use super::pg_objects::CreateExtension;
use super::StatementKind;
use crate::canon::ident::namespace;
use crate::diag::{Code, Diagnostic};
use crate::model::{Extension, QualifiedName};
use sqlparser::ast::Ident;

pub fn create(ctx: &mut Ctx, e: &CreateExtension) -> Result<StatementKind, Diagnostic> {
    let name = ctx.ident(&e.name);
    if ctx.schema.extensions.contains_key(&name) {
        if e.if_not_exists {
            return Ok(StatementKind::Ddl);
        }
        return Err(ctx.error(
            Code::DuplicateExtension,
            name.clone(),
            format!("extension `{name}` already exists"),
            "use CREATE EXTENSION IF NOT EXISTS",
        ));
    }
    let schema = namespace(ctx.dialect, e.schema.as_ref().map(|s| ctx.ident(s)));
    require_namespace(ctx, &QualifiedName::new(schema.clone(), name.clone()))?;
    ctx.schema
        .extensions
        .insert(name.clone(), Extension { name, schema });
    Ok(StatementKind::Ddl)
}

pub fn drop(ctx: &mut Ctx, names: &[Ident], if_exists: bool) -> Result<(), Diagnostic> {
    let names: Vec<String> = names.iter().map(|n| ctx.ident(n)).collect();
    if let Some(name) = names
        .iter()
        .find(|n| !ctx.schema.extensions.contains_key(*n))
    {
        if !if_exists {
            return Err(ctx.error(
                Code::UnknownExtension,
                name.clone(),
                format!("extension `{name}` does not exist"),
                "check the name, or use IF EXISTS",
            ));
        }
    }
    for name in names {
        ctx.schema.extensions.remove(&name);
    }
    Ok(())
}
