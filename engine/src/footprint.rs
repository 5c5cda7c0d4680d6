//! What a migration touches: the objects it creates, alters, drops or reads. History
//! ordering uses footprints to decide whether two migrations commute.

use crate::model::QualifiedName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Schema,
    Table,
    Column,
    Index,
    Constraint,
    Type,
    View,
    /// A trigger: `object` is its table, `part` its name.
    Trigger,
    /// A PostgreSQL function or procedure: `object` is its name, `part` its argument types.
    Function,
}

/// One object. Columns, indexes and constraints name their table in `object` and themselves
/// in `part`; for an enum value `part` is the value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub object: QualifiedName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
}

impl ObjectRef {
    pub fn table(name: &QualifiedName) -> Self {
        ObjectRef {
            kind: ObjectKind::Table,
            object: name.clone(),
            part: None,
        }
    }
    pub fn part(kind: ObjectKind, object: &QualifiedName, part: impl Into<String>) -> Self {
        ObjectRef {
            kind,
            object: object.clone(),
            part: Some(part.into()),
        }
    }
    pub fn whole(kind: ObjectKind, object: &QualifiedName) -> Self {
        ObjectRef {
            kind,
            object: object.clone(),
            part: None,
        }
    }
}

impl std::fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.part {
            Some(p) => write!(f, "{}.{p}", self.object),
            None => write!(f, "{}", self.object),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footprint {
    pub creates: BTreeSet<ObjectRef>,
    pub alters: BTreeSet<ObjectRef>,
    pub drops: BTreeSet<ObjectRef>,
    pub reads: BTreeSet<ObjectRef>,
    /// Renames as (old, new); the old name is also in `alters`, the new one in `creates`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renames: Vec<(ObjectRef, ObjectRef)>,
}

impl Footprint {
    pub fn is_empty(&self) -> bool {
        self.creates.is_empty()
            && self.alters.is_empty()
            && self.drops.is_empty()
            && self.reads.is_empty()
    }

    /// Every object written (created, altered or dropped).
    pub fn writes(&self) -> impl Iterator<Item = &ObjectRef> {
        self.creates.iter().chain(&self.alters).chain(&self.drops)
    }

    /// The tables (or views, types) this footprint touches in any way.
    pub fn touched_objects(&self) -> BTreeSet<(ObjectKind, QualifiedName)> {
        self.writes()
            .chain(&self.reads)
            .map(|r| {
                let kind = match r.kind {
                    ObjectKind::Column
                    | ObjectKind::Index
                    | ObjectKind::Constraint
                    | ObjectKind::Trigger => ObjectKind::Table,
                    k => k,
                };
                (kind, r.object.clone())
            })
            .collect()
    }

    pub fn merge(&mut self, other: Footprint) {
        self.creates.extend(other.creates);
        self.alters.extend(other.alters);
        self.drops.extend(other.drops);
        self.reads.extend(other.reads);
        self.renames.extend(other.renames);
    }
}
