//! The schema model (IR). Every source — SQL, JSON snapshot, introspection rows, replayed
//! history — ends up here, canonicalised so that equal schemas compare equal.
//!
//! Maps are `BTreeMap`s so output order is deterministic; in JSON they are written as arrays
//! sorted by name (see `docs/schema-json.md`).

use crate::dialect::Dialect;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod access;
mod exclusion;
mod objects;
mod routines;
mod sequence;
mod storage;
mod table_options;
pub use access::{
    canonical_grants, canonical_policies, Grant, Policy, PolicyCommand, RowSecurity,
    SEQUENCE_PRIVILEGES, TABLE_PRIVILEGES,
};
pub use exclusion::{Exclusion, ExclusionElement};
pub use objects::{Domain, Extension};
use routines::keyed_vec;
pub use routines::{triggers_on, Function, FunctionKey, Keyed, Trigger, TriggerKey};
pub use sequence::{type_range, EffectiveSequence, SequenceOptions};
pub use storage::StorageParam;
pub use table_options::{PartitionOf, TableOptions};

/// A name inside a namespace. `schema: None` is the dialect's default namespace
/// (Postgres `public`, the MySQL connection's database, SQLite `main`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QualifiedName {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub name: String,
}

impl QualifiedName {
    pub fn new(schema: Option<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            schema,
            name: name.into(),
        }
    }
    pub fn bare(name: impl Into<String>) -> Self {
        QualifiedName {
            schema: None,
            name: name.into(),
        }
    }
}

impl std::fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.schema {
            Some(s) => write!(f, "{s}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Schema {
    pub dialect: Dialect,
    /// Namespaces created explicitly (Postgres `CREATE SCHEMA`); the default one is implicit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
    /// MySQL/MariaDB: the database's default collation, which tables without one of their
    /// own use. Introspection knows it; SQL does not say it (`None`: unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_collation: Option<String>,
    #[serde(default, with = "as_vec")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Table>"))]
    pub tables: BTreeMap<QualifiedName, Table>,
    #[serde(default, with = "as_vec", skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<EnumType>"))]
    pub enums: BTreeMap<QualifiedName, EnumType>,
    #[serde(default, with = "as_vec", skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<View>"))]
    pub views: BTreeMap<QualifiedName, View>,
    /// PostgreSQL functions and procedures, by name and argument types.
    #[serde(
        default,
        with = "keyed_vec",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Function>"))]
    pub functions: BTreeMap<FunctionKey, Function>,
    /// Triggers, by table and name.
    #[serde(
        default,
        with = "keyed_vec",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Trigger>"))]
    pub triggers: BTreeMap<TriggerKey, Trigger>,
    /// PostgreSQL domains.
    #[serde(default, with = "as_vec", skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Domain>"))]
    pub domains: BTreeMap<QualifiedName, Domain>,
    /// PostgreSQL extensions, by name (they are per database, not per schema).
    #[serde(
        default,
        with = "keyed_vec",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Extension>"))]
    pub extensions: BTreeMap<String, Extension>,
}

/// The tables above `table` in its partition tree, its parent first (PostgreSQL).
pub fn partition_ancestors<'a>(
    tables: &'a BTreeMap<QualifiedName, Table>,
    table: &'a Table,
) -> impl Iterator<Item = &'a Table> + 'a {
    let parent = |t: &&'a Table| tables.get(&t.options.partition_of.as_ref()?.parent);
    std::iter::successors(parent(&table), move |t| parent(t))
}

/// The table at the top of `table`'s partition tree (`table` itself when it is none's
/// partition): the one whose columns a partition has.
pub fn partition_root<'a>(
    tables: &'a BTreeMap<QualifiedName, Table>,
    table: &'a Table,
) -> &'a Table {
    partition_ancestors(tables, table).last().unwrap_or(table)
}

impl Schema {
    /// A PostgreSQL partitioned table (`PARTITION BY`).
    pub fn partitioned(&self, table: &QualifiedName) -> bool {
        self.tables
            .get(table)
            .is_some_and(|t| t.options.partition.is_some())
    }

    pub fn empty(dialect: Dialect) -> Self {
        Schema {
            dialect,
            namespaces: Vec::new(),
            default_collation: None,
            tables: BTreeMap::new(),
            enums: BTreeMap::new(),
            views: BTreeMap::new(),
            functions: BTreeMap::new(),
            triggers: BTreeMap::new(),
            domains: BTreeMap::new(),
            extensions: BTreeMap::new(),
        }
    }
}

/// A table: its columns, keys, indexes, constraints, options and access rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Table {
    #[serde(flatten)]
    pub name: QualifiedName,
    /// In declaration order; order matters (SELECT *, MySQL AFTER, SQLite rebuilds).
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    /// UNIQUE constraints (Postgres, SQLite). MySQL has no separate kind: they are unique indexes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uniques: Vec<UniqueConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// PostgreSQL EXCLUDE constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Engine, default collation, STRICT, WITHOUT ROWID; written flat into the table's JSON.
    #[serde(flatten)]
    pub options: TableOptions,
    /// PostgreSQL privileges granted on the table to roles other than its owner.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
    /// PostgreSQL row-level security: enabled, forced.
    #[serde(default, skip_serializing_if = "RowSecurity::is_default")]
    pub row_security: RowSecurity,
    /// PostgreSQL row-level security policies, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
}

impl Table {
    pub fn new(name: QualifiedName) -> Self {
        Table {
            name,
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            exclusions: Vec::new(),
            comment: None,
            options: TableOptions::default(),
            grants: Vec::new(),
            row_security: RowSecurity::default(),
            policies: Vec::new(),
        }
    }
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    /// Puts `uniques`, `indexes`, `foreign_keys` and `checks` in the one canonical order that
    /// ingestion, introspection and snapshots share: neither declaration nor catalog order
    /// means anything to the server. The derived `Ord` compares the name first (`None`, as in
    /// SQLite, sorts before any name), then the content, so unnamed members sort by columns
    /// or expression. Columns keep declaration order. Sorting a sorted list is cheap.
    pub fn sort_members(&mut self) {
        self.uniques.sort();
        self.indexes.sort();
        self.foreign_keys.sort();
        self.checks.sort();
        self.exclusions.sort();
        canonical_grants(&mut self.grants);
        canonical_policies(&mut self.policies);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Column {
    pub name: String,
    /// Canonical type for the dialect, e.g. `integer`, `character varying(255)`, `int unsigned`,
    /// `INTEGER` (SQLite affinity). Postgres enum and domain types are written by name.
    #[serde(rename = "type")]
    pub data_type: String,
    pub nullable: bool,
    /// Normalised default expression, as SQL text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// PostgreSQL: the options of an identity's or a serial's sequence, where they differ
    /// from the defaults (`SequenceOptions::canonical`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<Box<SequenceOptions>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<Generated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// MySQL `ON UPDATE CURRENT_TIMESTAMP[(n)]`, normalised like a default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<String>,
}

impl Column {
    pub fn new(name: impl Into<String>, data_type: impl Into<String>) -> Self {
        Column {
            name: name.into(),
            data_type: data_type.into(),
            nullable: true,
            default: None,
            identity: None,
            sequence: None,
            generated: None,
            collation: None,
            comment: None,
            on_update: None,
        }
    }

    /// The values of this column's sequence, were it of type `data_type`.
    pub fn sequence_values(&self, data_type: &str) -> EffectiveSequence {
        self.sequence
            .clone()
            .unwrap_or_default()
            .effective(data_type)
    }
}

/// How a column gets its values automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// Postgres `GENERATED ALWAYS AS IDENTITY`.
    Always,
    /// Postgres `GENERATED BY DEFAULT AS IDENTITY`.
    ByDefault,
    /// Postgres `serial`/`bigserial`/`smallserial`: an owned sequence as default.
    Serial,
    /// MySQL `AUTO_INCREMENT`, SQLite `AUTOINCREMENT` on an INTEGER PRIMARY KEY.
    AutoIncrement,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Generated {
    pub expr: String,
    /// STORED (true) or VIRTUAL (false).
    pub stored: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PrimaryKey {
    /// `None` where the dialect gives no usable name (MySQL `PRIMARY`, SQLite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UniqueConstraint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    /// Postgres 15 `NULLS NOT DISTINCT`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
    /// Postgres `INCLUDE (...)`: columns stored in the index but not part of the key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Index {
    pub name: String,
    pub unique: bool,
    pub parts: Vec<IndexPart>,
    /// WHERE clause of a partial index, normalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Access method, e.g. `gin`; `None` is the dialect's default (btree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Postgres `INCLUDE (...)`: columns stored in the index but not part of the key.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// Postgres 15 `NULLS NOT DISTINCT` on a unique index.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
    /// Postgres storage parameters, `WITH (...)`, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storage: Vec<StorageParam>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    pub fk_generated: FkGenerated,
}

/// MariaDB's mark on an index it created by itself for a foreign key. Such an index gives way
/// to a later index or foreign key whose columns it starts, even after its own key is gone;
/// an index the user created is kept and reused. Replay needs the mark across migrations, so
/// it lives in the model, but the catalogs do not show it: it is bookkeeping, left out of JSON
/// (a snapshot forgets it, and the index then counts as the user's), of equality and of order.
#[derive(Debug, Clone, Copy, Default)]
pub struct FkGenerated(pub bool);

impl PartialEq for FkGenerated {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for FkGenerated {}
impl PartialOrd for FkGenerated {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for FkGenerated {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndexPart {
    /// A column name, or an expression when `expression` is set.
    pub column: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expression: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub descending: bool,
    /// Explicit NULLS FIRST/LAST when it differs from the direction's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls_first: Option<bool>,
    /// MySQL prefix length, e.g. `name(10)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    /// Postgres operator class when it is not the type's default one (`text_pattern_ops`);
    /// a default written out (`text_ops`) is `None`, as the server does not tell them apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
}

impl IndexPart {
    pub fn column(name: impl Into<String>) -> Self {
        IndexPart {
            column: name.into(),
            expression: false,
            descending: false,
            nulls_first: None,
            length: None,
            opclass: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Deferrable {
    #[default]
    NotDeferrable,
    InitiallyImmediate,
    InitiallyDeferred,
}

pub(crate) fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ForeignKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub ref_table: QualifiedName,
    pub ref_columns: Vec<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub on_delete: FkAction,
    #[serde(default, skip_serializing_if = "is_default")]
    pub on_update: FkAction,
    #[serde(default, skip_serializing_if = "is_default")]
    pub deferrable: Deferrable,
    /// PostgreSQL `NOT VALID`: existing rows were never checked against it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub not_valid: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Normalised boolean expression, without the surrounding CHECK ( ).
    pub expr: String,
    /// PostgreSQL `NOT VALID`: existing rows were never checked against it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub not_valid: bool,
    /// PostgreSQL `NO INHERIT`: child tables do not get it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub no_inherit: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A PostgreSQL enum type, its values in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EnumType {
    #[serde(flatten)]
    pub name: QualifiedName,
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A view or materialized view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct View {
    #[serde(flatten)]
    pub name: QualifiedName,
    /// The SELECT as written (ingestion) or as the server prints it (introspection).
    pub definition: String,
    /// Tables and views the definition reads, sorted; what dependency ordering relies on.
    pub reads: Vec<QualifiedName>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub materialized: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Anything keyed by a `QualifiedName` it also carries, so a map can be written as a list.
pub trait Named {
    fn key(&self) -> QualifiedName;
}
impl Named for Table {
    fn key(&self) -> QualifiedName {
        self.name.clone()
    }
}
impl Named for EnumType {
    fn key(&self) -> QualifiedName {
        self.name.clone()
    }
}
impl Named for View {
    fn key(&self) -> QualifiedName {
        self.name.clone()
    }
}

/// Writes `BTreeMap<QualifiedName, T>` as a JSON array of `T` in key order.
mod as_vec {
    use super::{Named, QualifiedName};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, T: Serialize>(
        map: &BTreeMap<QualifiedName, T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D, T>(d: D) -> Result<BTreeMap<QualifiedName, T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Named,
    {
        let items = Vec::<T>::deserialize(d)?;
        let mut map = BTreeMap::new();
        for item in items {
            let key = item.key();
            if map.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("`{key}` appears twice")));
            }
            map.insert(key, item);
        }
        Ok(map)
    }
}
