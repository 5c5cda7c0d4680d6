//! Dialects and their capability table. The planner asks this table instead of
//! branching on the dialect in scattered places.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

/// What a dialect can do; consulted by ingestion, canonicalisation and (later) planning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    pub transactional_ddl: bool,
    pub rename_column: bool,
    pub drop_column: bool,
    /// ALTER COLUMN TYPE / SET NOT NULL etc. SQLite needs a table rebuild instead.
    pub alter_column: bool,
    pub concurrent_index: bool,
    pub enum_types: bool,
    pub schemas: bool,
    pub partial_index: bool,
    /// Longest identifier the server keeps; longer names are truncated (Postgres) or rejected.
    pub max_identifier_len: usize,
}

/// How unquoted identifiers are folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentCase {
    /// Postgres folds unquoted identifiers to lower case; quoted ones keep their case.
    FoldLower,
    /// MySQL and SQLite keep the spelling; table names on MySQL/Linux are case-sensitive,
    /// column names are not. We keep spelling and compare columns case-insensitively.
    Preserve,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite];

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    pub fn capabilities(self) -> Capabilities {
        match self {
            Dialect::Postgres => Capabilities {
                transactional_ddl: true,
                rename_column: true,
                drop_column: true,
                alter_column: true,
                concurrent_index: true,
                enum_types: true,
                schemas: true,
                partial_index: true,
                max_identifier_len: 63,
            },
            Dialect::Mysql => Capabilities {
                transactional_ddl: false,
                rename_column: true,
                drop_column: true,
                alter_column: true,
                concurrent_index: false,
                enum_types: false,
                schemas: false,
                partial_index: false,
                max_identifier_len: 64,
            },
            Dialect::Sqlite => Capabilities {
                transactional_ddl: true,
                rename_column: true,
                drop_column: true,
                alter_column: false,
                concurrent_index: false,
                enum_types: false,
                schemas: false,
                partial_index: true,
                max_identifier_len: usize::MAX,
            },
        }
    }

    pub fn ident_case(self) -> IdentCase {
        match self {
            Dialect::Postgres => IdentCase::FoldLower,
            Dialect::Mysql | Dialect::Sqlite => IdentCase::Preserve,
        }
    }

    /// The parser dialect used to read this dialect's SQL.
    pub fn parser(self) -> Box<dyn sqlparser::dialect::Dialect> {
        use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
        match self {
            Dialect::Postgres => Box::new(PostgreSqlDialect {}),
            Dialect::Mysql => Box::new(MySqlDialect {}),
            Dialect::Sqlite => Box::new(SQLiteDialect {}),
        }
    }
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Dialect {
    type Err = crate::diag::Diagnostic;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Ok(Dialect::Postgres),
            "mysql" | "mariadb" => Ok(Dialect::Mysql),
            "sqlite" | "sqlite3" => Ok(Dialect::Sqlite),
            _ => Err(crate::diag::Diagnostic::error(
                crate::diag::Code::UnknownDialect,
                format!("unknown dialect `{s}`"),
            )
            .with_hint("use one of: postgres, mysql, sqlite")),
        }
    }
}
