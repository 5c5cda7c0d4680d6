//! Functions (PostgreSQL) and triggers (every dialect): catalog queries and their rows.
//!
//! Definitions come back as the server prints them: `pg_get_functiondef` and
//! `pg_get_triggerdef`, MySQL's information_schema.TRIGGERS rebuilt into a CREATE TRIGGER,
//! SQLite's sqlite_master text verbatim. The introspected namespace's qualifier is taken out
//! of PostgreSQL's, as the model writes that namespace's names bare.

use super::build::{qualified, sql_string, Scope};
use super::rows::{rows, unknown, R};
use super::Row;
use crate::canon::types::canonical_type;
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::model::{Function, Schema, Trigger};
use crate::render::ddl::quote;
use std::collections::BTreeMap;

pub(crate) fn queries(dialect: Dialect, scope: Scope) -> Vec<(&'static str, String)> {
    let namespace = scope.default;
    let ns = sql_string(dialect, namespace);
    let read = scope.filter("n.nspname");
    match dialect {
        Dialect::Postgres => vec![
            (
                "functions",
                // Plain functions and procedures, not aggregates or window functions, and not
                // those an extension brings. Argument types as [type schema, type name,
                // format_type, is array], the element type's for arrays, like columns.
                format!(
                    "SELECT n.nspname::text AS nsp, p.proname::text AS name, (p.prokind = 'p')::text AS procedure, \
                     CASE WHEN n.nspname = {ns} THEN quote_ident(n.nspname) END AS qualifier, \
                     pg_get_functiondef(p.oid) AS definition, \
                     obj_description(p.oid, 'pg_proc') AS comment, \
                     (SELECT json_agg(json_build_array(etn.nspname, et.typname, \
                        format_type(t.oid, NULL), t.typcategory = 'A') ORDER BY k.i) \
                      FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS k(typ, i) \
                      JOIN pg_catalog.pg_type t ON t.oid = k.typ \
                      JOIN pg_catalog.pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END \
                      JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace)::text AS args \
                     FROM pg_catalog.pg_proc p \
                     JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace \
                     WHERE {read} AND p.prokind IN ('f', 'p') \
                     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d \
                       WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') \
                     ORDER BY 1, 2, 5"
                ),
            ),
            (
                "triggers",
                // User triggers (not the ones foreign keys make, not partition clones) on the
                // tables and views the model holds.
                format!(
                    "SELECT n.nspname::text AS nsp, c.relname::text AS table_name, t.tgname::text AS name, \
                     CASE WHEN n.nspname = {ns} THEN quote_ident(n.nspname) END AS qualifier, \
                     pg_get_triggerdef(t.oid) AS definition, \
                     obj_description(t.oid, 'pg_trigger') AS comment, \
                     fn.nspname::text AS function_schema, p.proname::text AS function_name \
                     FROM pg_catalog.pg_trigger t \
                     JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid \
                     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                     JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid \
                     JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace \
                     WHERE {read} AND NOT t.tgisinternal AND t.tgparentid = 0 \
                     AND (c.relkind IN ('v', 'm') OR (c.relkind IN ('r', 'p') AND NOT c.relispartition)) \
                     ORDER BY 1, 2, 3"
                ),
            ),
        ],
        Dialect::Mysql => vec![(
            "triggers",
            format!(
                "SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS table_name, \
                 ACTION_TIMING AS timing, EVENT_MANIPULATION AS event, \
                 ACTION_ORIENTATION AS orientation, ACTION_STATEMENT AS statement \
                 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = {ns} \
                 ORDER BY EVENT_OBJECT_TABLE, TRIGGER_NAME"
            ),
        )],
        Dialect::Sqlite => {
            let master = format!("\"{}\".sqlite_master", namespace.replace('"', "\"\""));
            vec![(
                "triggers",
                format!(
                    "SELECT name AS name, tbl_name AS table_name, sql AS sql FROM {master} \
                     WHERE type = 'trigger' ORDER BY tbl_name, name"
                ),
            )]
        }
    }
}

pub(crate) fn from_rows(
    dialect: Dialect,
    namespace: &str,
    results: &BTreeMap<String, Vec<Row>>,
    schema: &mut Schema,
) -> Result<(), Diagnostic> {
    if dialect == Dialect::Postgres {
        for r in rows(results, "functions")?.iter() {
            let f = function(namespace, &r)?;
            schema.functions.insert(f.key(), f);
        }
    }
    let list = rows(results, "triggers")?;
    for r in list.iter() {
        let mut t = trigger(dialect, namespace, &r)?;
        if dialect == Dialect::Sqlite {
            // SQLite keeps the table name as the trigger spelled it; names are case-insensitive.
            let stored = schema
                .tables
                .keys()
                .chain(schema.views.keys())
                .find(|k| k.name.eq_ignore_ascii_case(&t.table.name));
            if let Some(k) = stored {
                t.table = k.clone();
            }
        }
        if !schema.tables.contains_key(&t.table) && !schema.views.contains_key(&t.table) {
            return Err(unknown(list.query, &format!("table `{}`", t.table)));
        }
        schema.triggers.insert(t.key(), t);
    }
    Ok(())
}

/// `text` without the first `{anchor}{qualifier}.`, the introspected namespace's own prefix;
/// objects of other namespaces (no qualifier) keep theirs.
fn unqualify(text: &str, anchor: &str, qualifier: Option<&str>) -> String {
    let Some(qualifier) = qualifier else {
        return text.to_string();
    };
    let needle = format!("{anchor}{qualifier}.");
    match text.find(&needle) {
        Some(at) => format!("{}{anchor}{}", &text[..at], &text[at + needle.len()..]),
        None => text.to_string(),
    }
}

fn function(namespace: &str, r: &R) -> Result<Function, Diagnostic> {
    let qualifier = r.opt("qualifier")?;
    let procedure = r.flag("procedure")?;
    let kind = if procedure { "PROCEDURE " } else { "FUNCTION " };
    let definition = unqualify(r.text("definition")?.trim(), kind, qualifier.as_deref())
        .trim_end_matches(';')
        .trim_end()
        .to_string();
    let args: Vec<(String, String, String, bool)> = r.list("args")?;
    let args: Vec<String> = args
        .into_iter()
        .map(|(schema, name, formatted, array)| {
            if schema == "pg_catalog" {
                canonical_type(Dialect::Postgres, &formatted)
            } else {
                let name = qualified(Some(schema), namespace, name).to_string();
                if array {
                    format!("{name}[]")
                } else {
                    name
                }
            }
        })
        .collect();
    Ok(Function {
        name: r.key(namespace, "name")?,
        args: args.join(", "),
        procedure,
        definition,
        comment: r.non_empty("comment")?,
    })
}

fn trigger(dialect: Dialect, namespace: &str, r: &R) -> Result<Trigger, Diagnostic> {
    let name = r.text("name")?;
    let table = r.key(namespace, "table_name")?;
    let comment = match dialect {
        Dialect::Postgres => r.non_empty("comment")?,
        _ => None,
    };
    let (definition, function) = match dialect {
        Dialect::Postgres => {
            let qualifier = r.opt("qualifier")?;
            let def = r.text("definition")?;
            let def = unqualify(&def, " ON ", qualifier.as_deref());
            let def = unqualify(&def, "EXECUTE FUNCTION ", qualifier.as_deref());
            let function = qualified(
                Some(r.text("function_schema")?),
                namespace,
                r.text("function_name")?,
            );
            (def, Some(function))
        }
        Dialect::Mysql => {
            let q = |s: &str| quote(Dialect::Mysql, s);
            let def = format!(
                "CREATE TRIGGER {} {} {} ON {} FOR EACH {} {}",
                q(&name),
                r.text("timing")?,
                r.text("event")?,
                q(&table.name),
                r.text("orientation")?,
                r.text("statement")?
            );
            (def, None)
        }
        Dialect::Sqlite => (r.text("sql")?, None),
    };
    Ok(Trigger {
        name,
        table,
        function,
        definition: definition
            .trim()
            .trim_end_matches(';')
            .trim_end()
            .to_string(),
        comment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QualifiedName;
    use crate::model::{Table, TriggerKey};
    use serde_json::json;

    fn results(id: &str, rows: serde_json::Value) -> BTreeMap<String, Vec<Row>> {
        let rows = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_object().unwrap().clone())
            .collect();
        [(id.to_string(), rows)].into_iter().collect()
    }

    fn with_table(dialect: Dialect, name: &str) -> Schema {
        let mut s = Schema::empty(dialect);
        s.tables.insert(
            QualifiedName::bare(name),
            Table::new(QualifiedName::bare(name)),
        );
        s
    }

    #[test]
    fn postgres_rows_lose_the_namespace_qualifier() {
        let mut r = results(
            "functions",
            json!([{"name": "touch", "procedure": "false", "qualifier": "\"my ns\"",
                    "definition": "CREATE OR REPLACE FUNCTION \"my ns\".touch(a integer, b mood[])\n RETURNS trigger\nAS $function$ x $function$\n",
                    "comment": "c",
                    "args": "[[\"pg_catalog\", \"int4\", \"integer\", false], [\"my ns\", \"mood\", \"mood[]\", true]]"}]),
        );
        r.extend(results(
            "triggers",
            json!([{"table_name": "t", "name": "t_touch", "qualifier": "\"my ns\"", "comment": null,
                    "definition": "CREATE TRIGGER t_touch BEFORE INSERT ON \"my ns\".t FOR EACH ROW EXECUTE FUNCTION \"my ns\".touch()",
                    "function_schema": "my ns", "function_name": "touch"}]),
        ));
        let mut s = with_table(Dialect::Postgres, "t");
        from_rows(Dialect::Postgres, "my ns", &r, &mut s).unwrap();
        let f = s.functions.values().next().unwrap();
        assert_eq!(f.args, "integer, mood[]");
        assert!(f
            .definition
            .starts_with("CREATE OR REPLACE FUNCTION touch(a integer"));
        assert_eq!(f.comment.as_deref(), Some("c"));
        let t = &s.triggers[&TriggerKey {
            table: QualifiedName::bare("t"),
            name: "t_touch".into(),
        }];
        assert_eq!(
            t.definition,
            "CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch()"
        );
        assert_eq!(t.function, Some(QualifiedName::bare("touch")));
    }

    #[test]
    fn mysql_and_sqlite_rows() {
        let r = results(
            "triggers",
            json!([{"name": "t_bi", "table_name": "t", "timing": "BEFORE", "event": "INSERT",
                    "orientation": "ROW", "statement": "SET NEW.n = 1"}]),
        );
        let mut s = with_table(Dialect::Mysql, "t");
        from_rows(Dialect::Mysql, "app", &r, &mut s).unwrap();
        assert_eq!(
            s.triggers.values().next().unwrap().definition,
            "CREATE TRIGGER `t_bi` BEFORE INSERT ON `t` FOR EACH ROW SET NEW.n = 1"
        );
        let r = results(
            "triggers",
            json!([{"name": "u_ins", "table_name": "Users", "sql": "CREATE TRIGGER u_ins AFTER INSERT ON Users BEGIN SELECT 1; END"}]),
        );
        let mut s = with_table(Dialect::Sqlite, "users");
        from_rows(Dialect::Sqlite, "main", &r, &mut s).unwrap();
        assert_eq!(
            s.triggers.keys().next().unwrap().table,
            QualifiedName::bare("users"),
            "SQLite table names ignore case"
        );
        let r = results(
            "triggers",
            json!([{"name": "x", "table_name": "ghost", "sql": "CREATE TRIGGER x AFTER INSERT ON ghost BEGIN SELECT 1; END"}]),
        );
        let err = from_rows(
            Dialect::Sqlite,
            "main",
            &r,
            &mut Schema::empty(Dialect::Sqlite),
        )
        .unwrap_err();
        assert_eq!(err.code, crate::diag::Code::InvalidIntrospectionRows);
    }
}
