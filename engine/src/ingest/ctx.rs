//! What a statement handler works with: the schema, the statement's position, and where its
//! diagnostics and footprint go. Also the lookups and errors every handler shares.

use crate::canon::ident::{ident, object_name, same_column};
use crate::diag::{Code, Diagnostic, Location};
use crate::dialect::Dialect;
use crate::footprint::{Footprint, ObjectKind, ObjectRef};
use crate::model::{QualifiedName, Schema, Table};
use sqlparser::ast::{Ident, ObjectName};

pub struct Ctx<'s> {
    pub dialect: Dialect,
    pub schema: &'s mut Schema,
    /// Where the statement starts; every diagnostic of the statement points here.
    pub loc: Location,
    pub diags: Vec<Diagnostic>,
    pub fp: Footprint,
    /// Which column owns which sequence, for the rest of the input (see `sequence`).
    pub owners: &'s mut super::sequence::Owners,
}

impl<'s> Ctx<'s> {
    pub fn new(
        schema: &'s mut Schema,
        owners: &'s mut super::sequence::Owners,
        loc: Location,
    ) -> Self {
        Ctx {
            dialect: schema.dialect,
            schema,
            loc,
            diags: Vec::new(),
            fp: Footprint::default(),
            owners,
        }
    }

    pub fn ident(&self, id: &Ident) -> String {
        ident(self.dialect, id)
    }

    pub fn name(&self, name: &ObjectName) -> QualifiedName {
        object_name(self.dialect, name)
    }

    pub fn same_column(&self, a: &str, b: &str) -> bool {
        same_column(self.dialect, a, b)
    }

    /// An error at this statement, naming `object`.
    pub fn error(
        &self,
        code: Code,
        object: impl Into<String>,
        message: String,
        hint: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(code, message)
            .with_object(object)
            .with_hint(hint)
            .at(Some(self.loc))
    }

    pub fn warn(&mut self, code: Code, message: String, hint: &str) {
        self.diags.push(
            Diagnostic::warning(code, message)
                .with_hint(hint)
                .at(Some(self.loc)),
        );
    }

    pub fn unsupported_statement(&mut self, what: &str) {
        let msg = format!("unsupported: {what} at {}", self.loc);
        self.warn(
            Code::UnsupportedStatement,
            msg,
            "the schema model ignores this statement; apply it outside the planner if it matters",
        );
    }

    /// A clause Waymark does not model inside `object`'s statement.
    pub fn unsupported_clause(&mut self, what: &str, object: &str) {
        let msg = format!(
            "unsupported: {what} on `{object}` at {} (ignored)",
            self.loc
        );
        self.warn(
            Code::UnsupportedClause,
            msg,
            "the schema model leaves this clause out; the rest of the statement applies",
        );
    }

    /// `what` gives a partition its share of the parent's key or index: noted, not modelled.
    pub fn partition_member(&mut self, what: &str) {
        self.diags.push(
            Diagnostic::new(
                Code::PartitionMember,
                crate::diag::Severity::Info,
                format!(
                    "{what} at {}: a partition's share of its parent's, which stands for it",
                    self.loc
                ),
            )
            .at(Some(self.loc)),
        );
    }

    /// The partitioned table at the top of `table`'s partition tree, when it is a partition.
    pub fn partition_root(&self, table: &QualifiedName) -> Option<&Table> {
        let t = self.schema.tables.get(table)?;
        t.options.partition_of.as_ref()?;
        Some(crate::model::partition_root(&self.schema.tables, t))
    }

    /// A PostgreSQL partition: its columns, keys and indexes are its parent's.
    pub fn is_partition(&self, table: &QualifiedName) -> bool {
        self.schema
            .tables
            .get(table)
            .is_some_and(|t| t.options.partition_of.is_some())
    }

    /// The key of an existing table. SQLite table names are case-insensitive; the exact
    /// spelling is tried first so the scan only runs on a miss.
    pub fn find_table(&self, name: &QualifiedName) -> Option<QualifiedName> {
        if self.schema.tables.contains_key(name) {
            return Some(name.clone());
        }
        if self.dialect != Dialect::Sqlite {
            return None;
        }
        self.schema
            .tables
            .keys()
            .find(|k| k.schema == name.schema && k.name.eq_ignore_ascii_case(&name.name))
            .cloned()
    }

    pub fn table_exists_or_view(&self, name: &QualifiedName) -> bool {
        self.find_table(name).is_some() || self.schema.views.contains_key(name)
    }

    /// The existing table `name`, or an `unknown-table` error.
    pub fn require_table(&self, name: &QualifiedName) -> Result<QualifiedName, Diagnostic> {
        self.find_table(name).ok_or_else(|| {
            self.error(
                Code::UnknownTable,
                name.to_string(),
                format!("table `{name}` does not exist"),
                "create the table first, or use IF EXISTS",
            )
        })
    }

    pub fn table(&mut self, key: &QualifiedName) -> &mut Table {
        self.schema
            .tables
            .get_mut(key)
            .expect("caller looked the table up")
    }

    /// The columns of `table`: a partition's are those at the top of its tree.
    pub fn columns_of<'t>(&'t self, table: &'t Table) -> &'t [crate::model::Column] {
        &crate::model::partition_root(&self.schema.tables, table).columns
    }

    /// The stored spelling of column `col` of `table`, or an `unknown-column` error.
    pub fn require_column(&self, table: &Table, col: &str) -> Result<String, Diagnostic> {
        let columns = self.columns_of(table);
        match columns.iter().find(|c| self.same_column(&c.name, col)) {
            Some(c) => Ok(c.name.clone()),
            None => {
                let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
                Err(self.error(
                    Code::UnknownColumn,
                    format!("{}.{col}", table.name),
                    format!("column `{}.{col}` does not exist", table.name),
                    format!("columns of {}: {}", table.name, names.join(", ")),
                ))
            }
        }
    }

    pub fn touch(&mut self, what: Touch, r: ObjectRef) {
        let set = match what {
            Touch::Create => &mut self.fp.creates,
            Touch::Alter => &mut self.fp.alters,
            Touch::Drop => &mut self.fp.drops,
            Touch::Read => &mut self.fp.reads,
        };
        set.insert(r);
    }

    pub fn touch_part(&mut self, what: Touch, kind: ObjectKind, table: &QualifiedName, part: &str) {
        self.touch(what, ObjectRef::part(kind, table, part));
    }

    pub fn rename(&mut self, old: ObjectRef, new: ObjectRef) {
        self.fp.alters.insert(old.clone());
        self.fp.creates.insert(new.clone());
        self.fp.renames.push((old, new));
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Touch {
    Create,
    Alter,
    Drop,
    Read,
}

/// `table.part`, the object name diagnostics carry.
pub fn qualified(table: &QualifiedName, part: &str) -> String {
    format!("{table}.{part}")
}
