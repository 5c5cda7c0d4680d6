//! PostgreSQL EXCLUDE constraints: no two rows may match on every element's operator.
//! Ingested SQL and the server's `pg_get_constraintdef` go through the same reader
//! (`ingest::exclusion`), so both give the same model.

use super::{Deferrable, IndexPart};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Exclusion {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Index access method; `None` is btree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub elements: Vec<ExclusionElement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// WHERE clause, normalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    #[serde(default, skip_serializing_if = "super::is_default")]
    pub deferrable: Deferrable,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// One `part WITH operator` of an exclusion.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExclusionElement {
    pub part: IndexPart,
    /// The operator as written, e.g. `&&`, `=`, `OPERATOR(pg_catalog.=)`.
    pub operator: String,
}
