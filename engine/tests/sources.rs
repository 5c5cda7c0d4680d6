//! Every kind of schema source gives the same model for the same schema.

use waymark::replay::Migration;
use waymark::source::{load, SchemaSource};
use waymark::{snapshot, Code, Dialect};

const DDL: &str = "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);\nCREATE INDEX users_email_idx ON users (email);";

#[test]
fn sql_snapshot_and_history_agree() {
    let d = Dialect::Postgres;
    let (from_sql, _) = load(d, &SchemaSource::Sql { sql: DDL.into() }).unwrap();
    let json = snapshot::to_json(&from_sql);
    let (from_snapshot, _) = load(
        d,
        &SchemaSource::Snapshot {
            json,
            live: false,
            history_table: None,
        },
    )
    .unwrap();
    let history = vec![
        Migration::new(
            "0001_users",
            "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);",
        ),
        Migration::new(
            "0002_index",
            "CREATE INDEX users_email_idx ON users (email);\nINSERT INTO users VALUES (1, 'a');",
        ),
    ];
    let (from_history, notes) = load(
        d,
        &SchemaSource::History {
            migrations: history,
        },
    )
    .unwrap();
    assert_eq!(from_sql, from_snapshot);
    assert_eq!(from_sql, from_history);
    assert!(notes
        .iter()
        .any(|n| n.code == Code::DataStatement && n.migration.as_deref() == Some("0002_index")));
    let (empty, _) = load(d, &SchemaSource::Empty).unwrap();
    assert!(empty.tables.is_empty());
}

#[test]
fn a_snapshot_of_another_dialect_is_refused() {
    let (s, _) = load(Dialect::Sqlite, &SchemaSource::Sql { sql: DDL.into() }).unwrap();
    let err = load(
        Dialect::Mysql,
        &SchemaSource::Snapshot {
            json: snapshot::to_json(&s),
            live: false,
            history_table: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code, Code::InvalidSnapshot);
    assert!(err.message.contains("sqlite"), "{}", err.message);
}

#[test]
fn sources_have_a_tagged_json_form() {
    let v: SchemaSource =
        serde_json::from_str(r#"{"kind": "sql", "sql": "CREATE TABLE t (a int);"}"#).unwrap();
    assert_eq!(
        v,
        SchemaSource::Sql {
            sql: "CREATE TABLE t (a int);".into()
        }
    );
    let h: SchemaSource =
        serde_json::from_str(r#"{"kind": "history", "migrations": [{"id": "1", "sql": ""}]}"#)
            .unwrap();
    assert!(matches!(h, SchemaSource::History { .. }));
}

/// A schema as a server prints it: the history table is there and the view's SELECT is in the
/// server's words. Marked `live`, it plans to nothing against the SQL it came from.
#[test]
fn a_live_snapshot_leaves_out_the_history_table_and_takes_the_view_text() {
    let sql = "CREATE TABLE posts (id integer PRIMARY KEY, title text);\nCREATE VIEW titles AS SELECT id, title FROM posts;";
    let server = "CREATE TABLE posts (id integer PRIMARY KEY, title text);\nCREATE TABLE waymark_migrations (id text PRIMARY KEY);\nCREATE VIEW titles AS SELECT id, title FROM posts;";
    let (live, _) = load(Dialect::Postgres, &SchemaSource::Sql { sql: server.into() }).unwrap();
    let mut snap: serde_json::Value = serde_json::from_str(&snapshot::to_json(&live)).unwrap();
    // PostgreSQL 18 prints it so (pg_get_viewdef).
    snap["schema"]["views"][0]["definition"] = "SELECT id,\n    title\n   FROM posts".into();
    let json = snap.to_string();
    let plan = |live: bool| {
        let input = serde_json::json!({
            "dialect": "postgres",
            "from": { "kind": "snapshot", "json": json, "live": live },
            "to": { "kind": "sql", "sql": sql },
        });
        let out: serde_json::Value =
            serde_json::from_str(&waymark::api::call_json("plan", &input.to_string()).unwrap())
                .unwrap();
        out["summary"].clone()
    };
    assert_eq!(plan(true), serde_json::json!([]));
    let summary = plan(false).to_string();
    assert!(summary.contains("- table waymark_migrations"), "{summary}");
    assert!(summary.contains("view titles"), "{summary}");
}
