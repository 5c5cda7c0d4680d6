//! SQLite: table-valued pragmas joined to sqlite_master, and their rows → model.
//!
//! The pragmas do not expose CHECK constraints, generated expressions, column collations,
//! AUTOINCREMENT, deferrable foreign keys, or index expressions and predicates; those are read
//! from the CREATE statements SQLite keeps (and rewrites on ALTER) in sqlite_master.

use super::build::{default_expr, fk_action, qualified, sql_string, table_mut};
use super::reads::relations_read;
use super::rows::{rows, Rows, R};
use super::Row;
use crate::canon::expr::normalize_expr;
use crate::canon::types::canonical_type;
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::model::*;
use sqlparser::ast::{
    ColumnOption, CreateIndex, CreateTable, OrderBySort, Statement, TableConstraint,
};
use sqlparser::parser::Parser;
use std::collections::BTreeMap;

const D: Dialect = Dialect::Sqlite;

pub(crate) fn queries(namespace: &str) -> Vec<(&'static str, String)> {
    let ns = sql_string(D, namespace);
    let master = format!("\"{}\".sqlite_master", namespace.replace('"', "\"\""));
    let tables = format!(
        "FROM {master} m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    );
    // Joins a pragma function per table; the WHERE of `tables` goes after the join.
    let per_table = |pragma: &str, alias: &str| {
        tables.replacen(
            " WHERE",
            &format!(" JOIN pragma_{pragma}(m.name, {ns}) {alias} WHERE"),
            1,
        )
    };
    vec![
        (
            "tables",
            format!("SELECT m.name AS table_name, m.sql AS sql {tables} ORDER BY m.name"),
        ),
        (
            "columns",
            format!(
                "SELECT m.name AS table_name, p.name AS column_name, p.type AS declared_type, \
                 CAST(p.\"notnull\" AS TEXT) AS not_null, p.dflt_value AS default_value, \
                 CAST(p.pk AS TEXT) AS pk, CAST(p.hidden AS TEXT) AS hidden \
                 {} ORDER BY m.name, p.cid",
                per_table("table_xinfo", "p")
            ),
        ),
        (
            "indexes",
            // Parts as a JSON array of [seqno, cid, name, desc]; cid -2 is an expression.
            format!(
                "SELECT m.name AS table_name, il.name AS index_name, \
                 CAST(il.\"unique\" AS TEXT) AS is_unique, il.origin AS origin, \
                 (SELECT x.sql FROM {master} x WHERE x.type = 'index' AND x.name = il.name) AS sql, \
                 (SELECT json_group_array(json_array(ii.seqno, ii.cid, ii.name, ii.\"desc\")) \
                  FROM pragma_index_xinfo(il.name, {ns}) ii WHERE ii.key = 1) AS parts \
                 {} ORDER BY m.name, il.name",
                per_table("index_list", "il")
            ),
        ),
        (
            "foreign_keys",
            format!(
                "SELECT m.name AS table_name, CAST(f.id AS TEXT) AS id, \
                 f.\"table\" AS ref_table, f.\"from\" AS column_name, f.\"to\" AS ref_column, \
                 f.on_update AS on_update, f.on_delete AS on_delete \
                 {} ORDER BY m.name, f.id, f.seq",
                per_table("foreign_key_list", "f")
            ),
        ),
        (
            "views",
            format!(
                "SELECT name AS view_name, sql AS sql FROM {master} \
                 WHERE type = 'view' ORDER BY name"
            ),
        ),
    ]
}

pub(crate) fn from_rows(
    namespace: &str,
    results: &BTreeMap<String, Vec<Row>>,
) -> Result<Schema, Diagnostic> {
    let mut schema = Schema::empty(D);
    let mut created = BTreeMap::new();
    for r in rows(results, "tables")?.iter() {
        let name = r.text("table_name")?;
        let sql = r.text("sql")?;
        let create = parse_create_table(&name, &sql)?;
        let mut t = Table::new(QualifiedName::bare(name.clone()));
        t.options.strict = create.strict;
        t.options.without_rowid = create.without_rowid;
        created.insert(name, create);
        schema.tables.insert(t.name.clone(), t);
    }
    columns(&mut schema, &created, rows(results, "columns")?)?;
    indexes(&mut schema, rows(results, "indexes")?)?;
    foreign_keys(
        &mut schema,
        namespace,
        &created,
        rows(results, "foreign_keys")?,
    )?;
    for (name, create) in &created {
        table_mut(&mut schema, "tables", name)?.checks = checks(create);
    }
    for r in rows(results, "views")?.iter() {
        let v = view(namespace, r)?;
        schema.views.insert(v.name.clone(), v);
    }
    Ok(schema)
}

fn parse(sql: &str) -> Option<Statement> {
    let d = D.parser();
    // SQLite keeps the CREATE text as written: `STRICT, WITHOUT ROWID`, `'name'` columns.
    let tokens = crate::ingest::tokens::tokens(d.as_ref(), D, sql).ok()?;
    let mut statements = Parser::new(d.as_ref())
        .with_recursion_limit(crate::canon::expr::RECURSION_LIMIT)
        .with_tokens_with_locations(tokens)
        .parse_statements()
        .ok()?;
    (statements.len() == 1).then(|| statements.remove(0))
}

fn parse_create_table(name: &str, sql: &str) -> Result<CreateTable, Diagnostic> {
    match parse(sql) {
        Some(Statement::CreateTable(c)) => Ok(c),
        _ => Err(Diagnostic::error(
            Code::UnsupportedStatement,
            format!("cannot read the definition of table `{name}`: {sql}"),
        )
        .with_object(name.to_string())
        .with_hint("checks, generated columns and collations are read from this text")),
    }
}

fn columns(
    schema: &mut Schema,
    created: &BTreeMap<String, CreateTable>,
    rows: Rows,
) -> Result<(), Diagnostic> {
    let mut pk_positions: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for r in rows.iter() {
        let table_name = r.text("table_name")?;
        let name = r.text("column_name")?;
        let declared = r.opt("declared_type")?.unwrap_or_default();
        let mut col = Column::new(name.clone(), canonical_type(D, &declared));
        // A STRICT table's ANY column has no affinity; it keeps its type.
        let strict = created.get(&table_name).is_some_and(|c| c.strict);
        if strict && declared.eq_ignore_ascii_case("any") {
            col.data_type = "ANY".into();
        }
        col.nullable = !r.flag("not_null")?;
        col.default = r
            .opt("default_value")?
            .and_then(|d| default_expr(D, &col.data_type, &d));
        let def = created.get(&table_name).and_then(|c| {
            c.columns
                .iter()
                .find(|c| c.name.value.eq_ignore_ascii_case(&name))
        });
        for option in def.iter().flat_map(|d| &d.options) {
            match &option.option {
                ColumnOption::Generated {
                    generation_expr: Some(e),
                    ..
                } => {
                    col.generated = Some(Generated {
                        expr: normalize_expr(D, e),
                        // hidden: 2 virtual, 3 stored
                        stored: r.text("hidden")? == "3",
                    })
                }
                ColumnOption::Collation(c) => {
                    col.collation = c.0.last().map(|p| match p.as_ident() {
                        Some(id) => id.value.clone(),
                        None => p.to_string(),
                    })
                }
                ColumnOption::DialectSpecific(tokens)
                    if tokens
                        .iter()
                        .any(|t| t.to_string().eq_ignore_ascii_case("AUTOINCREMENT")) =>
                {
                    col.identity = Some(Identity::AutoIncrement)
                }
                _ => {}
            }
        }
        let pk = r.int("pk")?;
        if pk > 0 {
            pk_positions
                .entry(table_name.clone())
                .or_default()
                .push((pk, name));
        }
        table_mut(schema, rows.query, &table_name)?
            .columns
            .push(col);
    }
    for (table, mut positions) in pk_positions {
        positions.sort();
        table_mut(schema, rows.query, &table)?.primary_key = Some(PrimaryKey {
            name: None,
            columns: positions.into_iter().map(|(_, c)| c).collect(),
            comment: None,
        });
    }
    Ok(())
}

/// CHECKs from the CREATE TABLE text. SQLite keeps no names we can read back.
fn checks(create: &CreateTable) -> Vec<Check> {
    let column_checks = create
        .columns
        .iter()
        .flat_map(|c| &c.options)
        .filter_map(|o| match &o.option {
            ColumnOption::Check(c) => Some(&c.expr),
            _ => None,
        });
    let table_checks = create.constraints.iter().filter_map(|c| match c {
        TableConstraint::Check(c) => Some(&c.expr),
        _ => None,
    });
    column_checks
        .chain(table_checks)
        .map(|e| Check {
            name: None,
            expr: normalize_expr(D, e),
            not_valid: false,
            no_inherit: false,
            comment: None,
        })
        .collect()
}

fn indexes(schema: &mut Schema, rows: Rows) -> Result<(), Diagnostic> {
    for r in rows.iter() {
        let table = r.text("table_name")?;
        let name = r.text("index_name")?;
        let mut parts: Vec<(i64, i64, Option<String>, i64)> = r.list("parts")?;
        parts.sort();
        match r.text("origin")?.as_str() {
            // The primary key comes from table_info, which also covers INTEGER PRIMARY KEY.
            "pk" => {}
            "u" => table_mut(schema, rows.query, &table)?
                .uniques
                .push(UniqueConstraint {
                    name: None,
                    columns: parts.into_iter().filter_map(|p| p.2).collect(),
                    nulls_not_distinct: false,
                    include: Vec::new(),
                    comment: None,
                }),
            _ => {
                let created = match r.opt("sql")?.as_deref().and_then(parse) {
                    Some(Statement::CreateIndex(c)) => Some(c),
                    _ => None,
                };
                let index = Index {
                    unique: r.flag("is_unique")?,
                    parts: parts
                        .into_iter()
                        .map(|(seq, _, column, desc)| {
                            index_part(created.as_ref(), seq, column, desc)
                        })
                        .collect(),
                    predicate: created
                        .as_ref()
                        .and_then(|c| c.predicate.as_ref())
                        .map(|p| normalize_expr(D, p)),
                    method: None,
                    fk_generated: Default::default(),
                    include: Vec::new(),
                    nulls_not_distinct: false,
                    storage: Vec::new(),
                    name,
                    comment: None,
                };
                table_mut(schema, rows.query, &table)?.indexes.push(index);
            }
        }
    }
    Ok(())
}

/// A named column, or the expression at the same position in the CREATE INDEX text.
fn index_part(
    created: Option<&CreateIndex>,
    seq: i64,
    column: Option<String>,
    desc: i64,
) -> IndexPart {
    let written = created.and_then(|c| c.columns.get(seq as usize));
    let base = match column {
        Some(c) => IndexPart::column(c),
        None => IndexPart {
            expression: true,
            ..IndexPart::column(
                written
                    .map(|w| normalize_expr(D, &w.column.expr))
                    .unwrap_or_default(),
            )
        },
    };
    let written_desc =
        written.is_some_and(|w| matches!(w.column.options.sort, Some(OrderBySort::Desc)));
    IndexPart {
        descending: desc != 0 || written_desc,
        ..base
    }
}

fn foreign_keys(
    schema: &mut Schema,
    namespace: &str,
    created: &BTreeMap<String, CreateTable>,
    rows: Rows,
) -> Result<(), Diagnostic> {
    // Rows are grouped by (table, id); ids count from the last declared key.
    let mut grouped: BTreeMap<(String, i64), ForeignKey> = BTreeMap::new();
    for r in rows.iter() {
        let table = r.text("table_name")?;
        let fk = grouped.entry((table, -r.int("id")?)).or_insert(ForeignKey {
            name: None,
            columns: Vec::new(),
            ref_table: qualified(None, namespace, r.text("ref_table")?),
            ref_columns: Vec::new(),
            on_delete: fk_action(&r.text("on_delete")?),
            on_update: fk_action(&r.text("on_update")?),
            deferrable: Deferrable::NotDeferrable,
            not_valid: false,
            comment: None,
        });
        fk.columns.push(r.text("column_name")?);
        if let Some(c) = r.opt("ref_column")? {
            fk.ref_columns.push(c);
        }
    }
    for ((table, _), mut fk) in grouped {
        // `REFERENCES parent` without columns means the parent's primary key.
        if fk.ref_columns.is_empty() {
            let parent = schema.tables.get(&fk.ref_table);
            fk.ref_columns = parent
                .and_then(|p| p.primary_key.as_ref())
                .map(|pk| pk.columns.clone())
                .unwrap_or_default();
        }
        if let Some(c) = created.get(&table) {
            fk.deferrable = deferrable(c, &fk.columns);
        }
        table_mut(schema, rows.query, &table)?.foreign_keys.push(fk);
    }
    Ok(())
}

/// DEFERRABLE is only in the CREATE TABLE text: find the key declared on the same columns.
fn deferrable(create: &CreateTable, columns: &[String]) -> Deferrable {
    let same = |cols: Vec<&str>| {
        cols.len() == columns.len()
            && cols
                .iter()
                .zip(columns)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
    };
    let table_level = create.constraints.iter().filter_map(|c| match c {
        TableConstraint::ForeignKey(fk) => Some((
            fk.columns.iter().map(|c| c.value.as_str()).collect(),
            fk.characteristics.as_ref(),
        )),
        _ => None,
    });
    let column_level = create.columns.iter().flat_map(|col| {
        col.options.iter().filter_map(move |o| match &o.option {
            ColumnOption::ForeignKey(fk) => {
                Some((vec![col.name.value.as_str()], fk.characteristics.as_ref()))
            }
            _ => None,
        })
    });
    let characteristics = table_level
        .chain(column_level)
        .find(|(cols, _)| same(cols.clone()))
        .and_then(|(_, c)| c);
    crate::ingest::constraints::deferrable(characteristics)
}

fn view(namespace: &str, r: R) -> Result<View, Diagnostic> {
    let sql = r.text("sql")?;
    let name = QualifiedName::bare(r.text("view_name")?);
    let definition = match parse(&sql) {
        Some(Statement::CreateView(v)) => v.query.to_string(),
        _ => sql.clone(),
    };
    Ok(View {
        reads: relations_read(D, &sql, namespace).unwrap_or_default(),
        name,
        definition,
        materialized: false,
        comment: None,
    })
}
