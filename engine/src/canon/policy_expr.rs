//! Policy expressions (PostgreSQL `USING` / `WITH CHECK`), normalised like every other
//! expression (`crate::canon::expr`) with one difference: a column cast to `text` keeps its
//! cast unless the column is `character varying` or `character`.
//!
//! The expression normaliser drops `col::text`, because PostgreSQL prints the implicit
//! coercion of a varchar column that way. On a column of another type (`tenant_id::text` on
//! a bigint) the cast carries meaning, and SQL rendered without it would not even compare
//! the same types. Both sides of a comparison (SQL and the catalog) pass through here, with
//! the columns of the policy's table.

use crate::canon::normalize_expr;
use crate::dialect::Dialect;
use crate::model::Column;
use sqlparser::ast::{visit_expressions_mut, DataType, Expr, Ident, ObjectName};
use sqlparser::parser::Parser;
use std::ops::ControlFlow;

/// `expr` normalised, with the casts to text that mean something kept.
pub fn normalize_policy_expr(expr: &Expr, columns: &[Column]) -> String {
    let mut e = expr.clone();
    let _ = visit_expressions_mut(&mut e, |x| {
        if let Expr::Cast {
            expr: inner,
            data_type,
            ..
        } = x
        {
            if matches!(data_type, DataType::Text) && !coerced_implicitly(inner, columns) {
                // Printed as `text` all the same, but not the type the normaliser drops.
                *data_type = DataType::Custom(ObjectName::from(vec![Ident::new("text")]), vec![]);
            }
        }
        ControlFlow::<()>::Continue(())
    });
    normalize_expr(Dialect::Postgres, &e)
}

/// `text` as the server printed it (`pg_get_expr`), normalised the same way; kept as printed
/// when it does not parse.
pub fn normalize_policy_text(text: &str, columns: &[Column]) -> String {
    let d = Dialect::Postgres.parser();
    let parsed = Parser::new(d.as_ref())
        .with_recursion_limit(crate::canon::expr::RECURSION_LIMIT)
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr());
    match parsed {
        Ok(e) => normalize_policy_expr(&e, columns),
        Err(_) => text.trim().to_string(),
    }
}

/// Whether `e` is a column of a character type, which PostgreSQL coerces to text by itself.
fn coerced_implicitly(e: &Expr, columns: &[Column]) -> bool {
    let id = match e {
        Expr::Nested(inner) => return coerced_implicitly(inner, columns),
        Expr::Identifier(id) => id,
        Expr::CompoundIdentifier(ids) => match ids.last() {
            Some(id) => id,
            None => return false,
        },
        _ => return false,
    };
    let name = crate::canon::ident(Dialect::Postgres, id);
    columns.iter().any(|c| {
        c.name == name
            && (c.data_type.starts_with("character varying")
                || c.data_type.starts_with("character(")
                || c.data_type == "character")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casts_of_non_character_columns_stay() {
        let cols = vec![
            Column::new("tenant_id", "bigint"),
            Column::new("email", "character varying(100)"),
        ];
        assert_eq!(
            normalize_policy_text(
                "((tenant_id)::text = current_setting('app.tenant_id'::text, true))",
                &cols
            ),
            "tenant_id::text = current_setting('app.tenant_id', true)"
        );
        assert_eq!(
            normalize_policy_text("((email)::text = 'a'::text)", &cols),
            "email = 'a'"
        );
    }
}
