//! PostgreSQL 15: pg_catalog queries and their rows → model.

use super::build::{default_expr, explicit_nulls, expr, qualified, table_at, Scope};
use super::rows::{rows, Rows, R};
use super::Row;
use crate::canon::types::canonical_type;
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::model::*;
use crate::render::ddl::quote;

use std::collections::BTreeMap;

const D: Dialect = Dialect::Postgres;

/// Ordinary and partitioned tables; partitions belong to their parent.
const TABLE_KINDS: &str = "c.relkind IN ('r', 'p') AND NOT c.relispartition";

pub(crate) fn queries(scope: Scope) -> Vec<(&'static str, String)> {
    let ns = scope.filter("n.nspname");
    let from_tables = "FROM pg_catalog.pg_class c \
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace";
    // A JSON array of attribute names for an array of attnums, in the array's order.
    let names = |attnums: &str, rel: &str| {
        format!(
            "(SELECT json_agg(a.attname ORDER BY k.i) \
             FROM unnest({attnums}) WITH ORDINALITY AS k(attnum, i) \
             JOIN pg_catalog.pg_attribute a ON a.attrelid = {rel} AND a.attnum = k.attnum)::text"
        )
    };
    // The INCLUDE columns of index `ix`: those after its key columns.
    let include = |ix: &str| {
        format!(
            "COALESCE((SELECT json_agg(a.attname ORDER BY k) \
             FROM generate_series({ix}.indnkeyatts + 1, {ix}.indnatts) AS k \
             JOIN pg_catalog.pg_attribute a ON a.attrelid = {ix}.indrelid AND a.attnum = {ix}.indkey[k - 1]), '[]')::text"
        )
    };
    vec![
        (
            "tables",
            format!(
                "SELECT n.nspname::text AS nsp, c.relname::text AS table_name, \
                 obj_description(c.oid, 'pg_class') AS comment, \
                 array_to_json(c.reloptions)::text AS storage, \
                 (SELECT array_to_json(tc.reloptions) FROM pg_catalog.pg_class tc \
                  WHERE tc.oid = c.reltoastrelid)::text AS toast_storage, \
                 pt.partstrat::text AS partition_strategy, \
                 CASE WHEN NOT 0 = ANY(pt.partattrs::int2[]) THEN {} END AS partition_columns, \
                 CASE WHEN pt.partrelid IS NOT NULL THEN pg_get_partkeydef(c.oid) END AS partition_key, \
                 pn.nspname::text AS parent_nsp, pc.relname::text AS parent_table, \
                 CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound \
                 {from_tables} \
                 LEFT JOIN pg_catalog.pg_partitioned_table pt ON pt.partrelid = c.oid \
                 LEFT JOIN pg_catalog.pg_inherits inh ON inh.inhrelid = c.oid AND c.relispartition \
                 LEFT JOIN pg_catalog.pg_class pc ON pc.oid = inh.inhparent \
                 LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace \
                 WHERE {ns} AND c.relkind IN ('r', 'p') ORDER BY 1, 2",
                names("pt.partattrs::int2[]", "c.oid")
            ),
        ),
        (
            "columns",
            // The element type's own name and namespace, so user types are written relative
            // to the introspected namespace and not to the host's search_path.
            format!(
                "SELECT n.nspname::text AS nsp, c.relname::text AS table_name, a.attname::text AS column_name, \
                 format_type(a.atttypid, a.atttypmod) AS formatted_type, \
                 et.typname::text AS base_type, etn.nspname::text AS base_type_schema, \
                 (t.typcategory = 'A')::text AS is_array, \
                 a.attnotnull::text AS not_null, \
                 pg_get_expr(d.adbin, d.adrelid) AS default_expr, \
                 NULLIF(a.attidentity::text, '') AS identity, \
                 NULLIF(a.attgenerated::text, '') AS generated, \
                 (ss.seq IS NOT NULL)::text AS owns_sequence, \
                 (SELECT json_build_array(s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache, s.seqcycle) \
                  FROM pg_catalog.pg_sequence s WHERE s.seqrelid = ss.seq::regclass)::text AS sequence, \
                 CASE WHEN a.attcollation <> t.typcollation THEN co.collname::text END AS collation, \
                 col_description(c.oid, a.attnum) AS comment \
                 {from_tables} \
                 JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid \
                 JOIN pg_catalog.pg_type t ON t.oid = a.atttypid \
                 JOIN pg_catalog.pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END \
                 JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace \
                 LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
                 LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation \
                 CROSS JOIN LATERAL (SELECT pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS seq) ss \
                 WHERE {ns} AND {TABLE_KINDS} AND a.attnum > 0 AND NOT a.attisdropped \
                 ORDER BY 1, 2, a.attnum"
            ),
        ),
        (
            // Those with a parent constraint are the server's copies of it (a foreign key to
            // a partitioned table also points at each partition), as are a partition's
            // inherited checks.
            "constraints",
            format!(
                "SELECT n.nspname::text AS nsp, c.relname::text AS table_name, con.conname::text AS name, \
                 con.contype::text AS kind, \
                 {} AS columns, \
                 rn.nspname::text AS ref_schema, rc.relname::text AS ref_table, \
                 {} AS ref_columns, \
                 con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, \
                 con.condeferrable::text AS deferrable, con.condeferred::text AS deferred, \
                 pg_get_expr(con.conbin, con.conrelid) AS check_expr, \
                 COALESCE(ix.indnullsnotdistinct, false)::text AS nulls_not_distinct, \
                 (NOT con.convalidated)::text AS not_valid, con.connoinherit::text AS no_inherit, \
                 {} AS include, \
                 CASE WHEN con.contype = 'x' THEN pg_get_constraintdef(con.oid) END AS definition \
                 {from_tables} \
                 JOIN pg_catalog.pg_constraint con ON con.conrelid = c.oid \
                 LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid \
                 LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace \
                 LEFT JOIN pg_catalog.pg_index ix ON ix.indexrelid = con.conindid AND con.contype IN ('p', 'u') \
                 WHERE {ns} AND c.relkind IN ('r', 'p') AND con.contype IN ('p', 'u', 'f', 'c', 'x') \
                 AND con.conparentid = 0 AND (con.conislocal OR NOT c.relispartition) \
                 ORDER BY 1, 2, 3",
                names("con.conkey", "con.conrelid"),
                names("con.confkey", "con.confrelid"),
                include("ix"),
            ),
        ),
        (
            "indexes",
            // Indexes backing a constraint are the constraint, not an index of their own; a
            // partition's copies of its parent's (attached to them) are the parent's.
            // Each part is [column or null, expression text, indoption bits, operator class
            // unless it is a default one].
            format!(
                "SELECT n.nspname::text AS nsp, c.relname::text AS table_name, i.relname::text AS index_name, \
                 ix.indisunique::text AS is_unique, am.amname::text AS method, \
                 pg_get_expr(ix.indpred, ix.indrelid) AS predicate, \
                 (SELECT json_agg(json_build_array( \
                    (SELECT a.attname FROM pg_catalog.pg_attribute a \
                     WHERE a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1] AND ix.indkey[k - 1] <> 0), \
                    pg_get_indexdef(ix.indexrelid, k, false), \
                    ix.indoption[k - 1]::int, \
                    (SELECT opc.opcname FROM pg_catalog.pg_opclass opc \
                     WHERE opc.oid = ix.indclass[k - 1] AND NOT opc.opcdefault)) ORDER BY k) \
                  FROM generate_series(1, ix.indnkeyatts) AS k)::text AS parts, \
                 {} AS include, ix.indnullsnotdistinct::text AS nulls_not_distinct, \
                 array_to_json(i.reloptions)::text AS storage \
                 {from_tables} \
                 JOIN pg_catalog.pg_index ix ON ix.indrelid = c.oid \
                 JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid \
                 JOIN pg_catalog.pg_am am ON am.oid = i.relam \
                 WHERE {ns} AND c.relkind IN ('r', 'p') AND NOT i.relispartition \
                 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con \
                   WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x')) \
                 ORDER BY 1, 2, 3",
                include("ix")
            ),
        ),
        (
            "enums",
            format!(
                "SELECT n.nspname::text AS nsp, t.typname::text AS type_name, \
                 (SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) \
                  FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid)::text AS labels \
                 FROM pg_catalog.pg_type t \
                 JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
                 WHERE {ns} AND t.typtype = 'e' ORDER BY 1, 2"
            ),
        ),
        (
            "views",
            // What a view reads is recorded as dependencies of its rewrite rule.
            format!(
                "SELECT n.nspname::text AS nsp, c.relname::text AS view_name, (c.relkind = 'm')::text AS materialized, \
                 pg_get_viewdef(c.oid, true) AS definition, \
                 (SELECT jsonb_agg(DISTINCT jsonb_build_array(rn.nspname, rc.relname)) \
                  FROM pg_catalog.pg_rewrite r \
                  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass \
                    AND d.objid = r.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass \
                  JOIN pg_catalog.pg_class rc ON rc.oid = d.refobjid \
                  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace \
                  WHERE r.ev_class = c.oid AND rc.oid <> c.oid \
                    AND rc.relkind IN ('r', 'p', 'v', 'm', 'f'))::text AS reads \
                 {from_tables} WHERE {ns} AND c.relkind IN ('v', 'm') ORDER BY 1, 2"
            ),
        ),
    ]
}

pub(crate) fn from_rows(
    namespace: &str,
    results: &BTreeMap<String, Vec<Row>>,
) -> Result<Schema, Diagnostic> {
    let mut schema = Schema::empty(D);
    for r in rows(results, "tables")?.iter() {
        let mut t = Table::new(r.key(namespace, "table_name")?);
        t.comment = r.opt("comment")?;
        t.options.storage = storage(&r, "storage", "")?;
        t.options
            .storage
            .extend(storage(&r, "toast_storage", "toast.")?);
        t.options.storage.sort();
        t.options.partition = partition_key(&r)?;
        if let Some(bound) = r.opt("partition_bound")? {
            t.options.partition_of = Some(PartitionOf {
                parent: qualified(r.opt("parent_nsp")?, namespace, r.text("parent_table")?),
                bound,
            });
        }
        schema.tables.insert(t.name.clone(), t);
    }
    columns(&mut schema, namespace, rows(results, "columns")?)?;
    constraints(&mut schema, namespace, rows(results, "constraints")?)?;
    indexes(&mut schema, namespace, rows(results, "indexes")?)?;
    partition_bounds(&mut schema);
    for r in rows(results, "enums")?.iter() {
        let name = r.key(namespace, "type_name")?;
        let values = r.list("labels")?;
        schema.enums.insert(
            name.clone(),
            EnumType {
                name,
                values,
                comment: None,
            },
        );
    }
    for r in rows(results, "views")?.iter() {
        let v = view(namespace, r)?;
        schema.views.insert(v.name.clone(), v);
    }
    Ok(schema)
}

/// Bounds in the form SQL input gets (timestamptz values in UTC: the server printed them in
/// the session's TimeZone).
fn partition_bounds(schema: &mut Schema) {
    let tables = &schema.tables;
    let bounds: Vec<(QualifiedName, String)> = tables
        .values()
        .filter_map(|t| {
            let p = t.options.partition_of.as_ref()?;
            let parent = tables.get(&p.parent)?;
            let bound = crate::ingest::pg_partition::printed_bound(tables, parent, &p.bound);
            Some((t.name.clone(), bound))
        })
        .collect();
    for (name, bound) in bounds {
        if let Some(p) = schema
            .tables
            .get_mut(&name)
            .and_then(|t| t.options.partition_of.as_mut())
        {
            p.bound = bound;
        }
    }
}

/// `PARTITION BY RANGE ("at")` as ingest writes a key on columns; a key on expressions as
/// the server prints it.
fn partition_key(r: &R) -> Result<Option<String>, Diagnostic> {
    let Some(strategy) = r.opt("partition_strategy")? else {
        return Ok(None);
    };
    let columns: Vec<String> = r.list("partition_columns")?;
    if columns.is_empty() {
        return Ok(Some(format!("PARTITION BY {}", r.text("partition_key")?)));
    }
    let word = match strategy.as_str() {
        "r" => "RANGE",
        "l" => "LIST",
        "h" => "HASH",
        other => return Err(r.bad("partition_strategy", &format!("unknown strategy `{other}`"))),
    };
    let cols: Vec<String> = columns.iter().map(|c| quote(D, c)).collect();
    Ok(Some(format!("PARTITION BY {word} ({})", cols.join(", "))))
}

fn columns(schema: &mut Schema, namespace: &str, rows: Rows) -> Result<(), Diagnostic> {
    for r in rows.iter() {
        let mut col = Column::new(r.text("column_name")?, column_type(namespace, &r)?);
        col.nullable = !r.flag("not_null")?;
        col.collation = r.opt("collation")?;
        col.comment = r.opt("comment")?;
        let default = r.opt("default_expr")?;
        col.identity = match r.opt("identity")?.as_deref() {
            Some("a") => Some(Identity::Always),
            Some("d") => Some(Identity::ByDefault),
            _ => None,
        };
        if r.opt("generated")?.is_some() {
            col.generated = default.as_deref().map(|e| Generated {
                expr: expr(D, e),
                stored: true,
            });
        } else if col.identity.is_none()
            && r.flag("owns_sequence")?
            && default
                .as_deref()
                .is_some_and(|d| d.starts_with("nextval("))
        {
            // serial: the nextval() default is implied by the identity.
            col.identity = Some(Identity::Serial);
        } else {
            col.default = default
                .as_deref()
                .and_then(|e| default_expr(D, &col.data_type, e));
        }
        if col.identity.is_some() {
            col.sequence = sequence(&r, &col.data_type)?.map(Box::new);
        }
        table_at(schema, rows.query, &r.key(namespace, "table_name")?)?
            .columns
            .push(col);
    }
    Ok(())
}

/// The options of the sequence a serial or identity column owns, as the model keeps them.
fn sequence(r: &R, data_type: &str) -> Result<Option<SequenceOptions>, Diagnostic> {
    let v: Vec<serde_json::Value> = r.list("sequence")?;
    if v.is_empty() {
        return Ok(None);
    }
    let n = |i: usize| v.get(i).and_then(serde_json::Value::as_i64);
    let e = EffectiveSequence {
        increment: n(0).unwrap_or(1),
        min: n(1).unwrap_or(1),
        max: n(2).unwrap_or(i64::MAX),
        start: n(3).unwrap_or(1),
        cache: n(4).unwrap_or(1),
        cycle: v
            .get(5)
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false),
    };
    Ok(e.options(data_type))
}

/// Built-in types as format_type() prints them; user types (enums, domains) by name,
/// qualified only when they live outside the introspected namespace.
fn column_type(namespace: &str, r: &R) -> Result<String, Diagnostic> {
    let schema = r.text("base_type_schema")?;
    if schema == "pg_catalog" {
        return Ok(canonical_type(D, &r.text("formatted_type")?));
    }
    let name = qualified(Some(schema), namespace, r.text("base_type")?);
    let suffix = if r.flag("is_array")? { "[]" } else { "" };
    Ok(format!("{name}{suffix}"))
}

fn constraints(schema: &mut Schema, namespace: &str, rows: Rows) -> Result<(), Diagnostic> {
    for r in rows.iter() {
        let name = Some(r.text("name")?);
        let columns: Vec<String> = r.list("columns")?;
        let kind = r.text("kind")?;
        let table = table_at(schema, rows.query, &r.key(namespace, "table_name")?)?;
        match kind.as_str() {
            "p" => {
                table.primary_key = Some(PrimaryKey {
                    name,
                    columns,
                    comment: None,
                })
            }
            "u" => table.uniques.push(UniqueConstraint {
                name,
                columns,
                nulls_not_distinct: r.flag("nulls_not_distinct")?,
                include: r.list("include")?,
                comment: None,
            }),
            "x" => {
                let def = r.text("definition")?;
                let x = crate::ingest::exclusion::from_definition(&r.text("name")?, &def)
                    .ok_or_else(|| {
                        super::rows::invalid(format!(
                            "introspection query `{}` gave an exclusion constraint that does not read: {def}",
                            rows.query
                        ))
                    })?;
                table.exclusions.push(x);
            }
            "c" => table.checks.push(Check {
                name,
                expr: expr(D, &r.text("check_expr")?),
                not_valid: r.flag("not_valid")?,
                no_inherit: r.flag("no_inherit")?,
                comment: None,
            }),
            _ => table.foreign_keys.push(ForeignKey {
                name,
                columns,
                ref_table: qualified(r.opt("ref_schema")?, namespace, r.text("ref_table")?),
                ref_columns: r.list("ref_columns")?,
                on_delete: action(&r.text("on_delete")?),
                on_update: action(&r.text("on_update")?),
                deferrable: match (r.flag("deferrable")?, r.flag("deferred")?) {
                    (false, _) => Deferrable::NotDeferrable,
                    (true, false) => Deferrable::InitiallyImmediate,
                    (true, true) => Deferrable::InitiallyDeferred,
                },
                not_valid: r.flag("not_valid")?,
                comment: None,
            }),
        }
    }
    Ok(())
}

/// pg_constraint.confdeltype / confupdtype codes.
fn action(code: &str) -> FkAction {
    match code {
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

/// reloptions as a JSON array of `name=value`, or null; `prefix` names the TOAST table's.
fn storage(r: &R, column: &str, prefix: &str) -> Result<Vec<StorageParam>, Diagnostic> {
    let entries: Vec<String> = match r.opt(column)? {
        Some(_) => r.list(column)?,
        None => Vec::new(),
    };
    let mut out: Vec<StorageParam> = entries
        .iter()
        .map(|e| StorageParam::from_reloption(&format!("{prefix}{e}")))
        .collect();
    out.sort();
    Ok(out)
}

fn indexes(schema: &mut Schema, namespace: &str, rows: Rows) -> Result<(), Diagnostic> {
    for r in rows.iter() {
        let parts: Vec<(Option<String>, String, i64, Option<String>)> = r.list("parts")?;
        let method = r.text("method")?;
        let index = Index {
            name: r.text("index_name")?,
            unique: r.flag("is_unique")?,
            parts: parts.into_iter().map(index_part).collect(),
            predicate: r.opt("predicate")?.map(|p| expr(D, &p)),
            method: (method != "btree").then_some(method),
            fk_generated: Default::default(),
            include: r.list("include")?,
            nulls_not_distinct: r.flag("nulls_not_distinct")?,
            storage: storage(&r, "storage", "")?,
            comment: None,
        };
        table_at(schema, rows.query, &r.key(namespace, "table_name")?)?
            .indexes
            .push(index);
    }
    Ok(())
}

/// indoption bit 0 is DESC, bit 1 NULLS FIRST.
fn index_part(
    (column, text, option, opclass): (Option<String>, String, i64, Option<String>),
) -> IndexPart {
    let descending = option & 1 != 0;
    let nulls_first = explicit_nulls(descending, option & 2 != 0);
    let base = match column {
        Some(c) => IndexPart::column(c),
        None => IndexPart {
            expression: true,
            ..IndexPart::column(expr(D, &text))
        },
    };
    IndexPart {
        descending,
        nulls_first,
        opclass,
        ..base
    }
}

fn view(namespace: &str, r: R) -> Result<View, Diagnostic> {
    let reads: Vec<(String, String)> = r.list("reads")?;
    let mut reads: Vec<QualifiedName> = reads
        .into_iter()
        .map(|(ns, name)| qualified(Some(ns), namespace, name))
        .collect();
    reads.sort();
    let definition = r.text("definition")?;
    Ok(View {
        name: r.key(namespace, "view_name")?,
        definition: definition
            .trim()
            .trim_end_matches(';')
            .trim_end()
            .to_string(),
        reads,
        materialized: r.flag("materialized")?,
        comment: None,
    })
}
