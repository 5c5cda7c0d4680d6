//! Baselines: squash applied migrations into one, recorded without running.

mod history_support;

use history_support::*;
use waymark::history::{
    baseline, deploy_plan, status, AppliedRecord, DeployOptions, LocalMigration, OrderingPolicy,
    State,
};
use waymark::{Code, Dialect};

fn old() -> Vec<LocalMigration> {
    vec![
        m("0001_users", "CREATE TABLE users (id integer PRIMARY KEY);"),
        m("0002_email", "ALTER TABLE users ADD COLUMN email text;"),
    ]
}

fn squashed() -> LocalMigration {
    LocalMigration {
        replaces: vec!["0001_users".into(), "0002_email".into()],
        ..m(
            "0003_baseline",
            "CREATE TABLE users (id integer PRIMARY KEY, email text);",
        )
    }
}

#[test]
fn baseline_marks_applied_migrations_without_running() {
    let mut local = old();
    local.push(squashed());
    let records: Vec<AppliedRecord> = old().iter().map(applied).collect();
    let h = history(Dialect::Postgres, &local, &records);
    let plan = baseline(&h, "0003_baseline", &DeployOptions::default()).unwrap();
    assert_eq!(plan.replaces, ["0001_users", "0002_email"]);
    assert_eq!(plan.statements.len(), 3);
    assert!(
        plan.statements[0].contains("'0003_baseline'")
            && plan.statements[0].contains("1, 1, 'applied'"),
        "{}",
        plan.statements[0]
    );
    assert_eq!(
        plan.statements[1],
        "UPDATE \"waymark_migrations\" SET replaced_by = '0003_baseline' WHERE id = '0001_users'"
    );

    // Deploy does the same by itself, and runs nothing.
    let d = deploy_plan(&h, &DeployOptions::default()).unwrap();
    assert!(d.migrations.is_empty());
    assert_eq!(d.baselines, std::slice::from_ref(&plan));
    assert_eq!(
        status(&h, OrderingPolicy::Strict)
            .unwrap()
            .state("0003_baseline"),
        Some(State::Pending)
    );

    // Once recorded, the old files can go: nothing is missing, nothing to do.
    let mut after: Vec<AppliedRecord> = records
        .iter()
        .map(|r| AppliedRecord {
            replaced_by: Some("0003_baseline".into()),
            ..r.clone()
        })
        .collect();
    after.push(applied(&squashed()));
    let h2 = history(Dialect::Postgres, &[squashed()], &after);
    let s = status(&h2, OrderingPolicy::Strict).unwrap();
    assert!(s.ok(), "{:?}", s.diagnostics);
    assert!(
        s.entries.iter().all(|e| e.state == State::Applied),
        "{:?}",
        s.entries
    );
    assert_eq!(
        s.entry("0001_users").unwrap().replaced_by.as_deref(),
        Some("0003_baseline")
    );
    assert!(baseline(&h2, "0003_baseline", &DeployOptions::default())
        .unwrap()
        .statements
        .is_empty());
    assert!(deploy_plan(&h2, &DeployOptions::default())
        .unwrap()
        .script()
        .is_empty());
}

#[test]
fn a_fresh_database_runs_the_baseline_instead() {
    let mut local = old();
    local.push(squashed());
    local.push(m("0004_name", "ALTER TABLE users ADD COLUMN name text;"));
    let h = history(Dialect::Sqlite, &local, &[]);
    let d = deploy_plan(&h, &DeployOptions::default()).unwrap();
    let ids: Vec<&str> = d.migrations.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["0003_baseline", "0004_name"]);
    let s = status(&h, OrderingPolicy::Strict).unwrap();
    assert_eq!(
        s.entry("0001_users").unwrap().replaced_by.as_deref(),
        Some("0003_baseline")
    );
    // After that deploy, the replaced files count as included in the baseline.
    let records = [applied(&local[2]), applied(&local[3])];
    let s = status(
        &history(Dialect::Sqlite, &local, &records),
        OrderingPolicy::Strict,
    )
    .unwrap();
    assert!(s.ok(), "{:?}", s.diagnostics);
    assert_eq!(s.state("0001_users"), Some(State::Applied));
}

#[test]
fn baselines_that_cannot_be_recorded() {
    let mut local = old();
    local.push(squashed());
    let half = [applied(&old()[0])];
    let h = history(Dialect::Mysql, &local, &half);
    let e = baseline(&h, "0003_baseline", &DeployOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::BaselineIncomplete);
    assert!(e.message.contains("0002_email"), "{}", e.message);
    assert_eq!(
        deploy_plan(&h, &DeployOptions::default()).unwrap_err().code,
        Code::BaselineIncomplete
    );
    let full = history(
        Dialect::Mysql,
        &local,
        &old().iter().map(applied).collect::<Vec<_>>(),
    );
    assert_eq!(
        baseline(&full, "0009_nope", &DeployOptions::default())
            .unwrap_err()
            .code,
        Code::InvalidMigration
    );
    assert_eq!(
        baseline(&full, "0001_users", &DeployOptions::default())
            .unwrap_err()
            .code,
        Code::InvalidMigration
    );
}
