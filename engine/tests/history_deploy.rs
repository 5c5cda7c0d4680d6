//! The deploy plan: what runs, in which order, with which transaction, lock and history writes.

mod history_support;

use history_support::*;
use waymark::history::{
    deploy_plan, DeployOptions, DeployPlan, History, LocalMigration, RecordStatus,
};
use waymark::{Code, Dialect};

const USERS: &str = "-- the first table\nCREATE TABLE users (id integer PRIMARY KEY, email text);";
const THREE: &str = "CREATE TABLE pets (id integer PRIMARY KEY);\nCREATE INDEX pets_id ON pets (id);\n\nCREATE TABLE tags (id integer PRIMARY KEY);\n";
const CONCURRENT: &str =
    "-- waymark:no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);";

fn plan(h: &History) -> DeployPlan {
    deploy_plan(h, &DeployOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn ids(p: &DeployPlan) -> Vec<&str> {
    p.migrations.iter().map(|m| m.id.as_str()).collect()
}

#[test]
fn statements_are_split_and_progress_recorded_after_each() {
    let (a, b) = (m("0001_users", USERS), m("0002_three", THREE));
    let p = plan(&history(Dialect::Postgres, &[a.clone(), b], &[applied(&a)]));
    assert_eq!(ids(&p), ["0002_three"]);
    let mig = &p.migrations[0];
    assert_eq!(mig.name, "three");
    let sqls: Vec<&str> = mig.statements.iter().map(|s| s.sql.as_str()).collect();
    assert_eq!(
        sqls,
        [
            "CREATE TABLE pets (id integer PRIMARY KEY)",
            "CREATE INDEX pets_id ON pets (id)",
            "CREATE TABLE tags (id integer PRIMARY KEY)"
        ]
    );
    assert_eq!(
        (mig.statements[2].start.line, mig.statements[2].start.column),
        (4, 1)
    );
    for (i, s) in mig.statements.iter().enumerate() {
        assert_eq!(
            s.progress,
            format!(
                "UPDATE \"waymark_migrations\" SET statements_applied = {} WHERE id = '0002_three'",
                i + 1
            )
        );
    }
    assert!(mig.start[0].starts_with("INSERT INTO \"waymark_migrations\" (id, checksum, checksum_version, started_at, finished_at, statements_total, statements_applied, status"), "{}", mig.start[0]);
    assert!(mig.start[0].contains("3, 0, 'running'"), "{}", mig.start[0]);
    assert!(
        mig.finish[0].contains(
            "status = 'applied', statements_applied = 3, finished_at = clock_timestamp()"
        ),
        "{}",
        mig.finish[0]
    );
}

#[test]
fn transactions_follow_the_dialect_and_the_marker() {
    // (dialect, sql, transactional, begin, last of finish)
    let cases: &[(Dialect, &str, bool, &[&str], &str)] = &[
        (Dialect::Postgres, THREE, true, &["BEGIN"], "COMMIT"),
        (Dialect::Postgres, CONCURRENT, false, &[], "UPDATE"),
        (Dialect::Mysql, THREE, false, &[], "UPDATE"),
        (
            Dialect::Sqlite,
            THREE,
            true,
            &["SAVEPOINT waymark_migration"],
            "RELEASE SAVEPOINT waymark_migration",
        ),
        (
            Dialect::Sqlite,
            "-- waymark:no-transaction\nVACUUM;",
            false,
            &["COMMIT"],
            "BEGIN IMMEDIATE",
        ),
    ];
    for (dialect, sql, transactional, begin, last) in cases {
        let p = plan(&history(*dialect, &[m("0001_x", sql)], &[]));
        let mig = &p.migrations[0];
        assert_eq!(mig.transactional, *transactional, "{dialect} {sql}");
        assert_eq!(mig.begin, *begin, "{dialect} {sql}");
        assert!(
            mig.finish.last().unwrap().starts_with(last),
            "{dialect} {sql}: {:?}",
            mig.finish
        );
    }
    let flagged = LocalMigration {
        no_transaction: true,
        ..m("0001_x", THREE)
    };
    assert!(!plan(&history(Dialect::Postgres, &[flagged], &[])).migrations[0].transactional);
}

#[test]
fn locks_and_the_history_table_per_dialect() {
    for dialect in Dialect::ALL {
        let p = plan(&history(dialect, &[], &[]));
        let lock = &p.prelude.lock;
        let acquire = lock.acquire.join("; ");
        match dialect {
            Dialect::Postgres => {
                assert!(
                    acquire.contains("pg_advisory_lock(33602696382607979)"),
                    "{acquire}"
                );
                assert!(!lock.check_result);
                assert_eq!(
                    lock.release,
                    ["SELECT pg_advisory_unlock(33602696382607979)"]
                );
            }
            Dialect::Mysql => {
                assert_eq!(acquire, "SELECT GET_LOCK('waymark', 60)");
                assert!(lock.check_result);
            }
            Dialect::Sqlite => {
                assert_eq!(acquire, "PRAGMA busy_timeout = 60000; BEGIN IMMEDIATE");
                assert_eq!(lock.release, ["COMMIT"]);
            }
        }
        assert_eq!(lock.not_acquired.code, Code::LockNotAcquired);
        assert!(
            p.prelude.setup[0].starts_with("CREATE TABLE IF NOT EXISTS"),
            "{dialect}"
        );
        assert!(
            p.prelude
                .read
                .starts_with("SELECT id, checksum, checksum_version, "),
            "{dialect}"
        );
        assert!(p.migrations.is_empty());
    }
    let custom = DeployOptions {
        table: "schema_history".into(),
        lock_timeout_seconds: 5,
        ..DeployOptions::default()
    };
    let p = deploy_plan(&history(Dialect::Mysql, &[], &[]), &custom).unwrap();
    assert!(p.prelude.setup[0].starts_with("CREATE TABLE IF NOT EXISTS `schema_history`"));
    assert_eq!(p.prelude.lock.acquire, ["SELECT GET_LOCK('waymark', 5)"]);
}

#[test]
fn run_order_is_id_order_unless_a_dependency_says_otherwise() {
    let a = m("0001_a", "CREATE TABLE a (id integer);");
    let b = m("0002_b", "CREATE TABLE b (id integer);");
    let c = m("0003_c", "CREATE TABLE c (id integer);");
    assert_eq!(
        ids(&plan(&history(
            Dialect::Sqlite,
            &[c.clone(), a.clone(), b.clone()],
            &[]
        ))),
        ["0001_a", "0002_b", "0003_c"]
    );
    let a_after_c = LocalMigration {
        depends_on: vec!["0003_c".into()],
        ..a
    };
    assert_eq!(
        ids(&plan(&history(Dialect::Sqlite, &[a_after_c, b, c], &[]))),
        ["0002_b", "0003_c", "0001_a"]
    );
}

#[test]
fn rolled_back_migrations_run_again() {
    let (a, b) = (m("0001_users", USERS), m("0002_three", THREE));
    let p = plan(&history(
        Dialect::Postgres,
        &[a.clone(), b.clone()],
        &[applied(&a), with_status(&b, RecordStatus::RolledBack, 0, 3)],
    ));
    assert_eq!(ids(&p), ["0002_three"]);
    // The start write replaces the old row.
    assert!(
        p.migrations[0].start[0]
            .contains("ON CONFLICT (id) DO UPDATE SET checksum = excluded.checksum"),
        "{}",
        p.migrations[0].start[0]
    );
}

#[test]
fn deploy_refuses_an_unhealthy_history() {
    let (a, b) = (m("0001_users", USERS), m("0002_three", THREE));
    let edited = m("0001_users", "CREATE TABLE users (id bigint PRIMARY KEY);");
    let cases = [
        (
            "failed",
            vec![a.clone(), b.clone()],
            vec![applied(&a), with_status(&b, RecordStatus::Failed, 0, 3)],
            Code::MigrationFailed,
        ),
        (
            "partial",
            vec![a.clone(), b.clone()],
            vec![applied(&a), with_status(&b, RecordStatus::Failed, 1, 3)],
            Code::MigrationPartiallyApplied,
        ),
        (
            "edited",
            vec![edited, b.clone()],
            vec![applied(&a)],
            Code::ChecksumMismatch,
        ),
        (
            "missing",
            vec![b.clone()],
            vec![applied(&a)],
            Code::MissingLocally,
        ),
        (
            "late",
            vec![a.clone(), b.clone()],
            vec![applied(&b)],
            Code::OutOfOrder,
        ),
    ];
    for (name, local, records, code) in cases {
        let e = deploy_plan(
            &history(Dialect::Postgres, &local, &records),
            &DeployOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.code, code, "{name}: {e}");
    }
}

#[test]
fn a_failure_is_recorded_with_its_statement_and_error() {
    let b = m("0002_three", THREE);
    // (dialect, expected statements; the failure record is checked separately)
    let cases: &[(Dialect, &[&str], u32)] = &[
        (Dialect::Postgres, &["ROLLBACK"], 0),
        (Dialect::Mysql, &[], 1),
        (
            Dialect::Sqlite,
            &[
                "ROLLBACK TO SAVEPOINT waymark_migration",
                "RELEASE SAVEPOINT waymark_migration",
            ],
            0,
        ),
    ];
    for (dialect, before, applied_count) in cases {
        let p = plan(&history(*dialect, std::slice::from_ref(&b), &[]));
        let out = p
            .on_failure("0002_three", 1, r#"relation "pets" it's \ gone"#)
            .unwrap();
        assert_eq!(&out[..before.len()], *before, "{dialect}");
        let record = &out[before.len()];
        let quoted = if *dialect == Dialect::Mysql {
            r#"'statement 2 of 3: relation "pets" it''s \\ gone'"#
        } else {
            r#"'statement 2 of 3: relation "pets" it''s \ gone'"#
        };
        assert!(record.contains(quoted), "{dialect}: {record}");
        assert!(
            record.contains(&format!("3, {applied_count}, 'failed'")),
            "{dialect}: {record}"
        );
        // The start time of a run outside a transaction is kept.
        assert!(!record.contains("started_at = "), "{dialect}: {record}");
    }
    let p = plan(&history(Dialect::Postgres, std::slice::from_ref(&b), &[]));
    assert_eq!(
        p.on_failure("0009_nope", 0, "x").unwrap_err().code,
        Code::InvalidMigration
    );
}

#[test]
fn plans_are_deterministic_json() {
    let local = [
        m("0001_users", USERS),
        m("0002_three", THREE),
        m("0003_concurrent", CONCURRENT),
    ];
    for dialect in [Dialect::Postgres] {
        let h = history(dialect, &local, &[applied(&local[0])]);
        let p = plan(&h);
        let json = serde_json::to_string_pretty(&p).unwrap();
        assert_eq!(json, serde_json::to_string_pretty(&plan(&h)).unwrap());
        let back: DeployPlan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        insta::assert_snapshot!("history_deploy_postgres_script", p.script().join(";\n"));
    }
}
