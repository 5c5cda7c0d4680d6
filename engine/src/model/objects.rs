//! PostgreSQL domains and extensions: database objects that are neither tables nor views.

use super::{Check, Keyed, Named, QualifiedName};
use serde::{Deserialize, Serialize};

/// A PostgreSQL domain: a base type with a default, NOT NULL and checks of its own. Columns
/// of the domain's type name it in `Column::data_type`, as they name an enum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Domain {
    #[serde(flatten)]
    pub name: QualifiedName,
    /// Canonical base type, spelled as a column's (`text`, `numeric(5,2)`, `integer[]`; an
    /// enum or another domain by name).
    #[serde(rename = "type")]
    pub data_type: String,
    /// Normalised default expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_null: bool,
    /// CHECK constraints, sorted by name. PostgreSQL names every one; an unnamed one is
    /// `<domain>_check`, then `<domain>_check1`, ... (free among the namespace's constraints).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// A collation other than the base type's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Domain {
    pub fn new(name: QualifiedName, data_type: impl Into<String>) -> Self {
        Domain {
            name,
            data_type: data_type.into(),
            default: None,
            not_null: false,
            checks: Vec::new(),
            collation: None,
            comment: None,
        }
    }

    /// Whether `data_type` (a column's or another domain's type, arrays included) is this
    /// domain.
    pub fn is_type_of(&self, data_type: &str) -> bool {
        let base = data_type.trim_end_matches("[]").replace('"', "");
        base == self.name.to_string()
    }
}

impl Named for Domain {
    fn key(&self) -> QualifiedName {
        self.name.clone()
    }
}

/// An installed PostgreSQL extension. Extensions are per database, not per schema; the
/// version is not part of the model (it follows the server's packages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Extension {
    pub name: String,
    /// The schema its objects live in; absent for the default namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

impl Keyed for Extension {
    type Key = String;
    fn map_key(&self) -> String {
        self.name.clone()
    }
}
