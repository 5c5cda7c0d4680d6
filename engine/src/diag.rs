//! Diagnostics: every error and warning has a stable code, a message naming the object,
//! an optional hint and, for SQL input, a line:column.

use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $text:literal,)*) => {
        /// Stable, user-facing codes. The string form (`as_str`) is the contract; never reuse
        /// or rename one. docs/errors.md lists them all (a test checks it).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum Code {
            $($(#[doc = $doc])* #[serde(rename = $text)] $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    /// The SQL text could not be parsed.
    SyntaxError => "syntax-error",
    /// Byte input that is not valid UTF-8.
    InvalidUtf8 => "invalid-utf8",
    /// A statement the engine does not model (sequences, MySQL functions, ...).
    UnsupportedStatement => "unsupported-statement",
    /// A clause inside a supported statement that the engine does not model.
    UnsupportedClause => "unsupported-clause",
    /// A data statement (INSERT/UPDATE/DELETE): accepted, schema unchanged.
    DataStatement => "data-statement",
    /// SET or PRAGMA: session state only, the schema is unchanged.
    SessionStatement => "session-statement",
    /// PostgreSQL CREATE / ALTER SEQUENCE: sequences are not modelled, except as serial.
    SequenceStatement => "sequence-statement",
    /// Sequence options the server refuses (START outside MINVALUE..MAXVALUE, ...).
    InvalidSequenceOptions => "invalid-sequence-options",
    /// PostgreSQL: a partition's share of its parent's key or index (pg_dump writes them
    /// out, with ALTER INDEX ... ATTACH PARTITION): the parent's stands for it.
    PartitionMember => "partition-member",
    UnknownTable => "unknown-table",
    UnknownColumn => "unknown-column",
    UnknownIndex => "unknown-index",
    UnknownConstraint => "unknown-constraint",
    UnknownType => "unknown-type",
    UnknownView => "unknown-view",
    UnknownSchema => "unknown-schema",
    /// `DROP FUNCTION` of a function that does not exist, or a name that is not unique.
    UnknownFunction => "unknown-function",
    /// `DROP TRIGGER` of a trigger that does not exist.
    UnknownTrigger => "unknown-trigger",
    DuplicateTable => "duplicate-table",
    DuplicateColumn => "duplicate-column",
    DuplicateIndex => "duplicate-index",
    DuplicateConstraint => "duplicate-constraint",
    DuplicateType => "duplicate-type",
    DuplicateEnumValue => "duplicate-enum-value",
    /// `CREATE FUNCTION` of a name and argument types that exist, without `OR REPLACE`.
    DuplicateFunction => "duplicate-function",
    /// `CREATE TRIGGER` of a trigger name in use, without `OR REPLACE` / `IF NOT EXISTS`.
    DuplicateTrigger => "duplicate-trigger",
    /// `ALTER TYPE ... ADD VALUE ... BEFORE/AFTER` or `RENAME VALUE` naming a value the enum lacks.
    UnknownEnumValue => "unknown-enum-value",
    /// `CREATE SCHEMA` of a namespace that exists, without `IF NOT EXISTS`.
    DuplicateSchema => "duplicate-schema",
    /// `DROP EXTENSION` of an extension that is not installed.
    UnknownExtension => "unknown-extension",
    /// `CREATE EXTENSION` of an installed extension, without `IF NOT EXISTS`.
    DuplicateExtension => "duplicate-extension",
    /// The object still has dependents (e.g. dropping a table that a view reads).
    DependentObjects => "dependent-objects",
    InvalidSnapshot => "invalid-snapshot",
    UnsupportedSnapshotVersion => "unsupported-snapshot-version",
    InvalidIntrospectionRows => "invalid-introspection-rows",
    UnknownDialect => "unknown-dialect",
    InvalidMigration => "invalid-migration",
    // Migration history (engine/src/history).
    /// A migration id without a timestamp or sequence-number prefix.
    InvalidMigrationId => "invalid-migration-id",
    /// Timestamp ids and sequence-number ids in one history.
    MixedIdLayouts => "mixed-id-layouts",
    /// A history row whose checksum version this engine does not know.
    UnsupportedChecksumVersion => "unsupported-checksum-version",
    /// An applied migration whose file changed since.
    ChecksumMismatch => "checksum-mismatch",
    /// An applied migration without a local file.
    MissingLocally => "missing-locally",
    /// A migration that failed, with nothing of it left.
    MigrationFailed => "migration-failed",
    /// A migration that stopped after n of m statements.
    MigrationPartiallyApplied => "migration-partially-applied",
    /// A migration older than one already applied.
    OutOfOrder => "out-of-order",
    /// A late migration that does not commute with what ran after it.
    NonCommutative => "non-commutative",
    /// A late migration commutes, but columns end up in another order than id order gives.
    ColumnOrderDiffers => "column-order-differs",
    /// Two pending migrations from parallel branches change the same object.
    MigrationConflict => "migration-conflict",
    /// `depends_on` names a migration that does not exist.
    UnknownDependency => "unknown-dependency",
    /// `depends_on` lists form a cycle.
    DependencyCycle => "dependency-cycle",
    /// A baseline whose replaced migrations are not all applied.
    BaselineIncomplete => "baseline-incomplete",
    /// A history row that contradicts itself or another.
    InvalidAppliedRecord => "invalid-applied-record",
    /// Another deployer holds the migration lock.
    LockNotAcquired => "lock-not-acquired",
    // The API every binding calls (engine/src/api.rs).
    /// The input of an API operation is not JSON, or not the shape the operation takes.
    InvalidInput => "invalid-input",
    /// No API operation of that name.
    UnknownOperation => "unknown-operation",
    /// The engine panicked: a bug, reported instead of crashing the host.
    InternalError => "internal-error",
    // Recovery and down migrations (engine/src/recover).
    /// Recover or resolve asked for a migration whose record does not say it failed.
    MigrationNotFailed => "migration-not-failed",
    /// Down asked for a migration that is not applied.
    MigrationNotApplied => "migration-not-applied",
    /// The live schema is not what the statements that ran leave.
    SchemaDrift => "schema-drift",
    /// A down migration would leave something behind: an irreversible step, unmodelled SQL.
    DownIrreversible => "down-irreversible",
    // The command line (engine/src/cli).
    /// No command of that name.
    UnknownCommand => "unknown-command",
    /// An option the command does not take.
    UnknownOption => "unknown-option",
    /// A required argument, option or option value is missing.
    MissingArgument => "missing-argument",
    /// Arguments that contradict each other or do not read.
    InvalidArgument => "invalid-argument",
    /// A database URL with an unknown scheme or missing parts.
    InvalidDatabaseUrl => "invalid-database-url",
    /// The driver for the URL's database is not installed.
    MissingDriver => "missing-driver",
    /// The database refused a connection or a statement outside a migration.
    DatabaseError => "database-error",
    /// A file or folder named on the command line does not exist.
    FileNotFound => "file-not-found",
    /// Reading or writing a file failed.
    IoError => "io-error",
    /// A down or recovery would drop tables or columns that hold data.
    PreCheckFailed => "pre-check-failed",
    // Diff (engine/src/diff).
    /// A rename hint naming a table or column that is not there on its side.
    InvalidRenameHint => "invalid-rename-hint",
    /// A drop and an add that look like a rename, with no hint given.
    PossibleRename => "possible-rename",
    // Plan (engine/src/plan).
    /// Changes that each must run before another, in a loop: no order works.
    PlanCycle => "plan-cycle",
    /// A change the planner cannot express in this dialect (yet); the plan is refused.
    UnsupportedChange => "unsupported-change",
    // Hazards on plan steps: the prefix is the category.
    /// Drops a table and its rows.
    DataLossDropTable => "data-loss-drop-table",
    /// Drops a column and its values.
    DataLossDropColumn => "data-loss-drop-column",
    /// A type change that can lose precision, length or range.
    DataLossNarrowingType => "data-loss-narrowing-type",
    /// Removes an enum value that rows may hold.
    DataLossDropEnumValue => "data-loss-drop-enum-value",
    /// A NOT NULL column without a default, added to a table that may have rows.
    MayFailNotNull => "may-fail-not-null",
    /// SET NOT NULL fails if a row holds NULL.
    MayFailSetNotNull => "may-fail-set-not-null",
    /// A unique constraint or index fails on duplicate rows.
    MayFailUnique => "may-fail-unique",
    /// A check constraint fails on rows that violate it.
    MayFailCheck => "may-fail-check",
    /// A foreign key fails on rows without a parent.
    MayFailForeignKey => "may-fail-foreign-key",
    /// A type change whose cast can fail on existing values.
    /// A sequence's MAXVALUE lowered (MINVALUE raised when it counts down): fails once the
    /// sequence has counted past the new bound.
    MayFailSequenceBound => "may-fail-sequence-bound",
    MayFailCast => "may-fail-cast",
    /// The table is rewritten (Postgres type change or volatile default, MySQL COPY, SQLite rebuild).
    TableRewrite => "table-rewrite",
    /// A Postgres index build without CONCURRENTLY blocks writes for its duration.
    LongLockIndex => "long-lock-index",
    /// Validating a constraint scans the table under a lock.
    LongLockValidation => "long-lock-validation",
    /// A rename breaks application code still using the old name.
    BreaksAppRename => "breaks-app-rename",
    /// A drop breaks application code still using the object.
    BreaksAppDrop => "breaks-app-drop",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// 1-based line and column in the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Location {
    pub line: u64,
    pub column: u64,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The object concerned, e.g. `public.users.email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The migration the input came from, when replaying a history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            hint: None,
            object: None,
            location: None,
            migration: None,
        }
    }
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn with_object(mut self, object: impl Into<String>) -> Self {
        self.object = Some(object.into());
        self
    }
    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }
    pub fn in_migration(mut self, id: impl Into<String>) -> Self {
        self.migration = Some(id.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        write!(f, "{sev}[{}]: {}", self.code, self.message)?;
        if let Some(m) = &self.migration {
            write!(f, " in {m}")?;
        }
        if let Some(l) = &self.location {
            write!(f, " at {l}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}
