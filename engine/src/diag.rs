//! Diagnostics: every error and warning has a stable code, a message naming the object,
//! an optional hint and, for SQL input, a line:column.

use serde::{Deserialize, Serialize};

/// Stable, user-facing codes. The string form (`as_str`) is the contract; never reuse one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// The SQL text could not be parsed.
    SyntaxError,
    /// The input was empty where SQL or JSON was required... (empty SQL is a valid empty schema).
    InvalidUtf8,
    /// A statement the engine does not model (triggers, functions, grants, ...).
    UnsupportedStatement,
    /// A clause inside a supported statement that the engine does not model.
    UnsupportedClause,
    /// A data statement (INSERT/UPDATE/DELETE): accepted, schema unchanged.
    DataStatement,
    UnknownTable,
    UnknownColumn,
    UnknownIndex,
    UnknownConstraint,
    UnknownType,
    UnknownView,
    UnknownSchema,
    DuplicateTable,
    DuplicateColumn,
    DuplicateIndex,
    DuplicateConstraint,
    DuplicateType,
    DuplicateEnumValue,
    /// The object still has dependents (e.g. dropping a table that a view reads).
    DependentObjects,
    InvalidSnapshot,
    UnsupportedSnapshotVersion,
    InvalidIntrospectionRows,
    UnknownDialect,
    InvalidMigration,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::SyntaxError => "syntax-error",
            Code::InvalidUtf8 => "invalid-utf8",
            Code::UnsupportedStatement => "unsupported-statement",
            Code::UnsupportedClause => "unsupported-clause",
            Code::DataStatement => "data-statement",
            Code::UnknownTable => "unknown-table",
            Code::UnknownColumn => "unknown-column",
            Code::UnknownIndex => "unknown-index",
            Code::UnknownConstraint => "unknown-constraint",
            Code::UnknownType => "unknown-type",
            Code::UnknownView => "unknown-view",
            Code::UnknownSchema => "unknown-schema",
            Code::DuplicateTable => "duplicate-table",
            Code::DuplicateColumn => "duplicate-column",
            Code::DuplicateIndex => "duplicate-index",
            Code::DuplicateConstraint => "duplicate-constraint",
            Code::DuplicateType => "duplicate-type",
            Code::DuplicateEnumValue => "duplicate-enum-value",
            Code::DependentObjects => "dependent-objects",
            Code::InvalidSnapshot => "invalid-snapshot",
            Code::UnsupportedSnapshotVersion => "unsupported-snapshot-version",
            Code::InvalidIntrospectionRows => "invalid-introspection-rows",
            Code::UnknownDialect => "unknown-dialect",
            Code::InvalidMigration => "invalid-migration",
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// 1-based line and column in the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
