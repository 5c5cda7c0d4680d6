//! Migration history: ids and their order, checksums, the state of every migration, ordering
//! policies (strict, permissive, commutative), conflicts between pending migrations from
//! parallel branches, the deploy plan and baselines. All pure: the host reads the migration
//! files and the history table's rows and passes them in. JSON shapes: `docs/history.md`.

// `Diagnostic` is the engine's one error type, returned by value everywhere; boxing it here
// alone would make this module's API differ from the rest of the engine.

pub mod baseline;
pub mod checksum;
pub mod conflicts;
pub mod deploy;
pub mod ids;
pub mod policy;
pub mod sql;
pub mod status;

pub(crate) mod index;
mod overlap;

pub use baseline::{baseline, BaselinePlan};
pub use checksum::{checksum, Checksum, CHECKSUM_VERSION};
pub use conflicts::{conflicts, Conflict};
pub use deploy::{
    deploy_plan, prelude, DeployOptions, DeployPlan, PlannedMigration, PlannedStatement, Prelude,
};
pub use ids::{sort_ids, IdLayout, MigrationId};
pub use policy::OrderingPolicy;
pub use sql::{HistoryTable, Lock};
pub use status::{status, State, Status, StatusEntry};

use crate::dialect::Dialect;
use serde::{Deserialize, Serialize};

/// The marker that opts a migration out of its transaction, in a comment before the first
/// statement (for `CREATE INDEX CONCURRENTLY`, `ALTER TYPE ... ADD VALUE` on old servers, ...).
pub const NO_TRANSACTION_MARKER: &str = "waymark:no-transaction";

/// One migration as the host read it from disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocalMigration {
    /// `20231109120000_add_users` or `0001_init`: see `ids` for the sorting rule.
    pub id: String,
    /// A display name; empty means the part of the id after its prefix.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub sql: String,
    /// Migrations that must run before this one, besides the order of the ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// The hand-written down migration, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub down: Option<String>,
    /// Run without a transaction. Also set by a leading `-- waymark:no-transaction` comment.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_transaction: bool,
    /// For a baseline: the migrations it replaces (squashes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

impl LocalMigration {
    pub fn new(id: impl Into<String>, sql: impl Into<String>) -> Self {
        LocalMigration {
            id: id.into(),
            name: String::new(),
            sql: sql.into(),
            depends_on: Vec::new(),
            down: None,
            no_transaction: false,
            replaces: Vec::new(),
        }
    }

    /// True when the migration opts out of its transaction, by the field or by the marker in
    /// one of the comment lines before its first statement.
    pub fn wants_no_transaction(&self) -> bool {
        self.no_transaction || has_no_transaction_marker(&self.sql)
    }

    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            ids::name_part(&self.id)
        } else {
            &self.name
        }
    }
}

/// Looks only at the leading `--` comment lines (and blank lines): a marker further down, e.g.
/// inside a string, must not change how the whole migration runs.
pub fn has_no_transaction_marker(sql: &str) -> bool {
    for line in sql.trim_start_matches('\u{feff}').lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match line.strip_prefix("--") {
            Some(comment) if comment.trim() == NO_TRANSACTION_MARKER => return true,
            Some(_) => continue,
            None => return false,
        }
    }
    false
}

/// What the history table says about a migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    Applied,
    Failed,
    RolledBack,
    /// Started and not finished: interrupted, or still running on another connection.
    Running,
}

impl RecordStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordStatus::Applied => "applied",
            RecordStatus::Failed => "failed",
            RecordStatus::RolledBack => "rolled_back",
            RecordStatus::Running => "running",
        }
    }
}

/// One row of the history table, as the host read it. Times are strings because the engine
/// has no clock: it keeps what the database wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AppliedRecord {
    pub id: String,
    pub checksum: String,
    #[serde(
        default = "default_checksum_version",
        deserialize_with = "lenient::u32"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "lenient::NumberOrText"))]
    pub checksum_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::u32")]
    #[cfg_attr(feature = "schema", schemars(with = "lenient::NumberOrText"))]
    pub statements_total: u32,
    #[serde(default, deserialize_with = "lenient::u32")]
    #[cfg_attr(feature = "schema", schemars(with = "lenient::NumberOrText"))]
    pub statements_applied: u32,
    pub status: RecordStatus,
    /// The database's error text, for a failed migration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Set when a baseline replaced (squashed) this migration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
}

fn default_checksum_version() -> u32 {
    CHECKSUM_VERSION
}

/// Drivers that speak the text protocol (PostgreSQL's simple query, MySQL's text results)
/// hand integers over as strings; a host should not have to convert them.
mod lenient {
    use serde::{Deserialize, Deserializer};

    /// A count, as a number or as the text a driver gave.
    #[derive(Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[serde(untagged)]
    pub(super) enum NumberOrText {
        Number(u32),
        Text(String),
    }

    pub fn u32<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        match NumberOrText::deserialize(d)? {
            NumberOrText::Number(n) => Ok(n),
            NumberOrText::Text(t) => t
                .trim()
                .parse()
                .map_err(|_| serde::de::Error::custom(format!("expected a count, got `{t}`"))),
        }
    }
}

impl AppliedRecord {
    /// A record of a migration that ran to the end; handy in tests and for hosts importing an
    /// existing history.
    pub fn applied(migration: &LocalMigration) -> Self {
        let sum = checksum(&migration.sql);
        AppliedRecord {
            id: migration.id.clone(),
            checksum: sum.value,
            checksum_version: sum.version,
            started_at: None,
            finished_at: None,
            statements_total: 0,
            statements_applied: 0,
            status: RecordStatus::Applied,
            error: None,
            replaced_by: None,
        }
    }
}

/// Everything the history functions look at: the dialect, the migrations on disk and the rows
/// of the history table, in any order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct History {
    pub dialect: Dialect,
    #[serde(default)]
    pub local: Vec<LocalMigration>,
    #[serde(default)]
    pub applied: Vec<AppliedRecord>,
}

impl History {
    pub fn new(dialect: Dialect, local: Vec<LocalMigration>, applied: Vec<AppliedRecord>) -> Self {
        History {
            dialect,
            local,
            applied,
        }
    }
}
