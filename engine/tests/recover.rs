//! Recovery and down migrations without a database: what the plans say, what they refuse, and
//! their JSON form for the seed scenario (the servers prove the SQL in tests/tests/recovery_*).

use waymark::history::{AppliedRecord, History, LocalMigration, RecordStatus};
use waymark::plan::Reversibility;
use waymark::recover::{
    down, down_to, recover, resolve, DownOptions, DownSource, RecoverOptions, Resolution,
};
use waymark::{Code, Dialect};

const USERS: &str = "CREATE TABLE Users (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(191) NOT NULL,
  birthDate date NULL
);";

const SEED: &str = "ALTER TABLE Users DROP COLUMN birthDate;
ALTER TABLE Users ADD UNIQUE INDEX Users_email_key (email);
ALTER TABLE Users ADD COLUMN signup_date datetime NULL DEFAULT CURRENT_TIMESTAMP AFTER email;";

fn failed_record(m: &LocalMigration, ran: u32, total: u32, error: &str) -> AppliedRecord {
    AppliedRecord {
        statements_total: total,
        statements_applied: ran,
        status: RecordStatus::Failed,
        error: Some(error.to_string()),
        ..AppliedRecord::applied(m)
    }
}

fn seed_history() -> History {
    let first = LocalMigration::new("0001_users", USERS);
    let second = LocalMigration::new("0002_seed", SEED);
    let applied = vec![
        AppliedRecord::applied(&first),
        failed_record(
            &second,
            1,
            3,
            "statement 2 of 3: Duplicate entry 'ann@example.com' for key 'Users_email_key'",
        ),
    ];
    History::new(Dialect::Mysql, vec![first, second], applied)
}

#[test]
fn seed_scenario_plan() {
    let plan = recover(
        &seed_history(),
        "0002_seed",
        None,
        &RecoverOptions::default(),
    )
    .unwrap();
    assert_eq!(plan.statements_applied, 1);
    assert_eq!(plan.failed.as_ref().unwrap().index, 1);
    assert_eq!(plan.roll_back.reversibility(), Reversibility::Lossy);
    assert!(plan.resume.ready);
    insta::assert_json_snapshot!("seed_recovery_plan", plan);
}

#[test]
fn a_transactional_failure_left_nothing() {
    let first = LocalMigration::new(
        "0001_users",
        "CREATE TABLE users (id integer PRIMARY KEY, email text);",
    );
    let second = LocalMigration::new(
        "0002_unique",
        "ALTER TABLE users ADD COLUMN name text;\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
    );
    let h = History::new(
        Dialect::Postgres,
        vec![first.clone(), second.clone()],
        vec![
            AppliedRecord::applied(&first),
            failed_record(
                &second,
                0,
                2,
                "statement 2 of 2: could not create unique index",
            ),
        ],
    );
    let plan = recover(&h, "0002_unique", None, &RecoverOptions::default()).unwrap();
    assert_eq!(plan.failed.as_ref().unwrap().index, 1);
    assert!(plan.roll_back.is_empty());
    assert_eq!(plan.resume.first, 0);
    assert_eq!(plan.resume.migration.statements.len(), 2);
    assert!(
        plan.summary[1].contains("nothing of it remains"),
        "{:?}",
        plan.summary
    );
    let q = &plan.diagnostics[0];
    assert_eq!(q.code, Code::MayFailUnique);
    assert_eq!(
        q.sql,
        r#"SELECT "email", COUNT(*) AS count FROM "users" WHERE "email" IS NOT NULL GROUP BY "email" HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC LIMIT 100"#
    );
}

#[test]
fn drift_blocks_resume() {
    let h = seed_history();
    // The database still has birthDate: statement 1 did not stay after all.
    let live = waymark::ingest::parse_schema(Dialect::Mysql, USERS)
        .unwrap()
        .0;
    let plan = recover(&h, "0002_seed", Some(&live), &RecoverOptions::default()).unwrap();
    assert!(!plan.resume.ready);
    assert_eq!(plan.drift, ["+ column Users.birthDate"]);
    assert!(plan.notes.iter().any(|n| n.code == Code::SchemaDrift));
    // The roll back starts from the live schema: nothing to undo.
    assert!(plan.roll_back.is_empty());
}

#[test]
fn recover_and_resolve_refuse_what_did_not_fail() {
    let h = seed_history();
    let e = recover(&h, "0001_users", None, &RecoverOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::MigrationNotFailed);
    let e = resolve(&h, "0001_users", Resolution::Applied, "waymark_migrations").unwrap_err();
    assert_eq!(e.code, Code::MigrationNotFailed);
    let e = resolve(
        &h,
        "0003_never",
        Resolution::RolledBack,
        "waymark_migrations",
    )
    .unwrap_err();
    assert_eq!(e.code, Code::MigrationNotFailed);
    let writes = resolve(
        &h,
        "0002_seed",
        Resolution::RolledBack,
        "waymark_migrations",
    )
    .unwrap();
    assert_eq!(writes.len(), 1);
    assert!(
        writes[0].contains("status = 'rolled_back'"),
        "{}",
        writes[0]
    );
}

#[test]
fn an_edited_file_cannot_be_recovered() {
    let mut h = seed_history();
    h.local[1].sql.push_str("\n-- edited after the failure\n");
    let e = recover(&h, "0002_seed", None, &RecoverOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::ChecksumMismatch);
}

fn applied_history(dialect: Dialect, sqls: &[(&str, &str)]) -> History {
    let local: Vec<LocalMigration> = sqls
        .iter()
        .map(|(id, sql)| LocalMigration::new(*id, *sql))
        .collect();
    let applied = local.iter().map(AppliedRecord::applied).collect();
    History::new(dialect, local, applied)
}

#[test]
fn down_uses_the_hand_written_down_first() {
    let mut h = applied_history(
        Dialect::Sqlite,
        &[("0001_t", "CREATE TABLE t (id integer PRIMARY KEY);")],
    );
    h.local[0].down = Some("DROP TABLE t;\n".into());
    let plan = down(&h, "0001_t", &DownOptions::default()).unwrap();
    let m = &plan.migrations[0];
    assert_eq!(m.source, DownSource::HandWritten);
    assert_eq!(m.statements, ["DROP TABLE t"]);
    assert!(
        m.finish[0].contains("status = 'rolled_back'"),
        "{:?}",
        m.finish
    );
}

#[test]
fn down_auto_reverses_and_says_what_is_lost() {
    let h = applied_history(
        Dialect::Postgres,
        &[
            (
                "0001_t",
                "CREATE TABLE t (id integer PRIMARY KEY, note text);",
            ),
            ("0002_drop", "ALTER TABLE t DROP COLUMN note;"),
        ],
    );
    let plan = down(&h, "0002_drop", &DownOptions::default()).unwrap();
    let m = &plan.migrations[0];
    assert_eq!(m.source, DownSource::AutoReverse);
    assert_eq!(m.statements, [r#"ALTER TABLE "t" ADD COLUMN "note" text"#]);
    assert_eq!(m.reversibility, Reversibility::Lossy);
    assert_eq!(
        m.steps[0].lost,
        ["column t.note comes back empty: its values were dropped"]
    );
    assert!(m.transactional);
    assert_eq!(m.begin, ["BEGIN"]);

    let all = down_to(&h, None, &DownOptions::default()).unwrap();
    let ids: Vec<&str> = all.migrations.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["0002_drop", "0001_t"]);
    // The drop of t is guarded: it must be empty.
    assert_eq!(
        all.migrations[1].pre_checks[0].sql,
        r#"SELECT COUNT(*) AS count FROM "t""#
    );
    let kept = down_to(&h, Some("0001_t"), &DownOptions::default()).unwrap();
    assert_eq!(kept.migrations.len(), 1);

    let e = down(&h, "0003_none", &DownOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::MigrationNotApplied);
}

#[test]
fn down_refuses_sql_it_does_not_model_unless_the_loss_is_accepted() {
    let h = applied_history(
        Dialect::Postgres,
        &[(
            "0001_t",
            "CREATE TABLE t (id integer PRIMARY KEY);\nDO $$ BEGIN PERFORM 1; END $$;",
        )],
    );
    let e = down(&h, "0001_t", &DownOptions::default()).unwrap_err();
    assert_eq!(e.code, Code::DownIrreversible, "{e}");
    let accepted = DownOptions {
        accept_loss: true,
        ..DownOptions::default()
    };
    let plan = down(&h, "0001_t", &accepted).unwrap();
    assert_eq!(plan.migrations[0].statements, [r#"DROP TABLE "t""#]);
    assert!(plan.migrations[0]
        .notes
        .iter()
        .any(|n| n.code == Code::UnsupportedStatement));
}
