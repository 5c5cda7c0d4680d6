//! PostgreSQL storage parameters (`WITH (fillfactor = 70)` on a table or an index), as the
//! server keeps them in pg_class.reloptions: one `name=value` each, name and value in lower
//! case, a bare name meaning `true`. Sorted by name, so written order does not matter.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StorageParam {
    /// e.g. `fillfactor`, `autovacuum_enabled`, `toast.autovacuum_enabled`.
    pub name: String,
    /// The value as the server prints it, unquoted: `70`, `off`, `true`.
    pub value: String,
}

impl StorageParam {
    /// The canonical form of `name = value`; `None` is a bare name.
    pub fn new(name: &str, value: Option<&str>) -> Self {
        let value = value.map(|v| v.trim().trim_matches('\'').to_ascii_lowercase());
        StorageParam {
            name: name.trim().to_ascii_lowercase(),
            value: value.unwrap_or_else(|| "true".into()),
        }
    }

    /// One reloptions entry, `name=value`.
    pub fn from_reloption(entry: &str) -> Self {
        match entry.split_once('=') {
            Some((n, v)) => StorageParam::new(n, Some(v)),
            None => StorageParam::new(entry, None),
        }
    }
}
