//! SQL for changes, one renderer per dialect. A renderer sees one change and both schemas
//! (the previous one with renames applied); it never reorders, that is the planner's job.

mod access;
pub(crate) mod ddl;
pub(crate) mod mysql;
pub(crate) mod mysql_alter;
mod pg_objects;
mod postgres;
pub(crate) mod rebuild;
pub(crate) mod routines;
mod sqlite;
mod table_options;

use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::diff::{summary, Change};
use crate::model::Schema;

pub(crate) struct Ctx<'a> {
    pub dialect: Dialect,
    pub previous: &'a Schema,
    pub next: &'a Schema,
    pub online: bool,
}

impl Ctx<'_> {
    /// The same context seen from the other side, to render a change's inverse.
    pub fn swapped(&self) -> Ctx<'_> {
        Ctx {
            dialect: self.dialect,
            previous: self.next,
            next: self.previous,
            online: self.online,
        }
    }
}

pub(crate) struct Rendered {
    pub statements: Vec<String>,
    /// False when the statements must not run inside a transaction block.
    pub transactional: bool,
}

impl Rendered {
    fn tx(statements: Vec<String>) -> Self {
        Rendered {
            statements,
            transactional: true,
        }
    }
}

pub(crate) fn change(change: &Change, ctx: &Ctx) -> Result<Rendered, Diagnostic> {
    match ctx.dialect {
        Dialect::Postgres => {
            postgres::render(change, ctx).and_then(|r| pg_objects::finish(change, ctx, r))
        }
        Dialect::Mysql => mysql::render(change, ctx).map(|statements| Rendered {
            statements,
            // MySQL commits implicitly around every DDL statement.
            transactional: false,
        }),
        Dialect::Sqlite => sqlite::render(change, ctx).map(Rendered::tx),
    }
}

/// The refusal for a change a dialect cannot express (yet).
pub(crate) fn unsupported(change: &Change, dialect: Dialect, why: &str) -> Diagnostic {
    let line = summary(std::slice::from_ref(change))
        .pop()
        .unwrap_or_default();
    let (table, part, _) = change.subject();
    let object = if part.is_empty() {
        table.to_string()
    } else {
        format!("{table}.{part}")
    };
    Diagnostic::error(
        Code::UnsupportedChange,
        format!("cannot plan `{line}` on {dialect}: {why}"),
    )
    .with_object(object)
    .with_hint("write this step by hand, or split the change into smaller ones")
}
