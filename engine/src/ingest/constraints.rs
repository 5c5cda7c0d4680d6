//! Keys, foreign keys, checks and indexes declared in CREATE/ALTER TABLE: read from the AST
//! into one neutral form, then added to a table with the name the server would give them.

use super::ctx::{qualified, Ctx};
use super::fk_index;
use super::index;
use crate::canon::names::{self, Kind};
use crate::canon::normalize_expr;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{
    Check, Deferrable, Exclusion, FkAction, ForeignKey, Index, IndexPart, PrimaryKey,
    QualifiedName, Table, UniqueConstraint,
};
use sqlparser::ast::{
    visit_expressions, CheckConstraint, ConstraintCharacteristics, DeferrableInitial, Expr,
    ForeignKeyConstraint, Ident, IndexColumn, IndexOption, IndexType, NullsDistinctOption,
    ReferentialAction, TableConstraint,
};
use std::ops::ControlFlow;

/// A constraint or index as declared, before it gets a name and lands in the table.
#[derive(Debug, Clone)]
pub enum Constraint {
    PrimaryKey {
        name: Option<String>,
        columns: Vec<String>,
    },
    Unique {
        name: Option<String>,
        columns: Vec<String>,
        nulls_not_distinct: bool,
        include: Vec<String>,
        method: Option<String>,
    },
    ForeignKey {
        name: Option<String>,
        /// MySQL `FOREIGN KEY idx (col)`: the name of the index it may create.
        index_name: Option<String>,
        fk: ForeignKey,
    },
    Check {
        name: Option<String>,
        expr: String,
        /// Set for a column-level CHECK (MariaDB names it after the column).
        column: Option<String>,
        /// The columns the expression mentions (Postgres names after a single one).
        mentions: Vec<String>,
        no_inherit: bool,
    },
    Index {
        name: Option<String>,
        index: Index,
    },
    /// Postgres EXCLUDE.
    Exclusion(Exclusion),
}

impl Constraint {
    pub fn is_foreign_key(&self) -> bool {
        matches!(self, Constraint::ForeignKey { .. })
    }
}

fn ident_opt(ctx: &Ctx, id: Option<&Ident>) -> Option<String> {
    id.map(|i| ctx.ident(i))
}

fn method(t: Option<&IndexType>, options: &[IndexOption]) -> Option<String> {
    let t = t.or_else(|| {
        options.iter().find_map(|o| match o {
            IndexOption::Using(t) => Some(t),
            _ => None,
        })
    })?;
    match t {
        IndexType::BTree => None,
        other => Some(other.to_string().to_lowercase()),
    }
}

/// Plain column names of a key; expressions are not allowed in keys.
fn key_columns(ctx: &mut Ctx, cols: &[IndexColumn], table: &QualifiedName) -> Vec<String> {
    cols.iter()
        .map(|c| index::part(ctx, c, table))
        .map(|p| p.column)
        .collect()
}

/// `INCLUDE (...)` of a key; a primary key's is not modelled.
fn include_columns(
    ctx: &mut Ctx,
    include: &[Ident],
    table: &QualifiedName,
    pk: bool,
) -> Vec<String> {
    if pk && !include.is_empty() {
        ctx.unsupported_clause("INCLUDE (...) on a PRIMARY KEY", &table.to_string());
        return Vec::new();
    }
    include.iter().map(|i| ctx.ident(i)).collect()
}

/// Reads a table-level constraint. `None` (with a warning) for kinds the model lacks.
pub fn from_table_constraint(
    ctx: &mut Ctx,
    tc: &TableConstraint,
    table: &QualifiedName,
) -> Option<Constraint> {
    Some(match tc {
        TableConstraint::PrimaryKey(pk) => {
            include_columns(ctx, &pk.include, table, true);
            Constraint::PrimaryKey {
                name: ident_opt(ctx, pk.name.as_ref()),
                columns: key_columns(ctx, &pk.columns, table),
            }
        }
        TableConstraint::Unique(u) => {
            let columns = key_columns(ctx, &u.columns, table);
            let include = include_columns(ctx, &u.include, table, false);
            if ctx.dialect == Dialect::Mysql {
                let parts = columns_as_parts(ctx, &u.columns, table);
                Constraint::Index {
                    name: ident_opt(ctx, u.index_name.as_ref().or(u.name.as_ref())),
                    index: Index {
                        name: String::new(),
                        unique: true,
                        parts,
                        predicate: None,
                        method: method(u.index_type.as_ref(), &u.index_options),
                        fk_generated: Default::default(),
                        include: Vec::new(),
                        nulls_not_distinct: false,
                        storage: Vec::new(),
                        comment: None,
                    },
                }
            } else {
                Constraint::Unique {
                    name: ident_opt(ctx, u.name.as_ref()),
                    columns,
                    nulls_not_distinct: u.nulls_distinct == NullsDistinctOption::NotDistinct,
                    include,
                    method: method(u.index_type.as_ref(), &u.index_options),
                }
            }
        }
        TableConstraint::ForeignKey(fk) => foreign_key(ctx, fk, None, table),
        TableConstraint::Check(c) => check(ctx, c, None, None),
        TableConstraint::Index(i) => Constraint::Index {
            name: ident_opt(ctx, i.name.as_ref()),
            index: Index {
                name: String::new(),
                unique: false,
                parts: columns_as_parts(ctx, &i.columns, table),
                predicate: None,
                method: method(i.index_type.as_ref(), &i.index_options),
                fk_generated: Default::default(),
                include: Vec::new(),
                nulls_not_distinct: false,
                storage: Vec::new(),
                comment: None,
            },
        },
        TableConstraint::FulltextOrSpatial(f) => Constraint::Index {
            name: ident_opt(ctx, f.opt_index_name.as_ref()),
            index: Index {
                name: String::new(),
                unique: false,
                parts: columns_as_parts(ctx, &f.columns, table),
                predicate: None,
                method: Some(if f.fulltext { "fulltext" } else { "spatial" }.into()),
                fk_generated: Default::default(),
                include: Vec::new(),
                nulls_not_distinct: false,
                storage: Vec::new(),
                comment: None,
            },
        },
        TableConstraint::Exclude(x) if ctx.dialect == Dialect::Postgres => {
            Constraint::Exclusion(super::exclusion::read(ctx, x, table))
        }
        other => {
            let what = other.to_string();
            ctx.unsupported_clause(&format!("constraint `{what}`"), &table.to_string());
            return None;
        }
    })
}

fn columns_as_parts(ctx: &mut Ctx, cols: &[IndexColumn], table: &QualifiedName) -> Vec<IndexPart> {
    cols.iter().map(|c| index::part(ctx, c, table)).collect()
}

fn action(a: Option<&ReferentialAction>) -> FkAction {
    match a {
        None | Some(ReferentialAction::NoAction) => FkAction::NoAction,
        Some(ReferentialAction::Restrict) => FkAction::Restrict,
        Some(ReferentialAction::Cascade) => FkAction::Cascade,
        Some(ReferentialAction::SetNull) => FkAction::SetNull,
        Some(ReferentialAction::SetDefault) => FkAction::SetDefault,
    }
}

pub(crate) fn deferrable(c: Option<&ConstraintCharacteristics>) -> Deferrable {
    match c {
        Some(ConstraintCharacteristics {
            deferrable: Some(true),
            initially,
            ..
        }) => match initially {
            Some(DeferrableInitial::Deferred) => Deferrable::InitiallyDeferred,
            _ => Deferrable::InitiallyImmediate,
        },
        _ => Deferrable::NotDeferrable,
    }
}

/// A foreign key; `column` is the column of a column-level REFERENCES.
pub fn foreign_key(
    ctx: &Ctx,
    fk: &ForeignKeyConstraint,
    column: Option<&str>,
    _table: &QualifiedName,
) -> Constraint {
    let columns = match column {
        Some(c) => vec![c.to_string()],
        None => fk.columns.iter().map(|c| ctx.ident(c)).collect(),
    };
    Constraint::ForeignKey {
        name: ident_opt(ctx, fk.name.as_ref()),
        index_name: ident_opt(ctx, fk.index_name.as_ref()),
        fk: ForeignKey {
            name: None,
            columns,
            ref_table: ctx.name(&fk.foreign_table),
            ref_columns: fk.referred_columns.iter().map(|c| ctx.ident(c)).collect(),
            on_delete: action(fk.on_delete.as_ref()),
            on_update: action(fk.on_update.as_ref()),
            deferrable: deferrable(fk.characteristics.as_ref()),
            not_valid: false,
            comment: None,
        },
    }
}

/// The plain column names an expression mentions, in order, without repeats.
pub fn mentioned_columns(ctx: &Ctx, e: &Expr) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let _ = visit_expressions(e, |e| {
        let id = match e {
            Expr::Identifier(id) => Some(id),
            Expr::CompoundIdentifier(ids) => ids.last(),
            _ => None,
        };
        if let Some(id) = id {
            let name = ctx.ident(id);
            if !out.iter().any(|o| ctx.same_column(o, &name)) {
                out.push(name);
            }
        }
        ControlFlow::<()>::Continue(())
    });
    out
}

pub fn check(
    ctx: &Ctx,
    c: &CheckConstraint,
    name: Option<&Ident>,
    column: Option<&str>,
) -> Constraint {
    Constraint::Check {
        name: ident_opt(ctx, c.name.as_ref().or(name)),
        expr: normalize_expr(ctx.dialect, &c.expr),
        column: column.map(str::to_string),
        mentions: mentioned_columns(ctx, &c.expr),
        no_inherit: c.no_inherit,
    }
}

/// Whether `name` is in use by a key, index or constraint of `t`.
fn name_in_table(t: &Table, name: &str) -> bool {
    t.primary_key.as_ref().and_then(|p| p.name.as_deref()) == Some(name)
        || t.uniques.iter().any(|u| u.name.as_deref() == Some(name))
        || t.indexes.iter().any(|i| i.name == name)
        || t.foreign_keys
            .iter()
            .any(|f| f.name.as_deref() == Some(name))
        || t.checks.iter().any(|c| c.name.as_deref() == Some(name))
        || t.exclusions.iter().any(|x| x.name.as_deref() == Some(name))
}

/// Whether a constraint may not take `name`. MySQL keeps index names (which include UNIQUE
/// keys) apart from constraint names (foreign keys, checks): Laravel's
/// `KEY t_x_foreign (x), CONSTRAINT t_x_foreign FOREIGN KEY (x) ...` is valid there.
fn constraint_name_taken(ctx: &Ctx, t: &Table, name: &str) -> bool {
    if ctx.dialect != Dialect::Mysql {
        return name_in_table(t, name);
    }
    t.foreign_keys
        .iter()
        .any(|f| f.name.as_deref() == Some(name))
        || t.checks.iter().any(|c| c.name.as_deref() == Some(name))
}

/// Postgres index-backed names (pkey, key, idx) share the namespace with tables; implicit
/// constraint names are also free of the namespace's domain constraints.
fn pg_taken(ctx: &Ctx, t: &Table, name: &str) -> bool {
    name_in_table(t, name)
        || long_name_elsewhere(ctx, t, name)
        || super::domain::domain_constraint_named(ctx, &t.name.schema, name)
        || ctx
            .schema
            .tables
            .contains_key(&QualifiedName::new(t.name.schema.clone(), name))
}

/// Postgres keeps implicit constraint names unique across the namespace, not just the table.
/// Only names cut at the identifier limit realistically meet another table's, so only those
/// pay for the scan (ingestion of thousands of tables stays linear).
fn long_name_elsewhere(ctx: &Ctx, t: &Table, name: &str) -> bool {
    const NEAR_LIMIT: usize = 56;
    name.len() >= NEAR_LIMIT
        && ctx
            .schema
            .tables
            .values()
            .filter(|o| o.name.schema == t.name.schema && o.name != t.name)
            .any(|o| name_in_table(o, name))
}

/// The name the server gives an unnamed constraint of `kind` over `columns`.
fn implicit_name(
    ctx: &Ctx,
    t: &Table,
    kind: Kind,
    columns: &[&str],
    column_level: Option<&str>,
) -> Option<String> {
    match ctx.dialect {
        Dialect::Sqlite => None,
        Dialect::Postgres => Some(names::postgres(&t.name.name, columns, kind, &|n| {
            pg_taken(ctx, t, n)
        })),
        Dialect::Mysql => Some(match kind {
            Kind::PrimaryKey => return None,
            Kind::ForeignKey => {
                let existing: Vec<&str> = t
                    .foreign_keys
                    .iter()
                    .filter_map(|f| f.name.as_deref())
                    .collect();
                names::mysql_foreign_key(&t.name.name, &existing)
            }
            Kind::Check => names::mysql_check(column_level, &|n| constraint_name_taken(ctx, t, n)),
            Kind::Unique | Kind::Index | Kind::Exclusion => {
                let first = columns.first().copied().unwrap_or("expr");
                names::mysql_index(first, &|n| {
                    n.eq_ignore_ascii_case("PRIMARY")
                        || t.indexes.iter().any(|i| i.name.eq_ignore_ascii_case(n))
                })
            }
        }),
    }
}

fn duplicate(ctx: &Ctx, t: &Table, name: &str, code: Code) -> Diagnostic {
    ctx.error(
        code,
        qualified(&t.name, name),
        format!("`{name}` already exists on table `{}`", t.name),
        "choose another name, or drop the existing one first",
    )
}

fn check_free(ctx: &Ctx, t: &Table, name: Option<&str>, code: Code) -> Result<(), Diagnostic> {
    match name {
        Some(n) if constraint_name_taken(ctx, t, n) => Err(duplicate(ctx, t, n, code)),
        _ => Ok(()),
    }
}

/// Resolves written column names to the table's spelling, failing on unknown ones.
fn resolve_columns(ctx: &Ctx, t: &Table, cols: &[String]) -> Result<Vec<String>, Diagnostic> {
    cols.iter().map(|c| ctx.require_column(t, c)).collect()
}

/// Adds `c` to `t`, naming it as the server would. `t` is out of `ctx.schema` while it changes.
/// Returns what was added, for footprints.
pub fn add(ctx: &mut Ctx, t: &mut Table, c: Constraint) -> Result<ObjectRef, Diagnostic> {
    let keep_names = names::keeps_constraint_names(ctx.dialect);
    let (kind, name) = match c {
        Constraint::PrimaryKey { name, columns } => {
            let columns = resolve_columns(ctx, t, &columns)?;
            if t.primary_key.is_some() {
                return Err(ctx.error(
                    Code::DuplicateConstraint,
                    qualified(&t.name, "primary key"),
                    format!("table `{}` already has a primary key", t.name),
                    "a table has at most one primary key; drop the old one first",
                ));
            }
            // SQLite keeps PK columns nullable (a quirk of its history); the others do not.
            if ctx.dialect != Dialect::Sqlite {
                for col in t.columns.iter_mut().filter(|c| columns.contains(&c.name)) {
                    col.nullable = false;
                }
            }
            let name = match ctx.dialect {
                Dialect::Postgres => Some(name.unwrap_or_else(|| {
                    names::postgres(&t.name.name, &[], Kind::PrimaryKey, &|n| {
                        pg_taken(ctx, t, n)
                    })
                })),
                _ => None,
            };
            check_free(ctx, t, name.as_deref(), Code::DuplicateConstraint)?;
            let label = name.clone().unwrap_or_else(|| "PRIMARY".into());
            if ctx.dialect == Dialect::Mysql {
                fk_index::take_replaced(t, &columns);
            }
            t.primary_key = Some(PrimaryKey {
                name,
                columns,
                comment: None,
            });
            (ObjectKind::Constraint, label)
        }
        Constraint::Unique {
            name,
            columns,
            nulls_not_distinct,
            include,
            method,
        } => {
            let columns = resolve_columns(ctx, t, &columns)?;
            let include = resolve_columns(ctx, t, &include)?;
            if method.is_some() {
                ctx.unsupported_clause("USING on a UNIQUE constraint", &t.name.to_string());
            }
            // Postgres names after the INCLUDE columns too.
            let refs: Vec<&str> = columns.iter().chain(&include).map(String::as_str).collect();
            let name = match name.filter(|_| keep_names) {
                Some(n) => Some(n),
                None => implicit_name(ctx, t, Kind::Unique, &refs, None),
            };
            check_free(ctx, t, name.as_deref(), Code::DuplicateConstraint)?;
            let label = name.clone().unwrap_or_else(|| columns.join("_"));
            t.uniques.push(UniqueConstraint {
                name,
                columns,
                nulls_not_distinct,
                include,
                comment: None,
            });
            (ObjectKind::Constraint, label)
        }
        Constraint::ForeignKey {
            name,
            index_name,
            fk,
        } => (
            ObjectKind::Constraint,
            add_foreign_key(ctx, t, name, index_name, fk)?,
        ),
        Constraint::Check {
            name,
            expr,
            column,
            mentions,
            no_inherit,
        } => {
            let name = match name.filter(|_| keep_names) {
                Some(n) => Some(n),
                None => {
                    // Postgres names a check after the one column its expression reads,
                    // wherever it is declared; MySQL after the column declaring it.
                    let declared = column.as_ref().filter(|_| ctx.dialect != Dialect::Postgres);
                    let single: Vec<&str> = match (declared, mentions.as_slice()) {
                        (Some(c), _) => vec![c.as_str()],
                        (None, [only]) => vec![only.as_str()],
                        _ => vec![],
                    };
                    implicit_name(ctx, t, Kind::Check, &single, column.as_deref())
                }
            };
            check_free(ctx, t, name.as_deref(), Code::DuplicateConstraint)?;
            let label = name.clone().unwrap_or_else(|| expr.clone());
            t.checks.push(Check {
                name,
                expr,
                not_valid: false,
                no_inherit,
                comment: None,
            });
            (ObjectKind::Constraint, label)
        }
        Constraint::Exclusion(mut x) => {
            for e in x.elements.iter_mut().filter(|e| !e.part.expression) {
                e.part.column = ctx.require_column(t, &e.part.column)?;
            }
            x.include = resolve_columns(ctx, t, &x.include)?;
            if x.name.is_none() {
                let cols = super::exclusion::name_columns(&x);
                let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
                x.name = implicit_name(ctx, t, Kind::Exclusion, &cols, None);
            }
            check_free(ctx, t, x.name.as_deref(), Code::DuplicateConstraint)?;
            let label = x.name.clone().unwrap_or_default();
            t.exclusions.push(x);
            (ObjectKind::Constraint, label)
        }
        Constraint::Index { name, mut index } => {
            for p in index.parts.iter_mut().filter(|p| !p.expression) {
                p.column = ctx.require_column(t, &p.column)?;
            }
            for c in index.include.iter_mut() {
                *c = ctx.require_column(t, c)?;
            }
            // MySQL: an index the server made for a foreign key goes first, freeing its name.
            let replaced = match ctx.dialect {
                Dialect::Mysql => {
                    let key: Vec<String> = (index.parts.iter())
                        .take_while(|p| !p.expression)
                        .map(|p| p.column.clone())
                        .collect();
                    fk_index::take_replaced(t, &key)
                }
                _ => None,
            };
            let first: Vec<&str> = index
                .parts
                .iter()
                .take(1)
                .map(|p| p.column.as_str())
                .collect();
            index.name = match name {
                Some(n) => n,
                None => implicit_name(ctx, t, Kind::Index, &first, None).unwrap_or_default(),
            };
            if t.indexes
                .iter()
                .any(|i| i.name.eq_ignore_ascii_case(&index.name))
            {
                if let Some((pos, old)) = replaced {
                    t.indexes.insert(pos, old);
                }
                return Err(duplicate(ctx, t, &index.name, Code::DuplicateIndex));
            }
            let label = index.name.clone();
            t.indexes.push(index);
            (ObjectKind::Index, label)
        }
    };
    Ok(ObjectRef::part(kind, &t.name, name))
}

fn add_foreign_key(
    ctx: &mut Ctx,
    t: &mut Table,
    name: Option<String>,
    index_name: Option<String>,
    mut fk: ForeignKey,
) -> Result<String, Diagnostic> {
    fk.columns = resolve_columns(ctx, t, &fk.columns)?;
    let self_ref = fk.ref_table == t.name;
    let target = if self_ref {
        None
    } else {
        ctx.find_table(&fk.ref_table)
    };
    if let Some(key) = &target {
        fk.ref_table = key.clone();
    }
    if !self_ref && target.is_none() && ctx.dialect == Dialect::Postgres {
        return Err(ctx.error(
            Code::UnknownTable,
            fk.ref_table.to_string(),
            format!(
                "table `{}` referenced by a foreign key of `{}` does not exist",
                fk.ref_table, t.name
            ),
            "create the referenced table first, or add the foreign key later with ALTER TABLE",
        ));
    }
    let referenced: Option<&Table> = if self_ref {
        Some(&*t)
    } else {
        target.as_ref().and_then(|k| ctx.schema.tables.get(k))
    };
    if let Some(r) = referenced {
        if fk.ref_columns.is_empty() {
            // An omitted column list means the referenced table's primary key.
            fk.ref_columns = r
                .primary_key
                .as_ref()
                .map(|p| p.columns.clone())
                .unwrap_or_default();
        } else {
            fk.ref_columns = resolve_columns(ctx, r, &fk.ref_columns)?;
        }
    }
    let explicit = name.clone();
    let keep_names = names::keeps_constraint_names(ctx.dialect);
    let name = match name.filter(|_| keep_names) {
        Some(n) => Some(n),
        None => {
            let refs: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
            implicit_name(ctx, t, Kind::ForeignKey, &refs, None)
        }
    };
    check_free(ctx, t, name.as_deref(), Code::DuplicateConstraint)?;
    fk.name = name;
    if let Some(r) = &target {
        ctx.touch(super::ctx::Touch::Read, ObjectRef::table(r));
    }
    if ctx.dialect == Dialect::Mysql {
        super::fk_index::for_foreign_key(t, &fk, index_name.or(explicit));
    }
    let label = fk.name.clone().unwrap_or_else(|| fk.columns.join("_"));
    t.foreign_keys.push(fk);
    Ok(label)
}
