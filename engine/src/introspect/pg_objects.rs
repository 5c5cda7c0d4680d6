//! PostgreSQL domains, extensions, and the comments on indexes, views, enum types and
//! constraints: catalog queries and their rows.
//!
//! Extensions are per database, so all of them are listed (but plpgsql, which every
//! database has), each with its schema relative to the introspected namespace. Domains and
//! comments are those of the namespace; domains an extension brings are left out.

use super::build::{default_expr, expr, qualified, sql_string, Scope};
use super::rows::{rows, R};
use super::Row;
use crate::canon::types::canonical_type;
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::model::{Check, Domain, Extension, Schema, Table};
use std::collections::BTreeMap;

const D: Dialect = Dialect::Postgres;

pub(crate) fn queries(dialect: Dialect, scope: Scope) -> Vec<(&'static str, String)> {
    if dialect != D {
        return Vec::new();
    }
    let ns = sql_string(D, scope.default);
    let read = scope.filter("n.nspname");
    let described = |oid: &str, catalog: &str| {
        format!(
            "JOIN pg_catalog.pg_description d ON d.objoid = {oid} \
             AND d.classoid = 'pg_catalog.{catalog}'::regclass AND d.objsubid = 0"
        )
    };
    vec![
        (
            "namespaces",
            // `public` is taken to exist everywhere, as ingestion takes it.
            format!(
                "SELECT n.nspname::text AS name FROM pg_catalog.pg_namespace n \
                 WHERE {read} AND n.nspname NOT IN ({ns}, 'public') ORDER BY 1"
            ),
        ),
        (
            "domains",
            // The base type as columns give theirs: its element type's name and namespace,
            // so user types are written relative to the introspected namespace.
            format!(
                "SELECT n.nspname::text AS nsp, t.typname::text AS domain_name, \
                 format_type(t.typbasetype, t.typtypmod) AS formatted_type, \
                 et.typname::text AS base_type, etn.nspname::text AS base_type_schema, \
                 (bt.typcategory = 'A')::text AS is_array, \
                 t.typnotnull::text AS not_null, t.typdefault AS default_expr, \
                 CASE WHEN t.typcollation <> bt.typcollation THEN co.collname::text END AS collation, \
                 obj_description(t.oid, 'pg_type') AS comment, \
                 (SELECT json_agg(json_build_array(con.conname, pg_get_expr(con.conbin, 0), \
                    obj_description(con.oid, 'pg_constraint')) ORDER BY con.conname) \
                  FROM pg_catalog.pg_constraint con \
                  WHERE con.contypid = t.oid AND con.contype = 'c')::text AS checks \
                 FROM pg_catalog.pg_type t \
                 JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
                 JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype \
                 JOIN pg_catalog.pg_type et ON et.oid = CASE WHEN bt.typcategory = 'A' AND bt.typelem <> 0 THEN bt.typelem ELSE bt.oid END \
                 JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace \
                 LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation \
                 WHERE {read} AND t.typtype = 'd' \
                 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep \
                   WHERE dep.classid = 'pg_catalog.pg_type'::regclass AND dep.objid = t.oid AND dep.deptype = 'e') \
                 ORDER BY 1, 2"
            ),
        ),
        (
            "extensions",
            // The schema only when it is not the introspected namespace.
            format!(
                "SELECT e.extname::text AS extension_name, \
                 NULLIF(n.nspname::text, {ns}) AS schema_name \
                 FROM pg_catalog.pg_extension e \
                 JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace \
                 WHERE e.extname <> 'plpgsql' ORDER BY 1"
            ),
        ),
        (
            "object_comments",
            // [kind, table (for indexes and constraints), name, comment]
            format!(
                "SELECT 'index' AS kind, n.nspname::text AS nsp, c.relname::text AS table_name, i.relname::text AS name, d.description AS comment \
                 FROM pg_catalog.pg_index ix \
                 JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid \
                 JOIN pg_catalog.pg_class c ON c.oid = ix.indrelid \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace {} \
                 WHERE {read} \
                 UNION ALL \
                 SELECT 'view', n.nspname::text, NULL, c.relname::text, d.description \
                 FROM pg_catalog.pg_class c \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace {} \
                 WHERE {read} AND c.relkind IN ('v', 'm') \
                 UNION ALL \
                 SELECT 'type', n.nspname::text, NULL, t.typname::text, d.description \
                 FROM pg_catalog.pg_type t \
                 JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace {} \
                 WHERE {read} AND t.typtype = 'e' \
                 UNION ALL \
                 SELECT 'constraint', n.nspname::text, c.relname::text, con.conname::text, d.description \
                 FROM pg_catalog.pg_constraint con \
                 JOIN pg_catalog.pg_class c ON c.oid = con.conrelid \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace {} \
                 WHERE {read} \
                 ORDER BY 1, 2, 3, 4",
                described("i.oid", "pg_class"),
                described("c.oid", "pg_class"),
                described("t.oid", "pg_type"),
                described("con.oid", "pg_constraint"),
            ),
        ),
    ]
}

pub(crate) fn from_rows(
    dialect: Dialect,
    namespace: &str,
    results: &BTreeMap<String, Vec<Row>>,
    schema: &mut Schema,
) -> Result<(), Diagnostic> {
    if dialect != D {
        return Ok(());
    }
    for r in rows(results, "namespaces")?.iter() {
        schema.namespaces.push(r.text("name")?);
    }
    for r in rows(results, "domains")?.iter() {
        let d = domain(namespace, r)?;
        schema.domains.insert(d.name.clone(), d);
    }
    for r in rows(results, "extensions")?.iter() {
        let name = r.text("extension_name")?;
        let schema_name = r.opt("schema_name")?.filter(|s| s != namespace);
        schema.extensions.insert(
            name.clone(),
            Extension {
                name,
                schema: schema_name,
            },
        );
    }
    for r in rows(results, "object_comments")?.iter() {
        comment(schema, namespace, r)?;
    }
    Ok(())
}

fn domain(namespace: &str, r: R) -> Result<Domain, Diagnostic> {
    let data_type = if r.text("base_type_schema")? == "pg_catalog" {
        canonical_type(D, &r.text("formatted_type")?)
    } else {
        let name = qualified(r.opt("base_type_schema")?, namespace, r.text("base_type")?);
        let suffix = if r.flag("is_array")? { "[]" } else { "" };
        format!("{name}{suffix}")
    };
    let mut d = Domain::new(r.key(namespace, "domain_name")?, data_type);
    d.not_null = r.flag("not_null")?;
    d.default = r
        .opt("default_expr")?
        .and_then(|e| default_expr(D, &d.data_type, &e));
    d.collation = r.opt("collation")?;
    d.comment = r.opt("comment")?;
    let checks: Vec<(String, String, Option<String>)> = r.list("checks")?;
    d.checks = checks
        .into_iter()
        .map(|(name, text, comment)| Check {
            name: Some(name),
            expr: expr(D, &text),
            not_valid: false,
            no_inherit: false,
            comment,
        })
        .collect();
    d.checks.sort();
    Ok(d)
}

/// One comment row; objects the model does not hold (the index behind a key) are skipped.
fn comment(schema: &mut Schema, namespace: &str, r: R) -> Result<(), Diagnostic> {
    let name = r.text("name")?;
    let text = r.opt("comment")?;
    fn table<'s>(
        schema: &'s mut Schema,
        namespace: &str,
        r: &R,
    ) -> Result<Option<&'s mut Table>, Diagnostic> {
        Ok(match r.opt("table_name")? {
            Some(_) => schema.tables.get_mut(&r.key(namespace, "table_name")?),
            None => None,
        })
    }
    let is = |n: &Option<String>| n.as_deref() == Some(name.as_str());
    match r.text("kind")?.as_str() {
        "index" => {
            if let Some(i) = table(schema, namespace, &r)?
                .and_then(|t| t.indexes.iter_mut().find(|i| i.name == name))
            {
                i.comment = text;
            }
        }
        "view" => {
            if let Some(v) = schema.views.get_mut(&r.key(namespace, "name")?) {
                v.comment = text;
            }
        }
        "type" => {
            if let Some(e) = schema.enums.get_mut(&r.key(namespace, "name")?) {
                e.comment = text;
            }
        }
        "constraint" => {
            let Some(t) = table(schema, namespace, &r)? else {
                return Ok(());
            };
            if let Some(pk) = t.primary_key.as_mut().filter(|p| is(&p.name)) {
                pk.comment = text;
            } else if let Some(u) = t.uniques.iter_mut().find(|u| is(&u.name)) {
                u.comment = text;
            } else if let Some(f) = t.foreign_keys.iter_mut().find(|f| is(&f.name)) {
                f.comment = text;
            } else if let Some(c) = t.checks.iter_mut().find(|c| is(&c.name)) {
                c.comment = text;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QualifiedName;
    use serde_json::json;

    fn results(rows: serde_json::Value) -> BTreeMap<String, Vec<Row>> {
        rows.as_object()
            .unwrap()
            .iter()
            .map(|(id, v)| {
                let list = v.as_array().unwrap();
                let rows = list.iter().map(|r| r.as_object().unwrap().clone());
                (id.clone(), rows.collect())
            })
            .collect()
    }

    #[test]
    fn rows_to_domains_extensions_and_comments() {
        let mut schema = Schema::empty(D);
        let mut t = Table::new(QualifiedName::bare("users"));
        t.indexes.push(crate::model::Index {
            name: "users_mail".into(),
            unique: false,
            parts: vec![crate::model::IndexPart::column("mail")],
            predicate: None,
            method: None,
            comment: None,
            fk_generated: Default::default(),
            include: Vec::new(),
            nulls_not_distinct: false,
            storage: Vec::new(),
        });
        t.primary_key = Some(crate::model::PrimaryKey {
            name: Some("users_pkey".into()),
            columns: vec!["id".into()],
            comment: None,
        });
        schema.tables.insert(t.name.clone(), t);
        let rows = results(json!({
            "namespaces": [{"name": "other"}],
            "domains": [
                {"domain_name": "score", "formatted_type": "numeric(5,2)", "base_type": "numeric",
                 "base_type_schema": "pg_catalog", "is_array": "false", "not_null": "true",
                 "default_expr": "1.50", "collation": null, "comment": "percent",
                 "checks": "[[\"score_check\", \"(VALUE >= (0)::numeric)\", \"positive\"]]"},
                {"domain_name": "tags", "formatted_type": "app.\"Tag\"[]", "base_type": "Tag",
                 "base_type_schema": "other", "is_array": "true", "not_null": "false",
                 "default_expr": null, "collation": "C", "comment": null, "checks": null}
            ],
            "extensions": [
                {"extension_name": "pgcrypto", "schema_name": null},
                {"extension_name": "citext", "schema_name": "ext"}
            ],
            "object_comments": [
                {"kind": "index", "table_name": "users", "name": "users_mail", "comment": "lookup"},
                {"kind": "index", "table_name": "users", "name": "users_pkey", "comment": "skipped"},
                {"kind": "constraint", "table_name": "users", "name": "users_pkey", "comment": "key"},
                {"kind": "view", "table_name": null, "name": "gone", "comment": "no such view"}
            ]
        }));
        from_rows(D, "app", &rows, &mut schema).unwrap();
        let score = &schema.domains[&QualifiedName::bare("score")];
        assert_eq!(score.data_type, "numeric(5,2)");
        assert_eq!(score.default.as_deref(), Some("1.5"));
        assert!(score.not_null);
        assert_eq!(score.checks[0].expr, "value >= 0");
        assert_eq!(score.checks[0].comment.as_deref(), Some("positive"));
        assert_eq!(schema.namespaces, ["other"]);
        let tags = &schema.domains[&QualifiedName::bare("tags")];
        assert_eq!(tags.data_type, "other.Tag[]");
        assert_eq!(tags.collation.as_deref(), Some("C"));
        assert_eq!(schema.extensions["citext"].schema.as_deref(), Some("ext"));
        assert_eq!(schema.extensions["pgcrypto"].schema, None);
        let users = &schema.tables[&QualifiedName::bare("users")];
        assert_eq!(users.indexes[0].comment.as_deref(), Some("lookup"));
        assert_eq!(
            users.primary_key.as_ref().unwrap().comment.as_deref(),
            Some("key")
        );
    }
}
