//! Functions, procedures and triggers: objects whose body the engine does not model. They are
//! kept as the statement that creates them, plus what identifies them and what ordering
//! needs (a trigger's table and function). Two definitions are the same object when their
//! normalised token streams match (`crate::canon::definition`), so spacing, keyword case
//! and `OR REPLACE` never count as a change.

use super::QualifiedName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What identifies a PostgreSQL function: its name and its input argument types.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FunctionKey {
    pub name: QualifiedName,
    /// Canonical input argument types, `, `-separated (`integer, text`); empty for none.
    pub args: String,
}

impl std::fmt::Display for FunctionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({})", self.name, self.args)
    }
}

/// A PostgreSQL function or procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Function {
    #[serde(flatten)]
    pub name: QualifiedName,
    /// Canonical input argument types as in `FunctionKey::args`; absent for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub args: String,
    /// `CREATE PROCEDURE` rather than `CREATE FUNCTION`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub procedure: bool,
    /// The whole CREATE statement, as written (ingestion) or as `pg_get_functiondef` prints
    /// it (introspection), without the terminating semicolon.
    pub definition: String,
    /// `COMMENT ON FUNCTION|PROCEDURE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Function {
    pub fn key(&self) -> FunctionKey {
        FunctionKey {
            name: self.name.clone(),
            args: self.args.clone(),
        }
    }
}

/// What identifies a trigger: its table and its name. PostgreSQL names triggers per table;
/// MySQL and SQLite per schema, which the table's schema is, so the pair is a key in all three.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TriggerKey {
    pub table: QualifiedName,
    pub name: String,
}

impl std::fmt::Display for TriggerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.table, self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Trigger {
    pub name: String,
    /// The table (or, for INSTEAD OF triggers, the view) it fires on.
    pub table: QualifiedName,
    /// PostgreSQL: the function it executes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<QualifiedName>,
    /// The whole CREATE TRIGGER statement, as written (ingestion) or as the server gives it
    /// back (`pg_get_triggerdef`, MySQL's information_schema.TRIGGERS, SQLite's
    /// sqlite_master), without the terminating semicolon.
    pub definition: String,
    /// PostgreSQL `COMMENT ON TRIGGER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Trigger {
    pub fn key(&self) -> TriggerKey {
        TriggerKey {
            table: self.table.clone(),
            name: self.name.clone(),
        }
    }
}

/// Anything keyed by a value it carries, so a map can be written as a list in key order.
pub trait Keyed {
    type Key: Ord + std::fmt::Display;
    fn map_key(&self) -> Self::Key;
}
impl Keyed for Function {
    type Key = FunctionKey;
    fn map_key(&self) -> FunctionKey {
        self.key()
    }
}
impl Keyed for Trigger {
    type Key = TriggerKey;
    fn map_key(&self) -> TriggerKey {
        self.key()
    }
}

/// Writes `BTreeMap<K, T>` as a JSON array of `T` in key order; reading refuses a key twice.
pub(crate) mod keyed_vec {
    use super::Keyed;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, T: Serialize + Keyed>(
        map: &BTreeMap<T::Key, T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D, T>(d: D) -> Result<BTreeMap<T::Key, T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Keyed,
    {
        let items = Vec::<T>::deserialize(d)?;
        let mut map = BTreeMap::new();
        for item in items {
            let key = item.map_key();
            if map.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("`{key}` appears twice")));
            }
            map.insert(key, item);
        }
        Ok(map)
    }
}

/// The triggers on `table`, in key order.
pub fn triggers_on<'a>(
    triggers: &'a BTreeMap<TriggerKey, Trigger>,
    table: &'a QualifiedName,
) -> impl Iterator<Item = &'a Trigger> + 'a {
    triggers.values().filter(move |t| &t.table == table)
}
