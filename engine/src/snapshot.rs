//! The versioned JSON form of a `Schema`. Documented in `docs/schema-json.md`.

use crate::diag::{Code, Diagnostic};
use crate::model::Schema;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "waymark.schema";
/// Bump when the JSON shape changes incompatibly; `from_json` then migrates or refuses older ones.
pub const VERSION: u32 = 1;

/// A schema snapshot: the JSON that `load` and `from_rows` return and `recover` reads.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Snapshot"))]
pub(crate) struct Envelope {
    #[cfg_attr(feature = "schema", schemars(extend("const" = FORMAT)))]
    format: String,
    #[cfg_attr(feature = "schema", schemars(extend("const" = VERSION)))]
    version: u32,
    schema: Schema,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

pub fn to_json(schema: &Schema) -> String {
    let env = Envelope {
        format: FORMAT.into(),
        version: VERSION,
        schema: schema.clone(),
    };
    serde_json::to_string_pretty(&env).expect("schema serialises")
}

pub fn to_value(schema: &Schema) -> serde_json::Value {
    serde_json::json!({ "format": FORMAT, "version": VERSION, "schema": schema })
}

pub fn from_json(text: &str) -> Result<Schema, Diagnostic> {
    let invalid = |e: serde_json::Error| {
        Diagnostic::error(
            Code::InvalidSnapshot,
            format!("invalid schema snapshot: {e}"),
        )
        .at(Some(crate::diag::Location {
            line: e.line() as u64,
            column: e.column() as u64,
        }))
        .with_hint("a snapshot is the JSON that `snapshot::to_json` writes")
    };
    let header: Header = serde_json::from_str(text).map_err(invalid)?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(Diagnostic::error(
            Code::InvalidSnapshot,
            format!("not a schema snapshot: `format` must be \"{FORMAT}\""),
        ));
    }
    match header.version {
        Some(VERSION) => {}
        other => {
            return Err(Diagnostic::error(
                Code::UnsupportedSnapshotVersion,
                format!(
                "snapshot version {other:?} is not supported; this engine reads version {VERSION}"
            ),
            )
            .with_hint("write the snapshot again with this engine version"))
        }
    }
    let mut schema = serde_json::from_str::<Envelope>(text)
        .map_err(invalid)?
        .schema;
    // A hand-written snapshot may list keys in any order; equal schemas must compare equal.
    schema.tables.values_mut().for_each(|t| t.sort_members());
    Ok(schema)
}
