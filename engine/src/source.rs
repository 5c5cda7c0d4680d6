//! Where a schema comes from. Every operation that takes a schema (diff's "from" and "to",
//! drift checks, recovery) accepts any of these, so hosts pass data and never a connection.

use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::history::sql::DEFAULT_TABLE;
use crate::model::{QualifiedName, Schema};
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
    /// A JSON snapshot as `snapshot::to_json` writes it. `live`: it was introspected from a
    /// server, so the history table (`history_table`, default `waymark_migrations`) is left
    /// out, and a view that matches the other side in all but its text takes that side's
    /// text (servers print a view's SELECT in their own words).
    Snapshot {
        json: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        live: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        history_table: Option<String>,
    },
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
        SchemaSource::Snapshot {
            json,
            live,
            history_table,
        } => {
            let mut schema = crate::snapshot::from_json(json)?;
            if *live {
                let table = history_table.as_deref().unwrap_or(DEFAULT_TABLE);
                schema.tables.remove(&QualifiedName::bare(table));
            }
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

impl SchemaSource {
    /// Whether the schema was introspected from a server.
    pub fn is_live(&self) -> bool {
        matches!(self, SchemaSource::Snapshot { live: true, .. })
    }
}

/// Servers print a view's SELECT in their own words, so a live view that matches the expected
/// one in everything but its text takes the expected text. A change of view text alone cannot
/// be seen between a server and SQL text.
pub(crate) fn aligned(mut live: Schema, expected: &Schema) -> Schema {
    for (name, view) in live.views.iter_mut() {
        if let Some(e) = expected.views.get(name) {
            let mut same = e.clone();
            same.definition = view.definition.clone();
            if same == *view {
                view.definition = e.definition.clone();
            }
        }
    }
    live
}

/// Both sides, the live one (if just one is) aligned to the other.
pub(crate) fn aligned_pair(from: (Schema, bool), to: (Schema, bool)) -> (Schema, Schema) {
    match (from, to) {
        ((a, true), (b, false)) => (aligned(a, &b), b),
        ((a, false), (b, true)) => {
            let b = aligned(b, &a);
            (a, b)
        }
        ((a, _), (b, _)) => (a, b),
    }
}
