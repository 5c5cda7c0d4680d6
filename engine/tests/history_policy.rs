//! Ordering policies on late migrations, including the Kysely scenario (kysely-org/kysely#697:
//! A, stamped 09-13, merged after B, stamped 09-14, was already deployed).

mod history_support;

use history_support::*;
use waymark::history::{deploy_plan, status, DeployOptions, LocalMigration, OrderingPolicy, State};
use waymark::{Code, Dialect, Severity};

const BASE: &str = "20230901000000_users";
const A: &str = "20230913000000_a";
const B: &str = "20230914000000_b";

fn base() -> LocalMigration {
    m(
        BASE,
        "CREATE TABLE users (id integer PRIMARY KEY, email text);",
    )
}

/// What a policy should do with the late migration A.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    /// A runs, with no diagnostic.
    Runs,
    /// A runs, with a warning of this code.
    RunsWarning(Code),
    /// Refused with this code.
    Refused(Code),
}
use Verdict::*;

struct Case {
    name: &'static str,
    /// A's SQL (stamped 09-13, not applied) and B's (stamped 09-14, applied).
    a: &'static str,
    b: &'static str,
    strict: Verdict,
    permissive: Verdict,
    commutative: Verdict,
    /// Text the commutative verdict's message must contain.
    message: &'static str,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "kysely #697: unrelated tables",
            a: "ALTER TABLE users ADD COLUMN name text;",
            b: "CREATE TABLE pets (id integer PRIMARY KEY);",
            strict: Refused(Code::OutOfOrder),
            permissive: RunsWarning(Code::OutOfOrder),
            commutative: Runs,
            message: "",
        },
        Case {
            name: "kysely #697, conflicting: both alter users.email",
            a: "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);",
            b: "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);",
            strict: Refused(Code::OutOfOrder),
            permissive: RunsWarning(Code::OutOfOrder),
            commutative: Refused(Code::NonCommutative),
            message: "20230913000000_a alters users.email, which 20230914000000_b altered; the schema would differ from id order at tables[users].columns[email]",
        },
        Case {
            name: "A alters a column B renamed",
            a: "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);",
            b: "ALTER TABLE users RENAME COLUMN email TO mail;",
            strict: Refused(Code::OutOfOrder),
            permissive: RunsWarning(Code::OutOfOrder),
            commutative: Refused(Code::NonCommutative),
            message: "20230913000000_a alters users.email, which 20230914000000_b renamed; it cannot run after what was applied since: column `users.email` does not exist",
        },
        Case {
            name: "same table, different parts, same schema either way",
            a: "CREATE INDEX users_email ON users (email);",
            b: "ALTER TABLE users ALTER COLUMN id SET DEFAULT 0;",
            strict: Refused(Code::OutOfOrder),
            permissive: RunsWarning(Code::OutOfOrder),
            commutative: Runs,
            message: "",
        },
        Case {
            name: "both add a column: commutes, column order differs",
            a: "ALTER TABLE users ADD COLUMN name text;",
            b: "ALTER TABLE users ADD COLUMN phone text;",
            strict: Refused(Code::OutOfOrder),
            permissive: RunsWarning(Code::OutOfOrder),
            commutative: RunsWarning(Code::ColumnOrderDiffers),
            message: "columns end up in another order",
        },
        Case {
            name: "both create the same table",
            a: "CREATE TABLE pets (id integer PRIMARY KEY);",
            b: "CREATE TABLE pets (id bigint PRIMARY KEY);",
            strict: Refused(Code::OutOfOrder),
            permissive: RunsWarning(Code::OutOfOrder),
            commutative: Refused(Code::NonCommutative),
            message: "20230913000000_a creates pets, which 20230914000000_b created",
        },
        Case {
            name: "A drops the table B added a column to",
            a: "DROP TABLE users;",
            b: "ALTER TABLE users ADD COLUMN phone text;",
            strict: Refused(Code::OutOfOrder),
            permissive: RunsWarning(Code::OutOfOrder),
            commutative: Refused(Code::NonCommutative),
            message: "20230913000000_a drops users, where 20230914000000_b created users.phone",
        },
    ]
}

fn check(case: &Case, policy: OrderingPolicy, expected: Verdict) {
    let (a, b) = (m(A, case.a), m(B, case.b));
    let local = [base(), a, b.clone()];
    let h = history(Dialect::Postgres, &local, &[applied(&base()), applied(&b)]);
    let label = format!("{} / {policy:?}", case.name);
    let s = status(&h, policy).unwrap();
    assert_eq!(s.state(A), Some(State::OutOfOrder), "{label}");
    let plan = deploy_plan(
        &h,
        &DeployOptions {
            policy,
            ..DeployOptions::default()
        },
    );
    match expected {
        Runs | RunsWarning(_) => {
            let plan = plan.unwrap_or_else(|e| panic!("{label}: refused: {e}"));
            let ids: Vec<&str> = plan.migrations.iter().map(|m| m.id.as_str()).collect();
            assert_eq!(ids, [A], "{label}");
            let codes: Vec<(Code, Severity)> = plan
                .diagnostics
                .iter()
                .map(|d| (d.code, d.severity))
                .collect();
            match expected {
                RunsWarning(code) => {
                    assert_eq!(codes, [(code, Severity::Warning)], "{label}");
                    assert!(
                        plan.diagnostics[0].message.contains(case.message)
                            || policy != OrderingPolicy::Commutative,
                        "{label}: {}",
                        plan.diagnostics[0].message
                    );
                }
                _ => assert!(codes.is_empty(), "{label}: {:?}", plan.diagnostics),
            }
        }
        Refused(code) => {
            let e = plan.expect_err(&label);
            assert_eq!(e.code, code, "{label}: {e}");
            assert_eq!(e.migration.as_deref(), Some(A), "{label}");
            assert!(e.hint.is_some(), "{label}");
            if code == Code::OutOfOrder {
                assert!(
                    e.message.contains(A) && e.message.contains(B),
                    "{label}: {}",
                    e.message
                );
            } else {
                assert!(
                    e.message.contains(case.message),
                    "{label}: {:?}\n lacks {:?}",
                    e.message,
                    case.message
                );
            }
            // Status reports the same error against A.
            assert!(
                s.diagnostics.iter().any(|d| d.code == code && d.is_error()),
                "{label}"
            );
        }
    }
}

#[test]
fn every_policy_on_every_case() {
    for case in cases() {
        check(&case, OrderingPolicy::Strict, case.strict);
        check(&case, OrderingPolicy::Permissive, case.permissive);
        check(&case, OrderingPolicy::Commutative, case.commutative);
    }
}

#[test]
fn strict_is_the_default() {
    assert_eq!(OrderingPolicy::default(), OrderingPolicy::Strict);
    let opts: DeployOptions = serde_json::from_str("{}").unwrap();
    assert_eq!(opts.policy, OrderingPolicy::Strict);
    let p: OrderingPolicy = serde_json::from_str("\"commutative\"").unwrap();
    assert_eq!(p, OrderingPolicy::Commutative);
}

#[test]
fn commutative_names_the_conflicting_one_among_many() {
    let a = m(A, "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);");
    let later = [
        m(
            "20230914000000_pets",
            "CREATE TABLE pets (id integer PRIMARY KEY);",
        ),
        m(
            "20230915000000_rename",
            "ALTER TABLE users RENAME COLUMN email TO mail;",
        ),
        m(
            "20230916000000_tags",
            "CREATE TABLE tags (id integer PRIMARY KEY);",
        ),
    ];
    let mut local = vec![base(), a];
    local.extend(later.iter().cloned());
    let mut records = vec![applied(&base())];
    records.extend(later.iter().map(applied));
    let h = history(Dialect::Postgres, &local, &records);
    let e = deploy_plan(
        &h,
        &DeployOptions {
            policy: OrderingPolicy::Commutative,
            ..DeployOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(e.code, Code::NonCommutative);
    assert!(
        e.message.starts_with(
            "20230913000000_a alters users.email, which 20230915000000_rename renamed"
        ),
        "{}",
        e.message
    );
    assert_eq!(e.object.as_deref(), Some("users.email"));
}

#[test]
fn a_late_migration_that_depends_on_the_newer_one_is_in_order() {
    let a = LocalMigration {
        depends_on: vec![B.into()],
        ..m(A, "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);")
    };
    let b = m(B, "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);");
    let h = history(
        Dialect::Postgres,
        &[base(), a, b.clone()],
        &[applied(&base()), applied(&b)],
    );
    let plan = deploy_plan(&h, &DeployOptions::default()).unwrap();
    assert_eq!(plan.migrations.len(), 1);
    assert!(plan.diagnostics.is_empty());
}

#[test]
fn commutative_replays_what_a_late_migration_depends_on() {
    // A depends on B (newer, applied) and is older than C (newer, applied, unrelated).
    let a = LocalMigration {
        depends_on: vec![B.into()],
        ..m(A, "CREATE INDEX pets_id ON pets (id);")
    };
    let b = m(B, "CREATE TABLE pets (id integer PRIMARY KEY);");
    let c = m(
        "20230915000000_c",
        "CREATE TABLE tags (id integer PRIMARY KEY);",
    );
    let h = history(
        Dialect::Postgres,
        &[base(), a, b.clone(), c.clone()],
        &[applied(&base()), applied(&b), applied(&c)],
    );
    let opts = DeployOptions {
        policy: OrderingPolicy::Commutative,
        ..DeployOptions::default()
    };
    let plan = deploy_plan(&h, &opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.migrations[0].id, A);
}
