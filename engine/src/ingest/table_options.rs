//! Table options: MySQL/MariaDB `ENGINE`, `[DEFAULT] CHARSET`, `[DEFAULT] COLLATE` in CREATE
//! TABLE and ALTER TABLE, SQLite `STRICT` and `WITHOUT ROWID`; and the collations of MySQL
//! columns, which are relative to their table's.
//!
//! InnoDB is the default engine and stays implicit. `ROW_FORMAT=DYNAMIC` (InnoDB's default)
//! and `AUTO_INCREMENT=n` (the next counter value: data, not schema) are accepted and not
//! kept. Anything else is an `unsupported-clause` warning, never a silent guess.

use super::columns::ColumnSpec;
use super::ctx::Ctx;
use crate::canon::collation;
use crate::canon::normalize_expr_text;
use crate::dialect::Dialect;
use crate::model::{Column, PrimaryKey, Table, TableOptions};
use sqlparser::ast::{ColumnDef, CreateTable, DataType, Expr, SqlOption, Value};

/// MariaDB's storage engines by the lower-case name SQL may use, with the name the server
/// reports. `None`: InnoDB, the default. MEMORY is left out: its indexes default to HASH and
/// the server remembers which index was declared BTREE, which the model cannot tell apart.
const ENGINES: &[(&str, Option<&str>)] = &[
    ("innodb", None),
    ("myisam", Some("MyISAM")),
    ("aria", Some("Aria")),
    ("csv", Some("CSV")),
    ("archive", Some("ARCHIVE")),
    ("blackhole", Some("BLACKHOLE")),
];

/// What a list of MySQL table options says; `None` fields were not mentioned.
#[derive(Debug, Default)]
pub struct MysqlOptions {
    /// `Some(None)`: InnoDB.
    pub engine: Option<Option<String>>,
    /// The table's collation, from COLLATE or the character set's default.
    pub collation: Option<String>,
    /// Clauses the model does not keep, as written.
    pub unsupported: Vec<String>,
}

fn value_text(v: &Expr) -> Option<String> {
    match v {
        Expr::Identifier(id) => Some(id.value.clone()),
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) | Value::DoubleQuotedString(s) => Some(s.clone()),
            Value::Number(n, _) => Some(n.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Reads MySQL table options (CREATE TABLE's or ALTER TABLE's). COMMENT is read elsewhere.
pub fn mysql(options: &[SqlOption]) -> MysqlOptions {
    let mut out = MysqlOptions::default();
    let (mut charset, mut collate, mut row_format) = (None, None, None);
    for o in options {
        let unsupported = match o {
            SqlOption::Comment(_) => false,
            SqlOption::NamedParenthesizedList(l)
                if l.key.value.eq_ignore_ascii_case("ENGINE") && l.values.is_empty() =>
            {
                let written = l.name.as_ref().map(|n| n.value.to_ascii_lowercase());
                match ENGINES.iter().find(|(n, _)| Some(*n) == written.as_deref()) {
                    Some((_, reported)) => {
                        out.engine = Some(reported.map(str::to_string));
                        false
                    }
                    None => true,
                }
            }
            SqlOption::KeyValue { key, value } => {
                let text = value_text(value);
                match (key.value.to_ascii_uppercase().as_str(), text) {
                    (
                        "DEFAULT CHARSET" | "CHARSET" | "DEFAULT CHARACTER SET" | "CHARACTER SET",
                        Some(v),
                    ) if !v.eq_ignore_ascii_case("default") => {
                        charset = Some(v);
                        false
                    }
                    ("DEFAULT COLLATE" | "COLLATE", Some(v))
                        if !v.eq_ignore_ascii_case("default") =>
                    {
                        collate = Some(collation::collation_name(&v));
                        false
                    }
                    ("ROW_FORMAT", Some(v)) => {
                        row_format = Some((v, o.to_string()));
                        false
                    }
                    // The next AUTO_INCREMENT value: where the counter is, not the schema.
                    ("AUTO_INCREMENT", Some(_)) => false,
                    _ => true,
                }
            }
            _ => true,
        };
        if unsupported {
            out.unsupported.push(o.to_string());
        }
    }
    match (collate, charset) {
        (Some(c), _) => out.collation = Some(c),
        (None, Some(cs)) => match collation::default_for(&cs) {
            Some(c) => out.collation = Some(c.to_string()),
            None => out
                .unsupported
                .push(format!("CHARACTER SET {cs} (unknown character set)")),
        },
        (None, None) => {}
    }
    // InnoDB's default row format is DYNAMIC; any other is not modelled.
    if let Some((v, written)) = row_format {
        let innodb = out.engine.as_ref().is_none_or(|e| e.is_none());
        if !(innodb && matches!(v.to_ascii_uppercase().as_str(), "DYNAMIC" | "DEFAULT")) {
            out.unsupported.push(written);
        }
    }
    out
}

/// The options of a new table, and the clauses the model leaves out.
pub fn from_create(
    ctx: &Ctx,
    ct: &CreateTable,
    options: &[SqlOption],
) -> (TableOptions, Vec<String>) {
    let mut o = TableOptions::default();
    match ctx.dialect {
        Dialect::Mysql => {
            let read = mysql(options);
            o.engine = read.engine.flatten();
            o.collation = read.collation;
            (o, read.unsupported)
        }
        Dialect::Sqlite => {
            o.strict = ct.strict;
            o.without_rowid = ct.without_rowid;
            (o, non_comment(options))
        }
        Dialect::Postgres => {
            let with: Vec<SqlOption> = options
                .iter()
                .filter(|o| !matches!(o, SqlOption::Comment(_)))
                .cloned()
                .collect();
            match super::storage::from_options(&with) {
                Ok(storage) => {
                    o.storage = storage;
                    (o, Vec::new())
                }
                Err(what) => (o, vec![format!("storage parameter `{what}`")]),
            }
        }
    }
}

fn non_comment(options: &[SqlOption]) -> Vec<String> {
    options
        .iter()
        .filter(|o| !matches!(o, SqlOption::Comment(_)))
        .map(|o| o.to_string())
        .collect()
}

/// A MySQL column's collation from what was written: COLLATE (as the server names it), the
/// binary collation of its character set for the `BINARY` attribute (read as `COLLATE
/// binary`, see `tokens`), or the default collation of its CHARACTER SET. `None` keeps the
/// table's. `table` is the table's collation, when known.
pub fn resolve_column(ctx: &mut Ctx, spec: &mut ColumnSpec, table: Option<&str>, label: &str) {
    if ctx.dialect != Dialect::Mysql {
        return;
    }
    let col = &mut spec.column;
    col.collation = col.collation.as_deref().map(collation::collation_name);
    if col.collation.as_deref() == Some("binary") {
        col.collation = None;
        if collation::has_collation(&col.data_type) {
            let charset = (spec.charset.clone())
                .or_else(|| table.map(|t| collation::charset_of(t).to_string()));
            match charset.as_deref().and_then(collation::binary_for) {
                Some(c) if c != "binary" => col.collation = Some(c),
                _ => ctx.unsupported_clause(
                    "BINARY (the column's character set is the database's default, unknown here)",
                    label,
                ),
            }
        }
        return;
    }
    if let (None, Some(cs)) = (&col.collation, &spec.charset) {
        match collation::default_for(cs) {
            Some(c) if c != "binary" => col.collation = Some(c.to_string()),
            _ => ctx.unsupported_clause(&format!("CHARACTER SET {cs}"), label),
        }
    }
}

/// The collation a MySQL table's columns get when they name none: the table's, else the
/// database's when known.
pub fn table_collation(ctx: &Ctx, t: &Table) -> Option<String> {
    t.options
        .collation
        .clone()
        .or_else(|| ctx.schema.default_collation.clone())
}

/// A MySQL column's collation made relative to its table's.
pub fn relative(ctx: &Ctx, t: &Table, c: &mut Column) {
    if ctx.dialect == Dialect::Mysql {
        collation::canonicalize_column(c, table_collation(ctx, t).as_deref());
    }
}

/// `ALTER TABLE t ENGINE = ..., [DEFAULT] CHARSET = ..., COLLATE = ...` (MySQL). Columns
/// keep their collation when the table's changes, so the ones that used the table's get it
/// as their own; when that was the database's unknown default, the columns cannot be
/// described and the clause is reported instead.
pub fn alter(ctx: &mut Ctx, t: &mut Table, options: &[SqlOption]) {
    let label = t.name.to_string();
    let read = mysql(options);
    for u in &read.unsupported {
        ctx.unsupported_clause(u, &label);
    }
    if let Some(engine) = read.engine {
        t.options.engine = engine;
    }
    let Some(new) = read.collation else {
        return;
    };
    let old = table_collation(ctx, t);
    let inheriting = t
        .columns
        .iter()
        .any(|c| c.collation.is_none() && collation::has_collation(&c.data_type));
    match old {
        Some(old) => {
            for c in &mut t.columns {
                if c.collation.is_none() && collation::has_collation(&c.data_type) {
                    c.collation = Some(old.clone());
                }
            }
        }
        None if inheriting => {
            ctx.unsupported_clause(
                &format!("COLLATE = {new} on a table whose columns use the database's default collation, unknown here"),
                &label,
            );
            return;
        }
        None => {}
    }
    t.options.collation = Some(new);
    collation::canonicalize(t, ctx.schema.default_collation.as_deref());
}

/// What every MySQL table change ends with: collations relative to the table's (and the
/// table's to the database's, when known), and no index method where the engine ignores it
/// (InnoDB, MyISAM and Aria build a B-tree whatever `USING` says, and report BTREE).
pub fn settle(t: &mut Table, database_default: Option<&str>) {
    json_columns(t);
    collation::canonicalize(t, database_default);
    for i in &mut t.indexes {
        if matches!(i.method.as_deref(), Some("hash" | "btree")) {
            i.method = None;
        }
    }
}

/// MariaDB's JSON is `longtext` with a CHECK (json_valid(col)) named after the column, and
/// introspection reads that back as `json`; a column written that way is the same thing.
fn json_columns(t: &mut Table) {
    let mut json = Vec::new();
    for (i, check) in t.checks.iter().enumerate() {
        let Some(name) = check.name.as_deref() else {
            continue;
        };
        let Some(col) = t.columns.iter().position(|c| c.name == name) else {
            continue;
        };
        let valid = format!("json_valid(`{}`)", name.replace('`', "``"));
        let is_json = t.columns[col].data_type == "longtext"
            && normalize_expr_text(Dialect::Mysql, &valid).is_ok_and(|e| e == check.expr);
        if is_json {
            json.push((i, col));
        }
    }
    for (i, col) in json.into_iter().rev() {
        t.checks.remove(i);
        let c = &mut t.columns[col];
        c.data_type = "json".into();
        c.collation = None;
    }
}

/// SQLite: in a STRICT table, a column declared `ANY` has that type (no affinity).
pub fn strict_type(strict: bool, def: &ColumnDef, c: &mut Column) {
    let any = matches!(&def.data_type, DataType::Custom(n, a)
        if a.is_empty() && n.to_string().eq_ignore_ascii_case("any"));
    if strict && any {
        c.data_type = "ANY".into();
    }
}

/// SQLite: STRICT tables keep `ANY` as the column type (it is the one type there without an
/// affinity), and STRICT or WITHOUT ROWID tables make their primary key columns NOT NULL,
/// except a STRICT rowid table's `INTEGER PRIMARY KEY`, which is the rowid.
pub fn sqlite_after_create(t: &mut Table, defs: &[ColumnDef]) {
    let o = t.options.clone();
    for def in defs {
        if let Some(c) = t.columns.iter_mut().find(|c| c.name == def.name.value) {
            strict_type(o.strict, def, c);
        }
    }
    if !(o.strict || o.without_rowid) {
        return;
    }
    let Some(PrimaryKey { columns, .. }) = t.primary_key.clone() else {
        return;
    };
    let rowid_alias = !o.without_rowid
        && columns.len() == 1
        && defs.iter().any(|d| {
            d.name.value.eq_ignore_ascii_case(&columns[0])
                && d.data_type.to_string().eq_ignore_ascii_case("integer")
        });
    if rowid_alias {
        return;
    }
    for name in &columns {
        if let Some(c) = t
            .columns
            .iter_mut()
            .find(|c| c.name.eq_ignore_ascii_case(name))
        {
            c.nullable = false;
        }
    }
}
