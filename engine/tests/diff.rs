//! The differ, driven by SQL pairs per dialect: specific changes, suggestions, hint errors,
//! and the mirror property (diff(b, a) undoes diff(a, b)).

use waymark::diff::{diff, summary, Change, ColumnAspect, Diff, MigrationPair, RenameHints};
use waymark::ingest::parse_schema;
use waymark::{Code, Dialect, QualifiedName, Schema};

fn schema(dialect: Dialect, sql: &str) -> Schema {
    parse_schema(dialect, sql).expect("parses").0
}

fn run(dialect: Dialect, before: &str, after: &str, hints: &RenameHints) -> Diff {
    let (a, b) = (schema(dialect, before), schema(dialect, after));
    diff(
        MigrationPair {
            previous: &a,
            next: &b,
        },
        hints,
    )
    .expect("diffs")
}

fn lines(dialect: Dialect, before: &str, after: &str) -> Vec<String> {
    summary(&run(dialect, before, after, &RenameHints::default()).changes)
}

fn t(name: &str) -> QualifiedName {
    QualifiedName::bare(name)
}

/// (dialect, before, after, expected summary lines in order).
const CASES: &[(Dialect, &str, &str, &[&str])] = &[
    (
        Dialect::Postgres,
        "CREATE TABLE users (id int);",
        "CREATE TABLE users (id int); CREATE TABLE posts (id int);",
        &["+ table posts"],
    ),
    (
        Dialect::Sqlite,
        "CREATE TABLE users (id INTEGER); CREATE TABLE old (x TEXT);",
        "CREATE TABLE users (id INTEGER);",
        &["- table old"],
    ),
    (
        Dialect::Mysql,
        "CREATE TABLE users (id int);",
        "CREATE TABLE users (id int, email text);",
        &["+ column users.email"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE users (id int, email varchar(100));",
        "CREATE TABLE users (id int);",
        &["- column users.email"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE users (email varchar(100));",
        "CREATE TABLE users (email text);",
        &["~ column users.email: character varying(100) → text"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE users (email text);",
        "CREATE TABLE users (email text NOT NULL DEFAULT 'x');",
        &["~ column users.email: null → not null; default none → 'x'"],
    ),
    (
        Dialect::Mysql,
        "CREATE TABLE users (n int DEFAULT 1);",
        "CREATE TABLE users (n int DEFAULT 2);",
        &["~ column users.n: default 1 → 2"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE users (email text);",
        "CREATE TABLE users (email text); CREATE INDEX users_email_idx ON users (email);",
        &["+ index users.users_email_idx"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE users (email text); CREATE INDEX i ON users (email);",
        "CREATE TABLE users (email text); CREATE UNIQUE INDEX i ON users (email);",
        &["+ index users.i", "- index users.i"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE users (email text);",
        "CREATE TABLE users (email text UNIQUE);",
        &["+ unique users users_email_key"],
    ),
    (
        Dialect::Sqlite,
        "CREATE TABLE users (email TEXT, UNIQUE (email));",
        "CREATE TABLE users (email TEXT);",
        &["- unique users (email)"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int);",
        "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a (id));",
        &["+ foreign key b b_a_id_fkey"],
    ),
    (
        Dialect::Sqlite,
        "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (a_id INTEGER REFERENCES a (id));",
        "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (a_id INTEGER);",
        &["- foreign key b (a_id) → a"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE p (n int);",
        "CREATE TABLE p (n int CONSTRAINT positive CHECK (n > 0));",
        &["+ check p positive"],
    ),
    (
        Dialect::Sqlite,
        "CREATE TABLE p (n INTEGER CHECK (n > 0));",
        "CREATE TABLE p (n INTEGER CHECK (n > 1));",
        &["- check p (n > 0)", "+ check p (n > 1)"],
    ),
    (
        Dialect::Postgres,
        "CREATE TYPE mood AS ENUM ('sad', 'ok');",
        "CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok');",
        &["+ enum value mood 'meh'"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE u (id int); CREATE VIEW v AS SELECT id FROM u;",
        "CREATE TABLE u (id int); CREATE VIEW v AS SELECT id, id AS id2 FROM u;",
        &["~ view v"],
    ),
    (
        Dialect::Postgres,
        "CREATE TABLE u (id int);",
        "CREATE SCHEMA app; CREATE TABLE u (id int);",
        &["+ schema app"],
    ),
];

#[test]
fn summaries_name_each_change() {
    for (dialect, before, after, expected) in CASES {
        assert_eq!(
            &lines(*dialect, before, after),
            expected,
            "{dialect:?}: {before} ⇒ {after}"
        );
    }
}

#[test]
fn diffing_back_gives_the_inverse() {
    for (dialect, before, after, _) in CASES {
        let forward = run(*dialect, before, after, &RenameHints::default()).changes;
        let mut inverted: Vec<Change> = forward.iter().map(Change::inverse).collect();
        inverted.sort_by_cached_key(Change::subject);
        let back = run(*dialect, after, before, &RenameHints::default()).changes;
        assert_eq!(back, inverted, "{dialect:?}: {after} ⇒ {before}");
    }
}

#[test]
fn equal_schemas_give_an_empty_diff() {
    for (dialect, before, after, _) in CASES {
        for sql in [before, after] {
            let d = run(*dialect, sql, sql, &RenameHints::default());
            assert!(d.changes.is_empty() && d.suggestions.is_empty(), "{sql}");
        }
    }
}

#[test]
fn changes_carry_the_objects_a_reverse_needs() {
    let d = run(
        Dialect::Postgres,
        "CREATE TABLE users (id int, email varchar(100) NOT NULL DEFAULT 'a@b');",
        "CREATE TABLE users (id int);",
        &RenameHints::default(),
    );
    let [Change::DropColumn {
        table,
        column,
        after,
    }] = d.changes.as_slice()
    else {
        panic!("{:?}", d.changes)
    };
    assert_eq!((table, after.as_deref()), (&t("users"), Some("id")));
    assert_eq!(column.data_type, "character varying(100)");
    assert!(!column.nullable);
    assert_eq!(column.default.as_deref(), Some("'a@b'"));

    let d = run(
        Dialect::Postgres,
        "CREATE TABLE users (id int PRIMARY KEY, email text); CREATE INDEX e ON users (email);",
        "",
        &RenameHints::default(),
    );
    let [Change::DropTable { table }] = d.changes.as_slice() else {
        panic!("{:?}", d.changes)
    };
    assert_eq!(table.indexes[0].name, "e");
    assert_eq!(table.primary_key.as_ref().unwrap().columns, ["id"]);
}

#[test]
fn alter_column_lists_its_aspects() {
    let d = run(
        Dialect::Postgres,
        "CREATE TABLE u (n int);",
        "CREATE TABLE u (n bigint NOT NULL);",
        &RenameHints::default(),
    );
    let [Change::AlterColumn {
        previous,
        next,
        aspects,
        ..
    }] = d.changes.as_slice()
    else {
        panic!("{:?}", d.changes)
    };
    assert_eq!(aspects, &[ColumnAspect::Type, ColumnAspect::Nullability]);
    assert_eq!(
        (previous.data_type.as_str(), next.data_type.as_str()),
        ("integer", "bigint")
    );
}

const RENAME_BEFORE: &str = "CREATE TABLE users (id int PRIMARY KEY, birthdate date); CREATE INDEX users_bd ON users (birthdate); CREATE TABLE posts (user_id int REFERENCES users (id));";
const RENAME_AFTER: &str = "CREATE TABLE people (id int PRIMARY KEY, birth_date date); CREATE INDEX users_bd ON people (birth_date); CREATE TABLE posts (user_id int REFERENCES people (id));";

#[test]
fn hinted_renames_carry_their_dependents() {
    let hints = RenameHints {
        tables: vec![(t("users"), t("people"))],
        columns: vec![(t("people"), "birthdate".into(), "birth_date".into())],
    };
    let d = run(Dialect::Postgres, RENAME_BEFORE, RENAME_AFTER, &hints);
    // The primary key keeps its old name on the server, so the names here differ only there.
    assert!(d.suggestions.is_empty());
    assert_eq!(
        d.changes,
        vec![
            Change::RenameColumn {
                table: t("people"),
                from: "birthdate".into(),
                to: "birth_date".into()
            },
            Change::DropPrimaryKey {
                table: t("people"),
                primary_key: waymark::PrimaryKey {
                    name: Some("users_pkey".into()),
                    columns: vec!["id".into()],
                    comment: None,
                },
            },
            Change::AddPrimaryKey {
                table: t("people"),
                primary_key: waymark::PrimaryKey {
                    name: Some("people_pkey".into()),
                    columns: vec!["id".into()],
                    comment: None,
                },
            },
            Change::RenameTable {
                from: t("users"),
                to: t("people")
            },
        ]
        .into_iter()
        .map(|c| (c.subject(), c))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect::<Vec<_>>()
    );
}

#[test]
fn unhinted_renames_are_suggested_not_done() {
    let before = "CREATE TABLE users (id int, birthdate date);";
    let after = "CREATE TABLE users (id int, birth_date date);";
    let d = run(Dialect::Postgres, before, after, &RenameHints::default());
    assert_eq!(
        summary(&d.changes),
        ["+ column users.birth_date", "- column users.birthdate"]
    );
    assert_eq!(d.suggestions.len(), 1);
    assert_eq!(d.suggestions[0].code, Code::PossibleRename);
    assert_eq!(
        d.suggestions[0].message,
        "users.birthdate dropped and users.birth_date added look like a rename; pass a rename hint to keep the data"
    );

    let d = run(
        Dialect::Sqlite,
        "CREATE TABLE a (x INTEGER);",
        "CREATE TABLE b (x INTEGER);",
        &RenameHints::default(),
    );
    assert_eq!(summary(&d.changes), ["- table a", "+ table b"]);
    assert_eq!(d.suggestions.len(), 1);
    assert_eq!(d.suggestions[0].object.as_deref(), Some("a"));
}

#[test]
fn bad_hints_are_errors() {
    let (a, b) = (
        schema(Dialect::Postgres, RENAME_BEFORE),
        schema(Dialect::Postgres, RENAME_AFTER),
    );
    let pair = MigrationPair {
        previous: &a,
        next: &b,
    };
    let bad = [
        RenameHints {
            tables: vec![(t("nope"), t("people"))],
            columns: vec![],
        },
        RenameHints {
            tables: vec![(t("users"), t("nope"))],
            columns: vec![],
        },
        RenameHints {
            tables: vec![(t("posts"), t("people"))],
            columns: vec![],
        },
        RenameHints {
            tables: vec![],
            columns: vec![(t("people"), "birthdate".into(), "birth_date".into())],
        },
        RenameHints {
            tables: vec![(t("users"), t("people"))],
            columns: vec![(t("people"), "nope".into(), "birth_date".into())],
        },
    ];
    for hints in bad {
        let err = diff(pair, &hints).expect_err("bad hint");
        assert_eq!(err.code, Code::InvalidRenameHint, "{hints:?}");
        assert!(err.object.is_some() && err.hint.is_some());
    }
}

#[test]
fn seed_scenario_on_mysql() {
    let before = "CREATE TABLE Users (id int PRIMARY KEY, birthDate date, email varchar(255));";
    let after = "CREATE TABLE Users (id int PRIMARY KEY, email varchar(255), signup_date date, UNIQUE (email));";
    let d = run(Dialect::Mysql, before, after, &RenameHints::default());
    let users = t("Users");
    // Sorted by object: birthDate, email (its unique index), signup_date.
    let [Change::DropColumn {
        table: t1,
        column: dropped,
        after: dropped_after,
    }, Change::AddIndex { table: t2, index }, Change::AddColumn {
        table: t3,
        column: added,
        after: added_after,
    }] = d.changes.as_slice()
    else {
        panic!("{:#?}", d.changes)
    };
    assert!([t1, t2, t3].iter().all(|t| **t == users));
    assert_eq!(
        (
            added.name.as_str(),
            added.data_type.as_str(),
            added_after.as_deref()
        ),
        ("signup_date", "date", Some("email"))
    );
    assert_eq!(
        (
            dropped.name.as_str(),
            dropped.data_type.as_str(),
            dropped_after.as_deref()
        ),
        ("birthDate", "date", Some("id"))
    );
    assert!(index.unique);
    assert_eq!(index.parts[0].column, "email");
    // Same type, so it may be a rename: said, not done.
    assert_eq!(d.suggestions.len(), 1);
    assert_eq!(d.suggestions[0].object.as_deref(), Some("Users.birthDate"));
}

#[test]
fn changes_serialise_with_a_kind_tag() {
    let d = run(
        Dialect::Postgres,
        "CREATE TABLE u (id int);",
        "CREATE TABLE u (id int, n text);",
        &RenameHints::default(),
    );
    let json = serde_json::to_value(&d.changes).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{ "kind": "add_column", "table": { "name": "u" }, "column": { "name": "n", "type": "text", "nullable": true }, "after": "id" }])
    );
    let back: Vec<Change> = serde_json::from_value(json).unwrap();
    assert_eq!(back, d.changes);
}
