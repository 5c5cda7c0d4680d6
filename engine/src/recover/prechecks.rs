//! Queries a host runs before a destructive recovery: each must return 0, or the step it
//! guards would drop rows or values someone wrote since.

use crate::dialect::Dialect;
use crate::diff::Change;
use crate::render::ddl::{is_literal, qname, quote};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PreCheck {
    /// `table users` or `column users.email`.
    pub object: String,
    pub message: String,
    /// One row, one column: a count that must be 0.
    pub sql: String,
}

/// One check per table or column that `changes` (in the order they run) drop.
pub(crate) fn pre_checks(dialect: Dialect, changes: &[Change]) -> Vec<PreCheck> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::DropTable { table } => Some(PreCheck {
                object: format!("table {}", table.name),
                message: format!("table {} must be empty: the recovery drops it", table.name),
                sql: format!("SELECT COUNT(*) AS count FROM {}", qname(dialect, &table.name)),
            }),
            Change::DropColumn { table, column, .. } => Some(PreCheck {
                object: format!("column {table}.{}", column.name),
                message: format!(
                    "column {table}.{} must hold nothing but NULLs and its default: the recovery drops it",
                    column.name
                ),
                sql: {
                    let col = quote(dialect, &column.name);
                    // Values the default filled in are nobody's data.
                    let filled = match &column.default {
                        Some(d) if is_literal(d) => format!(" AND {col} <> {d}"),
                        _ => String::new(),
                    };
                    format!(
                        "SELECT COUNT(*) AS count FROM {} WHERE {col} IS NOT NULL{filled}",
                        qname(dialect, table),
                    )
                },
            }),
            _ => None,
        })
        .collect()
}
