//! Row fixtures shaped like what the servers return (captured from PostgreSQL 15, MariaDB
//! 10.11 and SQLite 3.4x), turned into the model.

use super::*;
use crate::diag::Code;
use crate::model::*;
use serde_json::{json, Value};

fn results(queries: &[(&str, Value)]) -> BTreeMap<String, Vec<Row>> {
    let mut out: BTreeMap<String, Vec<Row>> = queries
        .iter()
        .map(|(id, rows)| {
            let rows = rows
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_object().unwrap().clone())
                .collect();
            (id.to_string(), rows)
        })
        .collect();
    // Captured before functions, triggers, privileges, policies, domains, extensions and
    // object comments were read: none on these servers.
    for id in [
        "namespaces",
        "functions",
        "triggers",
        "table_access",
        "sequence_grants",
        "policies",
        "domains",
        "extensions",
        "object_comments",
    ] {
        out.entry(id.to_string()).or_default();
    }
    out
}

/// Rows of the `tables` query, the columns a row leaves out NULL.
fn tables(rows: Value) -> Value {
    let blank = json!({
        "comment": null, "storage": null, "toast_storage": null, "partition_strategy": null,
        "partition_columns": null, "partition_key": null, "parent_nsp": null,
        "parent_table": null, "partition_bound": null
    });
    let rows = rows.as_array().unwrap().iter().map(|r| {
        let mut row = blank.clone();
        row.as_object_mut()
            .unwrap()
            .extend(r.as_object().unwrap().clone());
        row
    });
    Value::Array(rows.collect())
}

fn postgres_rows() -> BTreeMap<String, Vec<Row>> {
    let col = |table: &str, name: &str, ty: &str, extra: Value| {
        let mut row = json!({
            "table_name": table, "column_name": name, "formatted_type": ty,
            "base_type": ty, "base_type_schema": "pg_catalog", "is_array": "false",
            "not_null": "false", "default_expr": null, "identity": null, "generated": null,
            "owns_sequence": "false", "sequence": null, "collation": null, "comment": null
        });
        row.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        row
    };
    results(&[
        (
            "tables",
            tables(
                json!([{"table_name": "users", "comment": "people", "storage": "[\"fillfactor=70\"]",
                     "toast_storage": "[\"autovacuum_enabled=false\"]"},
                    {"table_name": "posts"},
                    {"table_name": "events", "partition_strategy": "l",
                     "partition_columns": "[\"kind\"]", "partition_key": "LIST (kind)"},
                    {"table_name": "events_a", "parent_nsp": "app", "parent_table": "events",
                     "partition_bound": "FOR VALUES IN ('a')"}]),
            ),
        ),
        (
            "columns",
            json!([
                col(
                    "users",
                    "id",
                    "integer",
                    json!({"not_null": "true", "default_expr": "nextval('users_id_seq'::regclass)", "owns_sequence": "true",
                           "sequence": "[5, 1, 2147483647, 1, 1, false]"})
                ),
                col(
                    "users",
                    "email",
                    "character varying(255)",
                    json!({"not_null": true, "collation": "C", "comment": "login"})
                ),
                col(
                    "users",
                    "mood",
                    "mood",
                    json!({"base_type_schema": "app", "default_expr": "'ok'::mood"})
                ),
                col(
                    "users",
                    "tags",
                    "text[]",
                    json!({"base_type": "_text", "is_array": "true"})
                ),
                col(
                    "users",
                    "price",
                    "numeric(10,2)",
                    json!({"default_expr": "0.00"})
                ),
                col(
                    "users",
                    "lower_email",
                    "text",
                    json!({"generated": "s", "default_expr": "lower((email)::text)"})
                ),
                col(
                    "posts",
                    "id",
                    "bigint",
                    json!({"not_null": "t", "identity": "a", "owns_sequence": "true"})
                ),
                col("posts", "user_id", "integer", json!({})),
            ]),
        ),
        (
            "constraints",
            json!([
                {"table_name": "posts", "name": "posts_user_id_fkey", "kind": "f", "columns": "[\"user_id\"]",
                 "ref_schema": "app", "ref_table": "users", "ref_columns": "[\"id\"]", "on_delete": "c",
                 "on_update": "a", "deferrable": "true", "deferred": "false", "check_expr": null,
                 "nulls_not_distinct": "false", "not_valid": "false", "no_inherit": "false"},
                {"table_name": "users", "name": "users_pkey", "kind": "p", "columns": "[\"id\"]",
                 "ref_schema": null, "ref_table": null, "ref_columns": null, "on_delete": " ",
                 "on_update": " ", "deferrable": "false", "deferred": "false", "check_expr": null,
                 "nulls_not_distinct": "false", "not_valid": "false", "no_inherit": "false"},
                {"table_name": "users", "name": "users_price_check", "kind": "c", "columns": "[\"price\"]",
                 "ref_schema": null, "ref_table": null, "ref_columns": null, "on_delete": " ",
                 "on_update": " ", "deferrable": "false", "deferred": "false",
                 "check_expr": "((price > (0)::numeric) AND (price < (100)::numeric))", "nulls_not_distinct": "false", "not_valid": "false", "no_inherit": "false"},
                {"table_name": "users", "name": "users_email_excl", "kind": "x", "columns": "[\"email\"]",
                 "ref_schema": null, "ref_table": null, "ref_columns": null, "on_delete": " ",
                 "on_update": " ", "deferrable": "false", "deferred": "false", "check_expr": null,
                 "nulls_not_distinct": "false", "include": "[]", "not_valid": "false", "no_inherit": "false",
                 "definition": "EXCLUDE USING btree (lower((email)::text) WITH =) WHERE (((email)::text <> ''::text))"},
            ]),
        ),
        (
            "indexes",
            json!([
                {"table_name": "users", "index_name": "users_lower_idx", "is_unique": "true", "method": "btree",
                 "predicate": "(price > (10)::numeric)",
                 "parts": "[[null, \"lower((email)::text)\", 0, \"text_pattern_ops\"], [\"id\", \"id\", 3, null]]",
                 "include": "[\"price\"]", "nulls_not_distinct": "true", "storage": null},
                {"table_name": "users", "index_name": "users_tags_idx", "is_unique": "false", "method": "gin",
                 "predicate": null, "parts": "[[\"tags\", \"tags\", 2, null]]",
                 "include": "[]", "nulls_not_distinct": "false", "storage": "[\"fastupdate=off\"]"},
            ]),
        ),
        (
            "enums",
            json!([{"type_name": "mood", "labels": "[\"sad\", \"ok\"]"}]),
        ),
        (
            "views",
            json!([{"view_name": "v", "materialized": "false",
            "definition": " SELECT users.id\n   FROM users;", "reads": "[[\"app\", \"users\"], [\"other\", \"t\"]]"}]),
        ),
    ])
}

#[test]
fn postgres_rows_to_model() {
    let s = from_rows(Dialect::Postgres, "app", &postgres_rows()).unwrap();
    let users = &s.tables[&QualifiedName::bare("users")];
    let col = |n: &str| users.column(n).unwrap();
    let events = &s.tables[&QualifiedName::bare("events")].options;
    assert_eq!(
        events.partition.as_deref(),
        Some("PARTITION BY LIST (\"kind\")")
    );
    let a = &s.tables[&QualifiedName::bare("events_a")].options;
    assert_eq!(
        a.partition_of,
        Some(PartitionOf {
            parent: QualifiedName::bare("events"),
            bound: "FOR VALUES IN ('a')".into()
        })
    );
    assert_eq!(col("id").identity, Some(Identity::Serial));
    assert_eq!(col("id").sequence.as_ref().unwrap().increment, Some(5));
    assert_eq!(col("id").default, None);
    assert!(!col("id").nullable);
    assert_eq!(col("email").collation.as_deref(), Some("C"));
    assert_eq!(
        col("mood").data_type,
        "mood",
        "types in the introspected schema are unqualified"
    );
    assert_eq!(col("mood").default.as_deref(), Some("'ok'"));
    assert_eq!(col("tags").data_type, "text[]");
    assert_eq!(col("price").default.as_deref(), Some("0"));
    assert_eq!(
        col("lower_email").generated.as_ref().unwrap().expr,
        "lower(email)"
    );
    assert_eq!(col("lower_email").default, None);
    assert_eq!(users.checks[0].expr, "price > 0 AND price < 100");
    assert_eq!(
        users.primary_key.as_ref().unwrap().name.as_deref(),
        Some("users_pkey")
    );
    let idx = &users.indexes[0];
    assert_eq!(idx.parts[0].column, "lower(email)");
    assert!(idx.parts[0].expression);
    assert_eq!(
        (idx.parts[1].descending, idx.parts[1].nulls_first),
        (true, None)
    );
    assert_eq!(idx.predicate.as_deref(), Some("price > 10"));
    assert_eq!(idx.method, None);
    assert_eq!(users.indexes[1].parts[0].nulls_first, Some(true));
    assert_eq!(users.indexes[1].method.as_deref(), Some("gin"));
    assert_eq!(idx.parts[0].opclass.as_deref(), Some("text_pattern_ops"));
    let ex = &users.exclusions[0];
    assert_eq!(ex.name.as_deref(), Some("users_email_excl"));
    assert_eq!(
        (ex.method.as_deref(), ex.elements[0].operator.as_str()),
        (None, "=")
    );
    assert!(ex.elements[0].part.expression && ex.predicate.is_some());
    assert_eq!(
        (idx.include.as_slice(), idx.nulls_not_distinct),
        (&["price".to_string()][..], true)
    );
    let storage = |v: &[StorageParam]| -> Vec<String> {
        v.iter()
            .map(|p| format!("{}={}", p.name, p.value))
            .collect()
    };
    assert_eq!(storage(&users.indexes[1].storage), ["fastupdate=off"]);
    assert_eq!(
        storage(&users.options.storage),
        ["fillfactor=70", "toast.autovacuum_enabled=false"]
    );
    let posts = &s.tables[&QualifiedName::bare("posts")];
    assert_eq!(posts.columns[0].identity, Some(Identity::Always));
    let fk = &posts.foreign_keys[0];
    assert_eq!(fk.ref_table, QualifiedName::bare("users"));
    assert_eq!(fk.on_delete, FkAction::Cascade);
    assert_eq!(fk.deferrable, Deferrable::InitiallyImmediate);
    assert_eq!(s.enums[&QualifiedName::bare("mood")].values, ["sad", "ok"]);
    let v = &s.views[&QualifiedName::bare("v")];
    assert_eq!(v.definition, "SELECT users.id\n   FROM users");
    assert_eq!(
        v.reads,
        [
            QualifiedName::bare("users"),
            QualifiedName::new(Some("other".into()), "t")
        ]
    );
}

#[test]
fn missing_result_or_column_names_the_query() {
    let mut rows = postgres_rows();
    rows.remove("enums");
    let err = from_rows(Dialect::Postgres, "app", &rows).unwrap_err();
    assert_eq!(err.code, Code::InvalidIntrospectionRows);
    assert!(err.message.contains("`enums`"), "{}", err.message);

    let mut rows = postgres_rows();
    rows.get_mut("columns").unwrap()[0].remove("not_null");
    let err = from_rows(Dialect::Postgres, "app", &rows).unwrap_err();
    assert_eq!(err.code, Code::InvalidIntrospectionRows);
    assert!(
        err.message.contains("`columns`") && err.message.contains("`not_null`"),
        "{}",
        err.message
    );
}

#[test]
fn rows_for_an_unknown_table_are_refused() {
    let mut rows = postgres_rows();
    rows.get_mut("indexes").unwrap()[0].insert("table_name".into(), json!("ghost"));
    let err = from_rows(Dialect::Postgres, "app", &rows).unwrap_err();
    assert_eq!(err.code, Code::InvalidIntrospectionRows);
    assert!(err.message.contains("ghost"));
}

#[test]
fn mariadb_rows_to_model() {
    let col = |table: &str, name: &str, ty: &str, extra: Value| {
        let mut row = json!({
            "table_name": table, "column_name": name, "column_type": ty, "is_nullable": "YES",
            "default_value": "NULL", "extra": "", "generation_expression": null,
            "collation": null, "comment": ""
        });
        row.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        row
    };
    let rows = results(&[
        ("database", json!([{"collation": "utf8mb4_general_ci"}])),
        (
            "tables",
            json!([{"table_name": "users", "comment": "", "collation": "utf8mb4_general_ci", "engine": "InnoDB"},
                          {"table_name": "posts", "comment": "p", "collation": "latin1_swedish_ci", "engine": "MyISAM"}]),
        ),
        (
            "columns",
            json!([
                col(
                    "users",
                    "id",
                    "int(11) unsigned",
                    json!({"is_nullable": "NO", "default_value": null, "extra": "auto_increment"})
                ),
                col(
                    "users",
                    "name",
                    "varchar(20)",
                    json!({"default_value": "'it''s'", "collation": "utf8mb4_general_ci"})
                ),
                col(
                    "users",
                    "code",
                    "varchar(20)",
                    json!({"collation": "utf8mb4_bin"})
                ),
                col(
                    "users",
                    "doc",
                    "longtext",
                    json!({"collation": "utf8mb4_bin"})
                ),
                col(
                    "users",
                    "ts",
                    "timestamp",
                    json!({"is_nullable": "NO", "default_value": "current_timestamp()", "extra": "on update current_timestamp()"})
                ),
                col(
                    "users",
                    "n",
                    "decimal(10,2)",
                    json!({"default_value": "0.00"})
                ),
                col(
                    "users",
                    "g",
                    "int(11)",
                    json!({"extra": "STORED GENERATED", "generation_expression": "`n` + 1"})
                ),
                col(
                    "posts",
                    "user_id",
                    "int(10) unsigned",
                    json!({"is_nullable": "NO", "default_value": null})
                ),
            ]),
        ),
        (
            "indexes",
            json!([
                {"table_name": "posts", "index_name": "user_id", "non_unique": "1", "column_name": "user_id", "collation": "A", "sub_part": null, "index_type": "BTREE"},
                {"table_name": "users", "index_name": "PRIMARY", "non_unique": 0, "column_name": "id", "collation": "A", "sub_part": null, "index_type": "BTREE"},
                {"table_name": "users", "index_name": "name", "non_unique": "0", "column_name": "name", "collation": "A", "sub_part": "10", "index_type": "BTREE"},
                {"table_name": "users", "index_name": "name", "non_unique": "0", "column_name": "code", "collation": "D", "sub_part": null, "index_type": "BTREE"},
            ]),
        ),
        (
            "foreign_keys",
            json!([
                {"table_name": "posts", "name": "posts_ibfk_1", "column_name": "user_id", "ref_schema": "app",
                 "ref_table": "users", "ref_column": "id", "on_update": "RESTRICT", "on_delete": "CASCADE"},
            ]),
        ),
        (
            "checks",
            json!([
                {"table_name": "users", "name": "doc", "clause": "json_valid(`doc`)"},
                {"table_name": "users", "name": "CONSTRAINT_1", "clause": "`n` >= 0"},
            ]),
        ),
        (
            "views",
            json!([{"view_name": "v", "definition": "select `app`.`users`.`id` AS `id` from `app`.`users`"}]),
        ),
    ]);
    let s = from_rows(Dialect::Mysql, "app", &rows).unwrap();
    let users = &s.tables[&QualifiedName::bare("users")];
    let col = |n: &str| users.column(n).unwrap();
    assert_eq!(col("id").data_type, "int unsigned");
    assert_eq!(col("id").identity, Some(Identity::AutoIncrement));
    assert_eq!(col("id").default, None);
    assert_eq!(col("name").default.as_deref(), Some("'it''s'"));
    assert_eq!(col("name").collation, None);
    assert_eq!(col("code").collation.as_deref(), Some("utf8mb4_bin"));
    assert_eq!(col("code").default, None, "'NULL' is DEFAULT NULL");
    assert_eq!(
        (
            col("doc").data_type.as_str(),
            col("doc").collation.as_deref()
        ),
        ("json", None)
    );
    assert_eq!(col("ts").default.as_deref(), Some("CURRENT_TIMESTAMP"));
    assert_eq!(col("ts").on_update.as_deref(), Some("CURRENT_TIMESTAMP"));
    assert_eq!(s.default_collation.as_deref(), Some("utf8mb4_general_ci"));
    assert!(
        users.options.is_default(),
        "InnoDB, the database's collation"
    );
    assert_eq!(col("n").default.as_deref(), Some("0"));
    assert_eq!(
        col("g").generated,
        Some(Generated {
            expr: "n + 1".into(),
            stored: true
        })
    );
    assert_eq!(
        users.checks,
        [Check {
            name: Some("CONSTRAINT_1".into()),
            expr: "n >= 0".into(),
            not_valid: false,
            no_inherit: false,
            comment: None,
        }]
    );
    assert_eq!(
        users.primary_key,
        Some(PrimaryKey {
            name: None,
            columns: vec!["id".into()],
            comment: None,
        })
    );
    let idx = &users.indexes[0];
    assert!(idx.unique);
    assert_eq!(
        (idx.parts[0].length, idx.parts[1].descending),
        (Some(10), true)
    );
    let posts = &s.tables[&QualifiedName::bare("posts")];
    assert_eq!(posts.comment.as_deref(), Some("p"));
    assert_eq!(posts.options.engine.as_deref(), Some("MyISAM"));
    assert_eq!(
        posts.options.collation.as_deref(),
        Some("latin1_swedish_ci")
    );
    assert_eq!(posts.indexes[0].name, "user_id");
    let fk = &posts.foreign_keys[0];
    assert_eq!(
        (fk.on_delete, fk.on_update),
        (FkAction::Cascade, FkAction::NoAction)
    );
    assert_eq!(fk.ref_table, QualifiedName::bare("users"));
    assert_eq!(
        s.views[&QualifiedName::bare("v")].reads,
        [QualifiedName::bare("users")]
    );
}

#[test]
fn sqlite_rows_to_model() {
    let col = |table: &str, name: &str, ty: &str, extra: Value| {
        let mut row = json!({
            "table_name": table, "column_name": name, "declared_type": ty, "not_null": "0",
            "default_value": null, "pk": "0", "hidden": "0"
        });
        row.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        row
    };
    let rows = results(&[
        (
            "tables",
            json!([
                {"table_name": "users", "sql": "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) > 3), n INT, g INT GENERATED ALWAYS AS (n + 1) STORED, CHECK (n > 0))"},
                {"table_name": "posts", "sql": "CREATE TABLE posts (a INT, b INT, FOREIGN KEY (a) REFERENCES users DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY (b) REFERENCES users (id) ON DELETE SET NULL)"},
            ]),
        ),
        (
            "columns",
            json!([
                col("users", "id", "INTEGER", json!({"pk": 1})),
                col("users", "email", "TEXT", json!({"not_null": 1})),
                col("users", "n", "INT", json!({"default_value": "'7'"})),
                col("users", "g", "INT", json!({"hidden": 3})),
                col("posts", "a", "INT", json!({})),
                col("posts", "b", "INT", json!({})),
            ]),
        ),
        (
            "indexes",
            json!([
                {"table_name": "users", "index_name": "sqlite_autoindex_users_1", "is_unique": "1", "origin": "u", "sql": null,
                 "parts": "[[0,1,\"email\",0]]"},
                {"table_name": "users", "index_name": "users_expr", "is_unique": "0", "origin": "c",
                 "sql": "CREATE INDEX users_expr ON users (n DESC, lower(email)) WHERE n > 1",
                 "parts": "[[1,-2,null,0],[0,2,\"n\",1]]"},
            ]),
        ),
        (
            "foreign_keys",
            json!([
                {"table_name": "posts", "id": "0", "ref_table": "users", "column_name": "b", "ref_column": "id", "on_update": "NO ACTION", "on_delete": "SET NULL"},
                {"table_name": "posts", "id": "1", "ref_table": "users", "column_name": "a", "ref_column": null, "on_update": "NO ACTION", "on_delete": "NO ACTION"},
            ]),
        ),
        (
            "views",
            json!([{"view_name": "v", "sql": "CREATE VIEW v AS SELECT id FROM users"}]),
        ),
    ]);
    let s = from_rows(Dialect::Sqlite, "main", &rows).unwrap();
    let users = &s.tables[&QualifiedName::bare("users")];
    let col = |n: &str| users.column(n).unwrap();
    assert_eq!(col("id").identity, Some(Identity::AutoIncrement));
    assert_eq!(col("email").collation.as_deref(), Some("NOCASE"));
    assert_eq!(col("n").data_type, "INTEGER");
    assert_eq!(col("n").default.as_deref(), Some("7"));
    assert_eq!(
        col("g").generated,
        Some(Generated {
            expr: "n + 1".into(),
            stored: true
        })
    );
    assert_eq!(
        users.uniques,
        [UniqueConstraint {
            name: None,
            columns: vec!["email".into()],
            nulls_not_distinct: false,
            include: Vec::new(),
            comment: None,
        }]
    );
    let checks: Vec<&str> = users.checks.iter().map(|c| c.expr.as_str()).collect();
    assert_eq!(checks, ["length(email) > 3", "n > 0"]);
    let idx = &users.indexes[0];
    assert_eq!(idx.parts[0].column, "n");
    assert!(idx.parts[0].descending);
    assert_eq!(
        (idx.parts[1].column.as_str(), idx.parts[1].expression),
        ("lower(email)", true)
    );
    assert_eq!(idx.predicate.as_deref(), Some("n > 1"));
    let fks = &s.tables[&QualifiedName::bare("posts")].foreign_keys;
    assert_eq!(fks[0].columns, ["a"], "declaration order");
    assert_eq!(fks[0].ref_columns, ["id"]);
    assert_eq!(fks[0].deferrable, Deferrable::InitiallyDeferred);
    assert_eq!(fks[1].on_delete, FkAction::SetNull);
    assert_eq!(
        s.views[&QualifiedName::bare("v")].reads,
        [QualifiedName::bare("users")]
    );
}

#[test]
fn queries_are_one_round_and_quote_the_namespace() {
    for d in Dialect::ALL {
        let qs = queries(d, "o'k");
        let ids: std::collections::BTreeSet<&str> = qs.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids.len(), qs.len(), "ids are unique");
        // As a string literal, or (SQLite's sqlite_master) as a quoted identifier.
        assert!(
            qs.iter()
                .all(|q| q.sql.contains("'o''k'") || q.sql.contains("\"o'k\".")),
            "{d}"
        );
    }
}

#[test]
fn a_whole_postgres_database_qualifies_other_namespaces() {
    let whole = database_queries(Dialect::Postgres, "public");
    assert!(whole
        .iter()
        .all(|q| !q.sql.contains("n.nspname = 'public' AND")));
    assert!(whole.iter().any(|q| q.id == "namespaces"));
    assert_eq!(
        database_queries(Dialect::Mysql, "app"),
        queries(Dialect::Mysql, "app"),
        "a MySQL database is one namespace"
    );
    let mut rows = postgres_rows();
    rows.insert(
        "namespaces".into(),
        vec![json!({"name": "sales"}).as_object().unwrap().clone()],
    );
    let nsp = |r: &mut Row, ns: &str| {
        r.insert("nsp".into(), json!(ns));
    };
    let posts = |r: &Row| r.get("table_name") == Some(&json!("posts"));
    for id in ["tables", "columns", "constraints", "indexes"] {
        for r in rows.get_mut(id).unwrap().iter_mut() {
            let ns = if posts(r) { "sales" } else { "app" };
            nsp(r, ns);
        }
    }
    let s = from_rows(Dialect::Postgres, "app", &rows).unwrap();
    assert_eq!(s.namespaces, ["sales"]);
    let posts = QualifiedName::new(Some("sales".into()), "posts");
    assert!(s.tables.contains_key(&posts), "{:?}", s.tables.keys());
    assert!(s.tables.contains_key(&QualifiedName::bare("users")));
}
