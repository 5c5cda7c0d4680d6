//! CREATE TABLE.

use super::columns;
use super::constraints::{self, Constraint};
use super::ctx::{Ctx, Touch};
use super::table_options;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::ObjectRef;
use crate::model::{QualifiedName, Table};
use sqlparser::ast::{CommentDef, CreateTable, CreateTableOptions, SqlOption};

pub fn apply(ctx: &mut Ctx, ct: &CreateTable) -> Result<(), Diagnostic> {
    let name = ctx.name(&ct.name);
    let label = name.to_string();
    if ct.temporary {
        // Temporary tables live in the session, not in the schema.
        ctx.unsupported_statement("CREATE TEMPORARY TABLE");
        return Ok(());
    }
    let partition = match (&ct.partition_of, &ct.for_values) {
        (Some(parent), Some(bound))
            if ctx.dialect == Dialect::Postgres
                && ct.columns.is_empty()
                && ct.constraints.is_empty() =>
        {
            Some((ctx.name(parent), bound))
        }
        (None, _) => None,
        _ => {
            ctx.unsupported_statement("CREATE TABLE ... PARTITION OF with columns or constraints");
            return Ok(());
        }
    };
    if ct.query.is_some() || ct.like.is_some() || ct.clone.is_some() {
        ctx.unsupported_statement("CREATE TABLE ... AS/LIKE/CLONE");
        return Ok(());
    }
    if ctx.table_exists_or_view(&name) {
        if ct.if_not_exists {
            return Ok(());
        }
        return Err(ctx.error(
            Code::DuplicateTable,
            label.clone(),
            format!("table `{label}` already exists"),
            "use CREATE TABLE IF NOT EXISTS, or drop the table first",
        ));
    }
    require_namespace(ctx, &name)?;
    let (mut table_options, unsupported) = table_options::from_create(ctx, ct, options(ct));
    if ctx.dialect == Dialect::Postgres {
        if let Some(key) = &ct.partition_by {
            table_options.partition = Some(super::pg_partition::key(ctx, &label, key));
        }
        if let Some((parent, bound)) = &partition {
            let parent = ctx.find_table(parent).unwrap_or_else(|| parent.clone());
            table_options.partition_of = Some(super::pg_partition::partition_of(
                ctx, &name, &parent, bound,
            )?);
        }
    }
    warn_unmodelled(ctx, ct, &label, unsupported);

    let mut table = Table::new(name.clone());
    let mut pending: Vec<Constraint> = Vec::new();
    for def in &ct.columns {
        let mut spec = columns::column(ctx, &name, def)?;
        let col_label = format!("{name}.{}", spec.column.name);
        let table_collation = table_options
            .collation
            .clone()
            .or(ctx.schema.default_collation.clone());
        table_options::resolve_column(ctx, &mut spec, table_collation.as_deref(), &col_label);
        if table
            .columns
            .iter()
            .any(|c| ctx.same_column(&c.name, &spec.column.name))
        {
            return Err(duplicate_column(ctx, &name, &spec.column.name));
        }
        table.columns.push(spec.column);
        pending.extend(spec.constraints);
    }
    for tc in &ct.constraints {
        pending.extend(constraints::from_table_constraint(ctx, tc, &name));
    }
    // Foreign keys last: MySQL only adds an index for one when no declared index covers it.
    let (fks, others): (Vec<_>, Vec<_>) = pending.into_iter().partition(Constraint::is_foreign_key);
    for c in others.into_iter().chain(fks) {
        constraints::add(ctx, &mut table, c)?;
    }
    table.comment = table_comment(ct);
    table.options = table_options;
    match ctx.dialect {
        Dialect::Mysql => {
            table_options::settle(&mut table, ctx.schema.default_collation.as_deref())
        }
        Dialect::Sqlite => table_options::sqlite_after_create(&mut table, &ct.columns),
        Dialect::Postgres => {}
    }
    table.sort_members();
    ctx.schema.tables.insert(name.clone(), table);
    ctx.touch(Touch::Create, ObjectRef::table(&name));
    Ok(())
}

pub fn duplicate_column(ctx: &Ctx, table: &QualifiedName, col: &str) -> Diagnostic {
    ctx.error(
        Code::DuplicateColumn,
        format!("{table}.{col}"),
        format!("column `{col}` of table `{table}` already exists"),
        "choose another column name",
    )
}

/// Postgres tables may only go into schemas created before.
pub fn require_namespace(ctx: &Ctx, name: &QualifiedName) -> Result<(), Diagnostic> {
    match &name.schema {
        Some(s) if ctx.dialect == Dialect::Postgres && !ctx.schema.namespaces.contains(s) => {
            Err(ctx.error(
                Code::UnknownSchema,
                s.clone(),
                format!("schema `{s}` does not exist (creating `{name}`)"),
                "add CREATE SCHEMA before this statement",
            ))
        }
        _ => Ok(()),
    }
}

fn options(ct: &CreateTable) -> &[SqlOption] {
    match &ct.table_options {
        CreateTableOptions::None => &[],
        CreateTableOptions::With(o)
        | CreateTableOptions::Options(o)
        | CreateTableOptions::Plain(o)
        | CreateTableOptions::TableProperties(o) => o,
    }
}

fn comment_text(c: &CommentDef) -> String {
    match c {
        CommentDef::WithEq(s) | CommentDef::WithoutEq(s) => s.clone(),
    }
}

fn table_comment(ct: &CreateTable) -> Option<String> {
    ct.comment
        .as_ref()
        .map(comment_text)
        .or_else(|| {
            options(ct).iter().find_map(|o| match o {
                SqlOption::Comment(c) => Some(comment_text(c)),
                _ => None,
            })
        })
        .filter(|c| !c.is_empty())
}

/// One warning for the table-level clauses the model leaves out.
fn warn_unmodelled(ctx: &mut Ctx, ct: &CreateTable, label: &str, mut clauses: Vec<String>) {
    if let (Some(p), false) = (&ct.partition_by, ctx.dialect == Dialect::Postgres) {
        clauses.push(format!("PARTITION BY {p}"));
    }
    if let Some(i) = &ct.inherits {
        clauses.push(format!("INHERITS ({} tables)", i.len()));
    }
    if ct.without_rowid && ctx.dialect != Dialect::Sqlite {
        clauses.push("WITHOUT ROWID".into());
    }
    if ct.strict && ctx.dialect != Dialect::Sqlite {
        clauses.push("STRICT".into());
    }
    if ct.unlogged {
        clauses.push("UNLOGGED".into());
    }
    if ct.on_commit.is_some() {
        clauses.push("ON COMMIT".into());
    }
    if !clauses.is_empty() {
        ctx.unsupported_clause(&clauses.join(", "), label);
    }
}
