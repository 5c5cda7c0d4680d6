//! History replay: migrations applied in order to an empty schema, in memory. The rest of
//! the engine uses this instead of a shadow database.

use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::Footprint;
use crate::ingest;
use crate::model::Schema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One migration as the host read it: an id (e.g. `20231109120000_add_users`) and its SQL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Migration {
    pub id: String,
    pub sql: String,
}

impl Migration {
    pub fn new(id: impl Into<String>, sql: impl Into<String>) -> Self {
        Migration {
            id: id.into(),
            sql: sql.into(),
        }
    }
}

/// What replaying one migration did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Replayed {
    pub id: String,
    pub footprint: Footprint,
    /// Unsupported statements, data statements and other notes, each tagged with the migration.
    pub diagnostics: Vec<Diagnostic>,
    pub statements: usize,
}

/// Applies migrations one at a time, keeping the schema in between. Use it directly to look at
/// the schema after each migration without cloning all of them.
#[derive(Debug, Clone)]
pub struct Replayer {
    schema: Schema,
    seen: BTreeSet<String>,
    replayed: Vec<Replayed>,
}

impl Replayer {
    pub fn new(dialect: Dialect) -> Self {
        Self::from_schema(Schema::empty(dialect))
    }

    /// Continues from an existing schema (a snapshot or a baseline).
    pub fn from_schema(schema: Schema) -> Self {
        Replayer {
            schema,
            seen: BTreeSet::new(),
            replayed: Vec::new(),
        }
    }

    /// Applies one migration. On error the schema holds the statements before the failing one,
    /// as a server without transactional DDL (MySQL) would; cloning up front would make a long
    /// replay quadratic.
    pub fn apply(&mut self, migration: &Migration) -> Result<&Replayed, Diagnostic> {
        if !self.seen.insert(migration.id.clone()) {
            return Err(Diagnostic::error(
                Code::InvalidMigration,
                format!("migration `{}` appears twice", migration.id),
            )
            .with_object(migration.id.clone())
            .with_hint("every migration needs a unique id"));
        }
        let applied = ingest::apply_sql(&mut self.schema, &migration.sql)
            .map_err(|d| d.in_migration(migration.id.clone()))?;
        let diagnostics = applied
            .diagnostics
            .into_iter()
            .map(|d| d.in_migration(migration.id.clone()))
            .collect();
        self.replayed.push(Replayed {
            id: migration.id.clone(),
            footprint: applied.footprint,
            diagnostics,
            statements: applied.statements.len(),
        });
        Ok(self.replayed.last().expect("just pushed"))
    }

    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    pub fn replayed(&self) -> &[Replayed] {
        &self.replayed
    }

    pub fn finish(self) -> Replay {
        Replay {
            schema: self.schema,
            migrations: self.replayed,
        }
    }
}

/// The schema after a whole history, and what each migration did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Replay {
    pub schema: Schema,
    pub migrations: Vec<Replayed>,
}

/// Replays `migrations` in the order given, from an empty schema.
pub fn replay(dialect: Dialect, migrations: &[Migration]) -> Result<Replay, Diagnostic> {
    let mut r = Replayer::new(dialect);
    for m in migrations {
        r.apply(m)?;
    }
    Ok(r.finish())
}

/// The schema right after migration `id`.
pub fn schema_after(
    dialect: Dialect,
    migrations: &[Migration],
    id: &str,
) -> Result<Schema, Diagnostic> {
    let mut r = Replayer::new(dialect);
    for m in migrations {
        r.apply(m)?;
        if m.id == id {
            return Ok(r.schema);
        }
    }
    Err(Diagnostic::error(
        Code::InvalidMigration,
        format!("no migration `{id}` in the history"),
    )
    .with_object(id.to_string()))
}
