//! Table-level options: the storage engine and default collation of a MySQL/MariaDB table,
//! SQLite's STRICT and WITHOUT ROWID. Each is absent (or false) at the dialect's default, so a
//! table that states nothing has no options, in SQL, in JSON and on the server alike.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TableOptions {
    /// MySQL/MariaDB storage engine as the server names it (`MyISAM`, `MEMORY`, `Aria`);
    /// `None` is InnoDB, the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    /// MySQL/MariaDB default collation of the table (which implies its character set);
    /// `None` is the database's default. Columns that use it have no collation of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// SQLite `STRICT`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strict: bool,
    /// SQLite `WITHOUT ROWID`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub without_rowid: bool,
    /// `PARTITION BY ...` clause. MySQL/MariaDB: normalised (`ingest::partition::normalise`):
    /// keywords upper-case, names lower-case and unquoted where safe, spacing fixed.
    /// PostgreSQL: the partitioned table's key, `PARTITION BY RANGE ("at")` (names quoted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<String>,
    /// PostgreSQL: the table is a partition of `parent`. It holds no columns, keys or
    /// indexes of its own in the model: it has its parent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PartitionOf>,
    /// PostgreSQL storage parameters, `WITH (...)`, sorted by name; those of the TOAST
    /// table are prefixed `toast.`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storage: Vec<super::StorageParam>,
}

/// Where a PostgreSQL partition sits: its parent and its bound, as `pg_get_expr` prints it
/// (`FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')`, `FOR VALUES IN (1, 2)`,
/// `FOR VALUES WITH (modulus 4, remainder 0)`, `DEFAULT`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PartitionOf {
    pub parent: super::QualifiedName,
    pub bound: String,
}

impl TableOptions {
    pub fn is_default(&self) -> bool {
        *self == TableOptions::default()
    }
}

impl TableOptions {
    /// `engine InnoDB → MyISAM; strict false → true`: the options that differ from `next`.
    pub fn describe_change(&self, next: &TableOptions) -> String {
        let text = |v: &Option<String>, default: &str| v.clone().unwrap_or_else(|| default.into());
        let mut parts = Vec::new();
        if self.engine != next.engine {
            parts.push(format!(
                "engine {} → {}",
                text(&self.engine, "InnoDB"),
                text(&next.engine, "InnoDB")
            ));
        }
        if self.collation != next.collation {
            parts.push(format!(
                "collation {} → {}",
                text(&self.collation, "default"),
                text(&next.collation, "default")
            ));
        }
        if self.strict != next.strict {
            parts.push(format!("strict {} → {}", self.strict, next.strict));
        }
        if self.without_rowid != next.without_rowid {
            parts.push(format!(
                "without rowid {} → {}",
                self.without_rowid, next.without_rowid
            ));
        }
        if self.partition != next.partition {
            let p = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
            parts.push(format!(
                "partitioning {} → {}",
                p(&self.partition),
                p(&next.partition)
            ));
        }
        if self.partition_of != next.partition_of {
            let p = |v: &Option<PartitionOf>| {
                v.as_ref()
                    .map_or("none".into(), |p| format!("of {} {}", p.parent, p.bound))
            };
            parts.push(format!(
                "partition {} → {}",
                p(&self.partition_of),
                p(&next.partition_of)
            ));
        }
        if self.storage != next.storage {
            let p = |v: &[super::StorageParam]| {
                let items: Vec<String> = v
                    .iter()
                    .map(|s| format!("{}={}", s.name, s.value))
                    .collect();
                format!("({})", items.join(", "))
            };
            parts.push(format!(
                "storage parameters {} → {}",
                p(&self.storage),
                p(&next.storage)
            ));
        }
        parts.join("; ")
    }
}
