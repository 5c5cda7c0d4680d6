//! COMMENT ON TABLE / COLUMN (Postgres).

use super::ctx::{Ctx, Touch};
use crate::diag::Diagnostic;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::QualifiedName;
use sqlparser::ast::{CommentObject, ObjectName};

pub fn apply(
    ctx: &mut Ctx,
    kind: CommentObject,
    name: &ObjectName,
    text: Option<&str>,
    if_exists: bool,
) -> Result<(), Diagnostic> {
    // An empty comment removes it, as in Postgres.
    let text = text.filter(|t| !t.is_empty()).map(str::to_string);
    match kind {
        CommentObject::Table => {
            let written = ctx.name(name);
            let key = match ctx.find_table(&written) {
                Some(k) => k,
                None if if_exists => return Ok(()),
                None => return Err(ctx.require_table(&written).unwrap_err()),
            };
            ctx.table(&key).comment = text;
            ctx.touch(Touch::Alter, ObjectRef::table(&key));
        }
        CommentObject::Column => {
            let parts = &name.0;
            if parts.len() < 2 {
                ctx.unsupported_statement("COMMENT ON COLUMN without a table");
                return Ok(());
            }
            let table = ObjectName(parts[..parts.len() - 1].to_vec());
            let col = parts[parts.len() - 1]
                .as_ident()
                .map(|i| ctx.ident(i))
                .unwrap_or_default();
            let written: QualifiedName = ctx.name(&table);
            let key = match ctx.find_table(&written) {
                Some(k) => k,
                None if if_exists => return Ok(()),
                None => return Err(ctx.require_table(&written).unwrap_err()),
            };
            let stored = ctx.require_column(&ctx.schema.tables[&key], &col)?;
            if let Some(c) = ctx.table(&key).column_mut(&stored) {
                c.comment = text;
            }
            ctx.touch_part(Touch::Alter, ObjectKind::Column, &key, &stored);
        }
        // INDEX, VIEW, TYPE, DOMAIN, ...: see `comment_on`.
        other if ctx.dialect == crate::dialect::Dialect::Postgres => {
            super::comment_on::apply(ctx, other, name, text, if_exists)?
        }
        other => ctx.unsupported_statement(&format!("COMMENT ON {other:?}").to_uppercase()),
    }
    Ok(())
}
