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
    let (from_snapshot, _) = load(d, &SchemaSource::Snapshot { json }).unwrap();
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
