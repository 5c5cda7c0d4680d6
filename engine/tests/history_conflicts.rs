//! Conflicts between pending migrations from parallel branches, checked in CI before deploy.

mod history_support;

use history_support::*;
use waymark::history::{conflicts, LocalMigration};
use waymark::{Code, Dialect, Severity};

fn base() -> LocalMigration {
    m(
        "0001_users",
        "CREATE TABLE users (id integer PRIMARY KEY, email text);",
    )
}

struct Case {
    name: &'static str,
    /// Two pending migrations, 0002_x and 0003_y.
    x: &'static str,
    y: &'static str,
    /// None: no conflict. Some((severity, message part)).
    expected: Option<(Severity, &'static str)>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "different tables",
            x: "CREATE TABLE pets (id integer);",
            y: "ALTER TABLE users ADD COLUMN name text;",
            expected: None,
        },
        Case {
            name: "both change users.email",
            x: "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);",
            y: "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);",
            expected: Some((Severity::Error, "these two new migrations both change column users.email: 0002_x and 0003_y; the order they run in changes the schema")),
        },
        Case {
            name: "a rename and an alter of the old name",
            x: "ALTER TABLE users RENAME COLUMN email TO mail;",
            y: "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
            expected: Some((Severity::Error, "both change column users.email: 0002_x and 0003_y; 0003_y fails after 0002_x")),
        },
        Case {
            name: "both change table users, either order the same",
            x: "CREATE INDEX users_email ON users (email);",
            y: "ALTER TABLE users ALTER COLUMN id SET DEFAULT 0;",
            expected: Some((Severity::Warning, "these two new migrations both change table users: 0002_x and 0003_y; either order gives the same schema")),
        },
        Case {
            name: "one line of work: y uses the table x created",
            x: "CREATE TABLE pets (id integer);",
            y: "ALTER TABLE pets ADD COLUMN name text;",
            expected: None,
        },
        Case {
            name: "one line of work: y indexes the column x added",
            x: "ALTER TABLE users ADD COLUMN name text;",
            y: "CREATE INDEX users_name ON users (name);",
            expected: None,
        },
    ]
}

#[test]
fn pending_pairs() {
    for case in cases() {
        let local = [base(), m("0002_x", case.x), m("0003_y", case.y)];
        let found = conflicts(&history(Dialect::Postgres, &local, &[applied(&base())])).unwrap();
        match case.expected {
            None => assert!(found.is_empty(), "{}: {:?}", case.name, found),
            Some((severity, text)) => {
                assert_eq!(found.len(), 1, "{}: {found:?}", case.name);
                let c = &found[0];
                assert_eq!(
                    (c.first.as_str(), c.second.as_str()),
                    ("0002_x", "0003_y"),
                    "{}",
                    case.name
                );
                assert_eq!(c.diagnostic.code, Code::MigrationConflict);
                assert_eq!(c.diagnostic.severity, severity, "{}", case.name);
                assert_eq!(c.commutes, severity == Severity::Warning, "{}", case.name);
                assert!(
                    c.diagnostic.message.contains(text),
                    "{}: {:?}\n lacks {text:?}",
                    case.name,
                    c.diagnostic.message
                );
                assert!(c.diagnostic.hint.is_some());
            }
        }
    }
}

#[test]
fn a_declared_dependency_is_not_a_conflict() {
    let y = LocalMigration {
        depends_on: vec!["0002_x".into()],
        ..m(
            "0003_y",
            "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);",
        )
    };
    let local = [
        base(),
        m(
            "0002_x",
            "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);",
        ),
        y,
    ];
    assert!(
        conflicts(&history(Dialect::Postgres, &local, &[applied(&base())]))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn applied_migrations_are_not_compared() {
    let x = m(
        "0002_x",
        "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);",
    );
    let local = [
        base(),
        x.clone(),
        m(
            "0003_y",
            "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);",
        ),
    ];
    assert!(conflicts(&history(
        Dialect::Postgres,
        &local,
        &[applied(&base()), applied(&x)]
    ))
    .unwrap()
    .is_empty());
}
