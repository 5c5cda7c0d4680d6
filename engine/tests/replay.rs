//! History replay: schema after each migration, footprints, errors tagged with the migration.

use waymark::footprint::{ObjectKind, ObjectRef};
use waymark::replay::{replay, schema_after, Migration, Replayer};
use waymark::{Code, Dialect, QualifiedName};

fn history() -> Vec<Migration> {
    vec![
        Migration::new("0001_init", "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);"),
        Migration::new(
            "0002_posts",
            "CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users (id));\nCREATE INDEX posts_user_id_idx ON posts (user_id);",
        ),
        Migration::new("0003_rename", "ALTER TABLE users RENAME COLUMN email TO login;"),
        Migration::new("0004_drop", "DROP INDEX posts_user_id_idx;\nINSERT INTO users VALUES (1, 'a');"),
    ]
}

fn users() -> QualifiedName {
    QualifiedName::bare("users")
}

#[test]
fn replays_to_the_final_schema() {
    let r = replay(Dialect::Postgres, &history()).expect("replays");
    let users = &r.schema.tables[&users()];
    assert_eq!(
        users
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["id", "login"]
    );
    assert!(r.schema.tables[&QualifiedName::bare("posts")]
        .indexes
        .is_empty());
    assert_eq!(r.migrations.len(), 4);
    assert_eq!(r.migrations[1].statements, 2);
}

#[test]
fn schema_after_each_migration() {
    let s = schema_after(Dialect::Postgres, &history(), "0002_posts").unwrap();
    assert_eq!(s.tables[&users()].columns[1].name, "email");
    assert_eq!(s.tables[&QualifiedName::bare("posts")].indexes.len(), 1);
    let err = schema_after(Dialect::Postgres, &history(), "0009_nope").unwrap_err();
    assert_eq!(err.code, Code::InvalidMigration);
}

#[test]
fn footprints_say_what_each_migration_touches() {
    let r = replay(Dialect::Postgres, &history()).unwrap();
    let posts = QualifiedName::bare("posts");
    let f1 = &r.migrations[0].footprint;
    assert!(f1.creates.contains(&ObjectRef::table(&users())), "{f1:?}");
    let f2 = &r.migrations[1].footprint;
    assert!(f2.creates.contains(&ObjectRef::table(&posts)), "{f2:?}");
    assert!(
        f2.reads.contains(&ObjectRef::table(&users())),
        "a foreign key reads its target: {f2:?}"
    );
    let f3 = &r.migrations[2].footprint;
    assert!(
        f3.alters
            .contains(&ObjectRef::part(ObjectKind::Column, &users(), "email")),
        "{f3:?}"
    );
    assert_eq!(f3.renames.len(), 1, "{f3:?}");
    let f4 = &r.migrations[3].footprint;
    assert!(
        f4.drops.iter().any(|o| o.kind == ObjectKind::Index),
        "{f4:?}"
    );
    assert!(r.migrations[3]
        .diagnostics
        .iter()
        .any(|d| d.code == Code::DataStatement && d.migration.as_deref() == Some("0004_drop")));
}

#[test]
fn errors_name_the_migration_and_the_line() {
    let mut h = history();
    h.push(Migration::new(
        "0005_bad",
        "\n\nALTER TABLE users DROP COLUMN nope;",
    ));
    let err = replay(Dialect::Postgres, &h).unwrap_err();
    assert_eq!(err.code, Code::UnknownColumn);
    assert_eq!(err.migration.as_deref(), Some("0005_bad"));
    assert_eq!(err.location.map(|l| l.line), Some(3));
    assert!(err.message.contains("nope"), "{}", err.message);
}

#[test]
fn refuses_duplicate_ids() {
    let mut h = history();
    h.push(h[0].clone());
    assert_eq!(
        replay(Dialect::Postgres, &h).unwrap_err().code,
        Code::InvalidMigration
    );
}

#[test]
fn replayer_steps_one_migration_at_a_time() {
    let mut r = Replayer::new(Dialect::Sqlite);
    for m in history() {
        r.apply(&m).unwrap();
        assert_eq!(r.replayed().last().unwrap().id, m.id);
    }
    assert_eq!(r.schema().tables.len(), 2);
}
