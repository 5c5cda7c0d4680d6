//! CREATE TRIGGER and DROP TRIGGER, and triggers following their table: dropped with it,
//! renamed with it.

use super::ctx::{Ctx, Touch};
use super::routine::{CreateTrigger, TriggerComment};
use crate::canon::definition::retarget_trigger;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{QualifiedName, Trigger, TriggerKey};
use crate::render::ddl::qname;
use sqlparser::ast::DropTrigger;

/// The table or view a trigger names, as stored; `unknown-table` if there is neither.
fn relation(ctx: &Ctx, written: &QualifiedName) -> Result<QualifiedName, Diagnostic> {
    if let Some(t) = ctx.find_table(written) {
        return Ok(t);
    }
    if ctx.schema.views.contains_key(written) {
        return Ok(written.clone());
    }
    Err(ctx.error(
        Code::UnknownTable,
        written.to_string(),
        format!("table `{written}` does not exist"),
        "create the table (or view) before its triggers",
    ))
}

/// MySQL and SQLite name triggers per schema; PostgreSQL per table.
fn same_name(ctx: &Ctx, a: &str, b: &str) -> bool {
    match ctx.dialect {
        Dialect::Postgres => a == b,
        _ => a.eq_ignore_ascii_case(b),
    }
}

/// The existing trigger a name (and, for PostgreSQL, a table) denotes.
fn find(ctx: &Ctx, name: &QualifiedName, table: Option<&QualifiedName>) -> Option<TriggerKey> {
    ctx.schema
        .triggers
        .values()
        .find(|t| {
            same_name(ctx, &t.name, &name.name)
                && match table {
                    Some(table) => &t.table == table,
                    None => name.schema.is_none() || t.table.schema == name.schema,
                }
        })
        .map(|t| t.key())
}

pub fn create(ctx: &mut Ctx, c: &CreateTrigger) -> Result<(), Diagnostic> {
    if c.temporary {
        ctx.unsupported_statement("CREATE TEMPORARY TRIGGER");
        return Ok(());
    }
    let name = ctx.name(&c.name);
    let mut written = ctx.name(&c.table);
    if written.schema.is_none() && ctx.dialect != Dialect::Postgres {
        // MySQL `db.trg ... ON t`, SQLite `main.trg ... ON t`: the table is in the trigger's schema.
        written.schema = name.schema.clone();
    }
    let table = relation(ctx, &written)?;
    let scope = (ctx.dialect == Dialect::Postgres).then_some(&table);
    let mut comment = None;
    if let Some(existing) = find(ctx, &name, scope) {
        if c.if_not_exists {
            return Ok(());
        }
        if !(c.or_replace && existing.table == table) {
            return Err(ctx.error(
                Code::DuplicateTrigger,
                existing.to_string(),
                format!("trigger `{}` already exists", existing.name),
                "drop it first, or use CREATE OR REPLACE TRIGGER (PostgreSQL 14+)",
            ));
        }
        comment = ctx
            .schema
            .triggers
            .remove(&existing)
            .and_then(|t| t.comment);
    }
    let function = c.function.as_ref().map(|f| ctx.name(f));
    let trigger = Trigger {
        name: name.name.clone(),
        table: table.clone(),
        function,
        definition: c.text.clone(),
        comment,
    };
    ctx.touch(Touch::Read, ObjectRef::table(&table));
    ctx.touch(
        Touch::Create,
        ObjectRef::part(ObjectKind::Trigger, &table, &trigger.name),
    );
    ctx.schema.triggers.insert(trigger.key(), trigger);
    Ok(())
}

pub fn drop(ctx: &mut Ctx, d: &DropTrigger) -> Result<(), Diagnostic> {
    let name = ctx.name(&d.trigger_name);
    let table = match &d.table_name {
        Some(t) => {
            let written = ctx.name(t);
            match relation(ctx, &written) {
                Ok(t) => Some(t),
                Err(_) if d.if_exists => return Ok(()),
                Err(e) => return Err(e),
            }
        }
        None => None,
    };
    let Some(key) = find(ctx, &name, table.as_ref()) else {
        if d.if_exists {
            return Ok(());
        }
        let on = table.map(|t| format!(" on `{t}`")).unwrap_or_default();
        return Err(ctx.error(
            Code::UnknownTrigger,
            name.to_string(),
            format!("trigger `{}`{on} does not exist", name.name),
            "check the name, or use IF EXISTS",
        ));
    };
    ctx.schema.triggers.remove(&key);
    ctx.touch(
        Touch::Drop,
        ObjectRef::part(ObjectKind::Trigger, &key.table, &key.name),
    );
    Ok(())
}

/// PostgreSQL `COMMENT ON TRIGGER name ON table IS ...`; an empty comment removes it.
pub fn comment(ctx: &mut Ctx, c: &TriggerComment) -> Result<(), Diagnostic> {
    let name = ctx.name(&c.name);
    let table = relation(ctx, &ctx.name(&c.table))?;
    let Some(key) = find(ctx, &name, Some(&table)) else {
        return Err(ctx.error(
            Code::UnknownTrigger,
            name.to_string(),
            format!("trigger `{}` on `{table}` does not exist", name.name),
            "check the name and the table",
        ));
    };
    if let Some(t) = ctx.schema.triggers.get_mut(&key) {
        t.comment = c.comment.clone().filter(|t| !t.is_empty());
    }
    ctx.touch(
        Touch::Alter,
        ObjectRef::part(ObjectKind::Trigger, &key.table, &key.name),
    );
    Ok(())
}

/// Forgets the triggers of tables and views that no longer exist: dropping a relation drops
/// its triggers in every dialect.
pub fn prune(ctx: &mut Ctx) {
    let gone: Vec<TriggerKey> = ctx
        .schema
        .triggers
        .keys()
        .filter(|k| {
            !ctx.schema.tables.contains_key(&k.table) && !ctx.schema.views.contains_key(&k.table)
        })
        .cloned()
        .collect();
    for k in gone {
        ctx.schema.triggers.remove(&k);
        ctx.touch(
            Touch::Drop,
            ObjectRef::part(ObjectKind::Trigger, &k.table, &k.name),
        );
    }
}

/// Triggers follow a renamed table; the table name in their definition is rewritten, as
/// SQLite does in sqlite_master and as the other servers' catalogs show it.
pub fn follow_table_rename(ctx: &mut Ctx, old: &QualifiedName, new: &QualifiedName) {
    let dialect = ctx.dialect;
    let keys: Vec<TriggerKey> = ctx
        .schema
        .triggers
        .keys()
        .filter(|k| &k.table == old)
        .cloned()
        .collect();
    for k in keys {
        let Some(mut t) = ctx.schema.triggers.remove(&k) else {
            continue;
        };
        t.table = new.clone();
        if let Some(def) = retarget_trigger(dialect, &t.definition, &qname(dialect, new)) {
            t.definition = def;
        }
        ctx.schema.triggers.insert(t.key(), t);
    }
}
