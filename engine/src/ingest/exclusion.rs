//! PostgreSQL EXCLUDE constraints, from CREATE/ALTER TABLE and from the server's
//! `pg_get_constraintdef` text (introspection), read the same way so that both compare equal.

use super::ctx::Ctx;
use super::index;
use crate::canon::{normalize_expr, opclass};
use crate::diag::Location;
use crate::dialect::Dialect;
use crate::model::{Exclusion, ExclusionElement, QualifiedName, Schema};
use sqlparser::ast::{ExcludeConstraint, TableConstraint};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// The model of an EXCLUDE constraint as written; the name is settled when it is added.
pub fn read(ctx: &mut Ctx, x: &ExcludeConstraint, table: &QualifiedName) -> Exclusion {
    let method = (x.index_method.as_ref())
        .map(|m| ctx.ident(m))
        .filter(|m| m != "btree");
    let elements = (x.elements.iter())
        .map(|e| {
            let mut part = index::part(ctx, &e.column, table);
            part.opclass = opclass::canonical(method.as_deref(), part.opclass.take());
            ExclusionElement {
                part,
                operator: e.operator.to_string(),
            }
        })
        .collect();
    Exclusion {
        name: x.name.as_ref().map(|n| ctx.ident(n)),
        method,
        elements,
        include: x.include.iter().map(|i| ctx.ident(i)).collect(),
        predicate: (x.where_clause.as_deref()).map(|w| normalize_expr(ctx.dialect, w)),
        deferrable: super::constraints::deferrable(x.characteristics.as_ref()),
        comment: None,
    }
}

/// The exclusion `name` from `pg_get_constraintdef` text; `None` if it does not read as one.
pub fn from_definition(name: &str, definition: &str) -> Option<Exclusion> {
    let mut parser = Parser::new(&PostgreSqlDialect {})
        .try_with_sql(definition)
        .ok()?;
    let Ok(Some(TableConstraint::Exclude(x))) = parser.parse_optional_table_constraint() else {
        return None;
    };
    let mut scratch = Schema::empty(Dialect::Postgres);
    let mut owners = super::sequence::Owners::default();
    let mut ctx = Ctx::new(&mut scratch, &mut owners, Location { line: 1, column: 1 });
    let mut out = read(&mut ctx, &x, &QualifiedName::bare("introspected"));
    out.name = Some(name.to_string());
    Some(out)
}

/// The names Postgres gives an unnamed exclusion's columns: its elements', then INCLUDE's.
pub fn name_columns(x: &Exclusion) -> Vec<String> {
    let elements = x.elements.iter().map(|e| index::pg_name_part(&e.part));
    elements.chain(x.include.iter().cloned()).collect()
}
