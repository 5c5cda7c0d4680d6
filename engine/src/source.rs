//! Where a schema comes from. Every operation that takes a schema (diff's "from" and "to",
//! drift checks, recovery) accepts any of these, so hosts pass data and never a connection.

use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::model::Schema;
use crate::replay::{replay, Migration};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SchemaSource {
    /// Nothing: a new database.
    Empty,
    /// SQL DDL text.
    Sql { sql: String },
    /// A JSON snapshot as `snapshot::to_json` writes it.
    Snapshot { json: String },
    /// A migration history, replayed in memory.
    History { migrations: Vec<Migration> },
}

/// The schema a source describes, with the notes its SQL produced (unsupported statements and
/// the like; the caller decides whether they are errors).
pub fn load(
    dialect: Dialect,
    source: &SchemaSource,
) -> Result<(Schema, Vec<Diagnostic>), Diagnostic> {
    match source {
        SchemaSource::Empty => Ok((Schema::empty(dialect), Vec::new())),
        SchemaSource::Sql { sql } => crate::ingest::parse_schema(dialect, sql),
        SchemaSource::Snapshot { json } => {
            let schema = crate::snapshot::from_json(json)?;
            if schema.dialect != dialect {
                return Err(Diagnostic::error(
                    Code::InvalidSnapshot,
                    format!(
                        "the snapshot is a {} schema, but {dialect} was asked for",
                        schema.dialect
                    ),
                )
                .with_hint("take the snapshot from a database of the same dialect"));
            }
            Ok((schema, Vec::new()))
        }
        SchemaSource::History { migrations } => {
            let r = replay(dialect, migrations)?;
            let notes = r
                .migrations
                .into_iter()
                .flat_map(|m| m.diagnostics)
                .collect();
            Ok((r.schema, notes))
        }
    }
}
