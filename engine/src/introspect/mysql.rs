//! MariaDB 10.11 (the MySQL-family server we test on): information_schema queries and their
//! rows → model. Unique constraints are unique indexes; the primary key has no name.

use super::build::{default_expr, expr, fk_action, qualified, sql_string, table_mut};
use super::reads::relations_read;
use super::rows::{rows, Rows, R};
use super::Row;
use crate::canon::types::canonical_type;
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::model::*;
use std::collections::BTreeMap;

const D: Dialect = Dialect::Mysql;

pub(crate) fn queries(namespace: &str) -> Vec<(&'static str, String)> {
    let ns = sql_string(D, namespace);
    let base_tables = format!(
        "SELECT TABLE_NAME FROM information_schema.TABLES \
         WHERE TABLE_SCHEMA = {ns} AND TABLE_TYPE = 'BASE TABLE'"
    );
    vec![
        (
            "database",
            format!(
                "SELECT DEFAULT_COLLATION_NAME AS collation \
                 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {ns}"
            ),
        ),
        (
            "tables",
            format!(
                "SELECT TABLE_NAME AS table_name, TABLE_COMMENT AS comment, \
                 TABLE_COLLATION AS collation, ENGINE AS engine \
                 FROM information_schema.TABLES \
                 WHERE TABLE_SCHEMA = {ns} AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"
            ),
        ),
        (
            "columns",
            format!(
                "SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, \
                 COLUMN_TYPE AS column_type, IS_NULLABLE AS is_nullable, \
                 COLUMN_DEFAULT AS default_value, EXTRA AS extra, \
                 GENERATION_EXPRESSION AS generation_expression, \
                 COLLATION_NAME AS collation, COLUMN_COMMENT AS comment \
                 FROM information_schema.COLUMNS \
                 WHERE TABLE_SCHEMA = {ns} AND TABLE_NAME IN ({base_tables}) \
                 ORDER BY TABLE_NAME, ORDINAL_POSITION"
            ),
        ),
        (
            "indexes",
            format!(
                "SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, \
                 CAST(NON_UNIQUE AS CHAR) AS non_unique, COLUMN_NAME AS column_name, \
                 COLLATION AS collation, CAST(SUB_PART AS CHAR) AS sub_part, \
                 INDEX_TYPE AS index_type \
                 FROM information_schema.STATISTICS \
                 WHERE TABLE_SCHEMA = {ns} AND TABLE_NAME IN ({base_tables}) \
                 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"
            ),
        ),
        (
            "foreign_keys",
            format!(
                "SELECT k.TABLE_NAME AS table_name, k.CONSTRAINT_NAME AS name, \
                 k.COLUMN_NAME AS column_name, k.REFERENCED_TABLE_SCHEMA AS ref_schema, \
                 k.REFERENCED_TABLE_NAME AS ref_table, k.REFERENCED_COLUMN_NAME AS ref_column, \
                 r.UPDATE_RULE AS on_update, r.DELETE_RULE AS on_delete \
                 FROM information_schema.KEY_COLUMN_USAGE k \
                 JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
                   ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME \
                   AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME \
                 WHERE k.TABLE_SCHEMA = {ns} AND k.REFERENCED_TABLE_NAME IS NOT NULL \
                 ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION"
            ),
        ),
        (
            "checks",
            // MariaDB names CHECK constraints per table, so TABLE_NAME is part of the key.
            format!(
                "SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, \
                 CHECK_CLAUSE AS clause \
                 FROM information_schema.CHECK_CONSTRAINTS \
                 WHERE CONSTRAINT_SCHEMA = {ns} AND TABLE_NAME IN ({base_tables}) \
                 ORDER BY TABLE_NAME, CONSTRAINT_NAME"
            ),
        ),
        (
            "partitions",
            format!(
                "SELECT TABLE_NAME AS table_name, PARTITION_NAME AS name, \
                 PARTITION_METHOD AS method, PARTITION_EXPRESSION AS expression, \
                 PARTITION_DESCRIPTION AS description, \
                 SUBPARTITION_NAME AS sub_name, SUBPARTITION_METHOD AS sub_method, \
                 SUBPARTITION_EXPRESSION AS sub_expression \
                 FROM information_schema.PARTITIONS \
                 WHERE TABLE_SCHEMA = {ns} AND PARTITION_NAME IS NOT NULL \
                 AND TABLE_NAME IN ({base_tables}) \
                 ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION"
            ),
        ),
        (
            "views",
            format!(
                "SELECT TABLE_NAME AS view_name, VIEW_DEFINITION AS definition \
                 FROM information_schema.VIEWS WHERE TABLE_SCHEMA = {ns} ORDER BY TABLE_NAME"
            ),
        ),
    ]
}

pub(crate) fn from_rows(
    namespace: &str,
    results: &BTreeMap<String, Vec<Row>>,
) -> Result<Schema, Diagnostic> {
    let mut schema = Schema::empty(D);
    let mut table_collation = BTreeMap::new();
    if let Some(r) = rows(results, "database")?.iter().next() {
        schema.default_collation = r.opt("collation")?;
    }
    for r in rows(results, "tables")?.iter() {
        let mut t = Table::new(QualifiedName::bare(r.text("table_name")?));
        t.comment = r.non_empty("comment")?;
        t.options.engine = r
            .opt("engine")?
            .filter(|e| !e.eq_ignore_ascii_case("InnoDB"));
        t.options.collation = r
            .opt("collation")?
            .filter(|c| Some(c) != schema.default_collation.as_ref());
        table_collation.insert(t.name.name.clone(), r.opt("collation")?);
        schema.tables.insert(t.name.clone(), t);
    }
    for r in rows(results, "columns")?.iter() {
        let table = r.text("table_name")?;
        let col = column(&r, table_collation.get(&table).cloned().flatten())?;
        table_mut(&mut schema, "columns", &table)?.columns.push(col);
    }
    indexes(&mut schema, rows(results, "indexes")?)?;
    foreign_keys(&mut schema, namespace, rows(results, "foreign_keys")?)?;
    for r in rows(results, "checks")?.iter() {
        let check = Check {
            name: Some(r.text("name")?),
            expr: expr(D, &r.text("clause")?),
            not_valid: false,
            no_inherit: false,
            comment: None,
        };
        let table = table_mut(&mut schema, "checks", &r.text("table_name")?)?;
        if !is_json_check(table, &check) {
            table.checks.push(check);
        }
    }
    if results.contains_key("partitions") {
        partitions(&mut schema, rows(results, "partitions")?)?;
    }
    for r in rows(results, "views")?.iter() {
        let definition = r.text("definition")?;
        let name = QualifiedName::bare(r.text("view_name")?);
        let reads = relations_read(D, &definition, namespace).unwrap_or_default();
        schema.views.insert(
            name.clone(),
            View {
                name,
                definition,
                reads,
                materialized: false,
                comment: None,
            },
        );
    }
    Ok(schema)
}

/// One table's partitions as read, in order: (name, description, subpartition names).
struct Partitioned {
    method: String,
    expression: String,
    sub: Option<(String, String)>,
    parts: Vec<(String, Option<String>, Vec<String>)>,
}

/// `PARTITION BY ...` rebuilt from the catalog, in `ingest::partition` normal form.
fn partitions(schema: &mut Schema, rows: Rows) -> Result<(), Diagnostic> {
    let mut tables: BTreeMap<String, Partitioned> = BTreeMap::new();
    for r in rows.iter() {
        let t = tables.entry(r.text("table_name")?).or_insert(Partitioned {
            method: r.text("method")?,
            expression: r.opt("expression")?.unwrap_or_default(),
            sub: match r.opt("sub_method")? {
                Some(m) => Some((m, r.opt("sub_expression")?.unwrap_or_default())),
                None => None,
            },
            parts: Vec::new(),
        });
        let name = r.text("name")?;
        if t.parts.last().map(|p| &p.0) != Some(&name) {
            t.parts.push((name, r.opt("description")?, Vec::new()));
        }
        if let (Some(sub), Some(last)) = (r.opt("sub_name")?, t.parts.last_mut()) {
            last.2.push(sub);
        }
    }
    for (table, p) in tables {
        let clause = partition_clause(&p);
        let t = table_mut(schema, "partitions", &table)?;
        t.options.partition = Some(crate::ingest::partition::normalise(&clause));
    }
    Ok(())
}

fn partition_clause(p: &Partitioned) -> String {
    let quote = |n: &str| format!("`{}`", n.replace('`', "``"));
    let method = p.method.to_ascii_uppercase();
    let mut out = format!("PARTITION BY {method} ({})", p.expression);
    let hashed = method.ends_with("HASH") || method.ends_with("KEY");
    let defaults = |names: &[String], prefix: &str| {
        names
            .iter()
            .enumerate()
            .all(|(i, n)| n.eq_ignore_ascii_case(&format!("{prefix}{i}")))
    };
    if let Some((m, e)) = &p.sub {
        out.push_str(&format!(
            " SUBPARTITION BY {} ({e})",
            m.to_ascii_uppercase()
        ));
        let n = p.parts.first().map_or(0, |x| x.2.len());
        out.push_str(&format!(" SUBPARTITIONS {n}"));
    }
    let names: Vec<String> = p.parts.iter().map(|x| x.0.clone()).collect();
    if hashed && defaults(&names, "p") {
        out.push_str(&format!(" PARTITIONS {}", names.len()));
        return out;
    }
    let defs: Vec<String> = p
        .parts
        .iter()
        .map(|(name, desc, _)| {
            let values = match (method.as_str(), desc) {
                (_, None) => String::new(),
                ("RANGE", Some(d)) if d.eq_ignore_ascii_case("MAXVALUE") => {
                    " VALUES LESS THAN MAXVALUE".into()
                }
                (m, Some(d)) if m.starts_with("RANGE") => format!(" VALUES LESS THAN ({d})"),
                (_, Some(d)) => format!(" VALUES IN ({d})"),
            };
            format!("PARTITION {}{values}", quote(name))
        })
        .collect();
    out.push_str(&format!(" ({})", defs.join(", ")));
    out
}

fn column(r: &R, table_collation: Option<String>) -> Result<Column, Diagnostic> {
    let extra = r.text("extra")?.to_ascii_lowercase();
    let mut col = Column::new(
        r.text("column_name")?,
        canonical_type(D, &r.text("column_type")?),
    );
    col.nullable = r.text("is_nullable")?.eq_ignore_ascii_case("YES");
    col.comment = r.non_empty("comment")?;
    col.collation = r
        .opt("collation")?
        .filter(|c| Some(c) != table_collation.as_ref());
    if extra.contains("auto_increment") {
        col.identity = Some(Identity::AutoIncrement);
    }
    // `on update current_timestamp()` (MySQL 8 puts DEFAULT_GENERATED before it).
    if let Some((_, rest)) = extra.split_once("on update ") {
        let value = rest.split_whitespace().next().unwrap_or_default();
        col.on_update = Some(expr(D, value));
    }
    match r.non_empty("generation_expression")? {
        Some(g) => {
            col.generated = Some(Generated {
                expr: expr(D, &g),
                stored: extra.contains("stored") || extra.contains("persistent"),
            })
        }
        // MariaDB quotes string defaults and writes an explicit or implied DEFAULT NULL as
        // the text `NULL`; expressions come as written (`current_timestamp()`).
        None => {
            col.default = r
                .opt("default_value")?
                .and_then(|d| default_expr(D, &col.data_type, &d))
        }
    }
    Ok(col)
}

/// MariaDB stores JSON as `longtext` with a CHECK (json_valid(col)) named after the column;
/// that is the `json` type, not a user's check. The column gets its type back here.
fn is_json_check(table: &mut Table, check: &Check) -> bool {
    let Some(name) = check.name.as_deref() else {
        return false;
    };
    let Some(col) = table.column_mut(name) else {
        return false;
    };
    let is_json = col.data_type == "longtext"
        && check.expr == expr(D, &format!("json_valid(`{}`)", name.replace('`', "``")));
    if is_json {
        col.data_type = "json".into();
        col.collation = None;
    }
    is_json
}

fn indexes(schema: &mut Schema, rows: Rows) -> Result<(), Diagnostic> {
    for r in rows.iter() {
        let name = r.text("index_name")?;
        let part = IndexPart {
            descending: r.opt("collation")?.as_deref() == Some("D"),
            length: r.opt_int("sub_part")?.map(|n| n as u64),
            ..IndexPart::column(r.text("column_name")?)
        };
        let table = table_mut(schema, rows.query, &r.text("table_name")?)?;
        if name == "PRIMARY" {
            let pk = table.primary_key.get_or_insert(PrimaryKey {
                name: None,
                columns: Vec::new(),
                comment: None,
            });
            pk.columns.push(part.column);
            continue;
        }
        // Rows come ordered by index and position: a new name starts a new index.
        match table.indexes.last_mut() {
            Some(last) if last.name == name => last.parts.push(part),
            _ => {
                let kind = r.text("index_type")?.to_ascii_lowercase();
                table.indexes.push(Index {
                    name,
                    unique: !r.flag("non_unique")?,
                    parts: vec![part],
                    predicate: None,
                    method: (kind != "btree").then_some(kind),
                    fk_generated: Default::default(),
                    include: Vec::new(),
                    nulls_not_distinct: false,
                    storage: Vec::new(),
                    comment: None,
                });
            }
        }
    }
    // MariaDB reports a SUB_PART of 32 for a SPATIAL index's geometry: no prefix was written.
    for t in schema.tables.values_mut() {
        for i in t
            .indexes
            .iter_mut()
            .filter(|i| i.method.as_deref() == Some("spatial"))
        {
            i.parts.iter_mut().for_each(|p| p.length = None);
        }
    }
    Ok(())
}

fn foreign_keys(schema: &mut Schema, namespace: &str, rows: Rows) -> Result<(), Diagnostic> {
    for r in rows.iter() {
        let name = Some(r.text("name")?);
        let (column, ref_column) = (r.text("column_name")?, r.text("ref_column")?);
        let table = table_mut(schema, rows.query, &r.text("table_name")?)?;
        match table.foreign_keys.last_mut() {
            Some(last) if last.name == name => {
                last.columns.push(column);
                last.ref_columns.push(ref_column);
            }
            _ => table.foreign_keys.push(ForeignKey {
                name,
                columns: vec![column],
                ref_table: qualified(r.opt("ref_schema")?, namespace, r.text("ref_table")?),
                ref_columns: vec![ref_column],
                on_delete: mysql_action(&r.text("on_delete")?),
                on_update: mysql_action(&r.text("on_update")?),
                deferrable: Deferrable::NotDeferrable,
                not_valid: false,
                comment: None,
            }),
        }
    }
    Ok(())
}

/// InnoDB checks foreign keys immediately, so RESTRICT and NO ACTION are the same rule;
/// MariaDB reports an unspecified action as RESTRICT. Both are the default, `NoAction`.
fn mysql_action(rule: &str) -> FkAction {
    match fk_action(rule) {
        FkAction::Restrict => FkAction::NoAction,
        other => other,
    }
}
