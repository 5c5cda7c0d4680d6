//! SQL DDL ingestion: applies SQL text to a `Schema` in memory, as the server would.
//!
//! Each statement is parsed once (see `parse`), then handed to the module for its kind. The
//! handlers canonicalise names, types and expressions (`crate::canon`) so the result equals what
//! introspecting the real database gives, and record what they touched in a `Footprint`.

mod access;
mod alter_table;
mod columns;
mod comment;
mod comment_on;
pub(crate) mod constraints;
mod copy_data;
mod create_table;
mod ctx;
mod do_block;
mod do_exists;
mod domain;
mod drop;
mod drop_column;
mod dump;
pub(crate) mod exclusion;
mod extension;
mod fk_index;
mod function;
mod identity_options;
mod index;
mod mysql_text;
mod national;
mod parse;
pub(crate) mod partition;
mod pg_objects;
pub(crate) mod pg_partition;
mod rename;
mod routine;
mod sequence;
mod sequence_options;
mod session;
mod source;
mod storage;
mod table_options;
pub(crate) mod tokens;
mod trigger;
mod types_enum;
mod view;

use crate::diag::{Code, Diagnostic, Location, Severity};
use crate::dialect::Dialect;
use crate::footprint::Footprint;
use crate::model::{QualifiedName, Schema, Table};
use ctx::Ctx;
use parse::Parsed;
use serde::Serialize;
use sqlparser::ast::Statement;

/// What kind of statement a piece of SQL was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// Changes the schema (or would, had it not failed).
    Ddl,
    /// INSERT/UPDATE/DELETE/SELECT...: accepted, schema unchanged.
    Data,
    /// Not modelled; reported with an `unsupported-statement` warning.
    Unsupported,
    /// SET, PRAGMA: session state only; reported with a `session-statement` note.
    Session,
}

/// One statement of the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementInfo {
    /// The exact source text, without the terminating semicolon.
    pub text: String,
    /// Where the statement's first token starts.
    pub start: Location,
    /// Just past the statement's last token.
    pub end: Location,
    pub kind: StatementKind,
    pub footprint: Footprint,
    pub diagnostics: Vec<Diagnostic>,
}

/// The result of applying SQL to a schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    pub statements: Vec<StatementInfo>,
    /// Every diagnostic of every statement, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// The statements' footprints merged.
    pub footprint: Footprint,
}

/// Applies `sql` to `schema`. On error, `schema` holds the effect of the statements before the
/// failing one (like a server without transactional DDL); callers that need all-or-nothing
/// clone first.
pub fn apply_sql(schema: &mut Schema, sql: &str) -> Result<Applied, Diagnostic> {
    let dialect = schema.dialect;
    let mut out = Applied {
        statements: Vec::new(),
        diagnostics: Vec::new(),
        footprint: Footprint::default(),
    };
    let mut statements = parse::Statements::new(dialect, sql)?;
    let mut owners = sequence::Owners::default();
    while let Some(item) = statements.next_statement()? {
        let mut ctx = Ctx::new(schema, &mut owners, item.start);
        let kind = apply_one(&mut ctx, &item.parsed)?;
        let Ctx { diags, fp, .. } = ctx;
        out.diagnostics.extend(diags.iter().cloned());
        out.footprint.merge(fp.clone());
        out.statements.push(StatementInfo {
            text: item.text.to_string(),
            start: item.start,
            end: item.end,
            kind,
            footprint: fp,
            diagnostics: diags,
        });
    }
    out.diagnostics.extend(owners.standalone());
    Ok(out)
}

/// Like `apply_sql`, for bytes that may not be UTF-8.
pub fn apply_bytes(schema: &mut Schema, sql: &[u8]) -> Result<Applied, Diagnostic> {
    let text = source::utf8(sql)?;
    apply_sql(schema, text)
}

/// Builds a schema from DDL, starting from an empty one.
pub fn parse_schema(dialect: Dialect, sql: &str) -> Result<(Schema, Vec<Diagnostic>), Diagnostic> {
    let mut schema = Schema::empty(dialect);
    let applied = apply_sql(&mut schema, sql)?;
    Ok((schema, applied.diagnostics))
}

/// Splits SQL into statements: (exact text, start, end), without applying them.
pub fn split_statements(
    dialect: Dialect,
    sql: &str,
) -> Result<Vec<(String, Location, Location)>, Diagnostic> {
    let mut statements = parse::Statements::new(dialect, sql)?;
    let mut out = Vec::new();
    while let Some(item) = statements.next_statement()? {
        // The mysql client's DELIMITER is no statement for the server.
        if matches!(&item.parsed, Parsed::Session(s) if s == "DELIMITER") {
            continue;
        }
        out.push((item.text.to_string(), item.start, item.end));
    }
    Ok(out)
}

fn apply_one(ctx: &mut Ctx, parsed: &Parsed) -> Result<StatementKind, Diagnostic> {
    let stmt = match parsed {
        Parsed::AlterTable(a) => {
            alter_table::apply(ctx, a)?;
            return Ok(StatementKind::Ddl);
        }
        Parsed::Session(what) => {
            session::note(ctx, what);
            return Ok(StatementKind::Session);
        }
        Parsed::Routine(r) => {
            match r.as_ref() {
                routine::Routine::Function(f) => function::create(ctx, f)?,
                routine::Routine::Trigger(t) => trigger::create(ctx, t)?,
                routine::Routine::FunctionComment(c) => function::comment(ctx, c)?,
                routine::Routine::TriggerComment(c) => trigger::comment(ctx, c)?,
                routine::Routine::Unsupported(what) => {
                    ctx.unsupported_statement(what);
                    return Ok(StatementKind::Unsupported);
                }
            }
            return Ok(StatementKind::Ddl);
        }
        Parsed::Pg(s) => return pg_objects::apply(ctx, s),
        Parsed::Sequence(s) => return sequence::apply(ctx, s),
        Parsed::Do(d) => return do_block::apply(ctx, d),
        Parsed::Partitioned(s, clause) => {
            let Statement::CreateTable(ct) = s.as_ref() else {
                unreachable!("only CREATE TABLE is read with PARTITION BY")
            };
            let name = ctx.name(&ct.name);
            let existed = ctx.schema.tables.contains_key(&name);
            create_table::apply(ctx, ct)?;
            if !existed {
                if let Some(t) = ctx.schema.tables.get_mut(&name) {
                    t.options.partition = Some(clause.clone());
                }
            }
            return Ok(StatementKind::Ddl);
        }
        Parsed::Std(s) => s.as_ref(),
    };
    match stmt {
        Statement::CreateTable(ct) => create_table::apply(ctx, ct)?,
        Statement::CreateIndex(ci) => index::create(ctx, ci)?,
        Statement::Drop {
            object_type,
            if_exists,
            names,
            cascade,
            table,
            ..
        } => drop::apply(
            ctx,
            drop::DropArgs {
                object_type: *object_type,
                if_exists: *if_exists,
                names,
                cascade: *cascade,
                table: table.as_ref(),
            },
        )?,
        Statement::RenameTable(renames) => {
            for r in renames {
                rename::rename_table_statement(ctx, &r.old_name, &r.new_name)?;
            }
        }
        Statement::AlterIndex { name, operation } => index::alter(ctx, name, operation)?,
        Statement::CreateType {
            name,
            representation,
        } => types_enum::create(ctx, name, representation.as_ref())?,
        Statement::AlterType(at) => types_enum::alter(ctx, at)?,
        Statement::CreateSchema {
            schema_name,
            if_not_exists,
            ..
        } => drop::create_schema(ctx, schema_name, *if_not_exists)?,
        Statement::CreateView(cv) => view::create(ctx, cv)?,
        Statement::DropTrigger(d) => trigger::drop(ctx, d)?,
        Statement::DropDomain(d) if ctx.dialect == Dialect::Postgres => domain::drop(
            ctx,
            &d.name,
            d.if_exists,
            d.drop_behavior == Some(sqlparser::ast::DropBehavior::Cascade),
        )?,
        Statement::DropExtension(d) if ctx.dialect == Dialect::Postgres => {
            extension::drop(ctx, &d.names, d.if_exists)?
        }
        Statement::DropFunction(d) if ctx.dialect == Dialect::Postgres => {
            function::drop(ctx, false, d.if_exists, &d.func_desc, d.drop_behavior)?
        }
        Statement::DropProcedure {
            if_exists,
            proc_desc,
            drop_behavior,
        } if ctx.dialect == Dialect::Postgres => {
            function::drop(ctx, true, *if_exists, proc_desc, *drop_behavior)?
        }
        Statement::Grant(g) if ctx.dialect == Dialect::Postgres => return access::grant(ctx, g),
        Statement::Revoke(r) if ctx.dialect == Dialect::Postgres => return access::revoke(ctx, r),
        Statement::CreatePolicy(p) if ctx.dialect == Dialect::Postgres => {
            return access::create_policy(ctx, p)
        }
        Statement::DropPolicy(d) if ctx.dialect == Dialect::Postgres => {
            return access::drop_policy(ctx, d)
        }
        Statement::AlterPolicy(a) if ctx.dialect == Dialect::Postgres => {
            return access::alter_policy(ctx, a)
        }
        Statement::Comment {
            object_type,
            object_name,
            comment,
            if_exists,
        } => comment::apply(
            ctx,
            *object_type,
            object_name,
            comment.as_deref(),
            *if_exists,
        )?,
        Statement::Insert(_)
        | Statement::Update(_)
        | Statement::Delete(_)
        | Statement::Query(_)
        | Statement::Merge(_)
        | Statement::Copy { .. }
        | Statement::Truncate(_) => {
            ctx.diags.push(
                Diagnostic::new(
                    Code::DataStatement,
                    Severity::Info,
                    format!("data statement: {}", statement_label(stmt)),
                )
                .with_hint("data statements do not change the schema")
                .at(Some(ctx.loc)),
            );
            return Ok(StatementKind::Data);
        }
        Statement::Set(_) | Statement::LockTables { .. } | Statement::UnlockTables => {
            session::note(ctx, &statement_label(stmt));
            return Ok(StatementKind::Session);
        }
        other => {
            ctx.unsupported_statement(&statement_label(other));
            return Ok(StatementKind::Unsupported);
        }
    }
    Ok(StatementKind::Ddl)
}

/// The leading keywords of a statement, e.g. `CREATE TRIGGER`, for messages.
fn statement_label(stmt: &Statement) -> String {
    let text = stmt.to_string();
    let mut words = text
        .split_whitespace()
        .take_while(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '_'));
    let Some(first) = words.next() else {
        return "statement".into();
    };
    if !matches!(first, "CREATE" | "ALTER" | "DROP") {
        return first.to_string();
    }
    // Skip modifiers so `CREATE OR REPLACE FUNCTION` reads `CREATE FUNCTION`.
    const MODIFIERS: &[&str] = &[
        "OR",
        "REPLACE",
        "TEMPORARY",
        "TEMP",
        "UNIQUE",
        "IF",
        "NOT",
        "EXISTS",
    ];
    match words.find(|w| !MODIFIERS.contains(w)) {
        Some(object) => format!("{first} {object}"),
        None => first.to_string(),
    }
}

/// Runs `f` on table `key`, taken out of the schema so `f` can read the other tables while it
/// changes this one. The table goes back under its (possibly new) name, its lists in canonical
/// order; on error the original goes back, so a failed statement leaves no half-change behind.
fn with_table<R>(
    ctx: &mut Ctx,
    key: &QualifiedName,
    f: impl FnOnce(&mut Ctx, &mut Table) -> Result<R, Diagnostic>,
) -> Result<R, Diagnostic> {
    with_table_as(ctx, key, Rollback::Copy, f)
}

/// Whether `with_table` keeps a copy to restore on error. Handlers that check everything
/// before their only change skip the copy (it adds up on large dumps).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rollback {
    Copy,
    NotNeeded,
}

fn with_table_as<R>(
    ctx: &mut Ctx,
    key: &QualifiedName,
    rollback: Rollback,
    f: impl FnOnce(&mut Ctx, &mut Table) -> Result<R, Diagnostic>,
) -> Result<R, Diagnostic> {
    let Some(mut t) = ctx.schema.tables.remove(key) else {
        return Err(ctx.require_table(key).unwrap_err());
    };
    let original = (rollback == Rollback::Copy).then(|| t.clone());
    match f(ctx, &mut t) {
        Ok(r) => {
            if ctx.dialect == Dialect::Mysql {
                table_options::settle(&mut t, ctx.schema.default_collation.as_deref());
            }
            t.sort_members();
            ctx.schema.tables.insert(t.name.clone(), t);
            Ok(r)
        }
        Err(e) => {
            ctx.schema.tables.insert(key.clone(), original.unwrap_or(t));
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests;
