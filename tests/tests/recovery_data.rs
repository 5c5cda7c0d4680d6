//! Migrations that fail on data, on the real servers: the recovery's diagnostic queries must
//! find the offending rows; once the data is fixed, the roll forward must finish the migration
//! and resolve must record it. The seed scenario (drop `birthDate`, UNIQUE(`email`) over two
//! users sharing an email, add `signup_date`) also rolls back, losing `birthDate`'s values, as
//! the plan says.

use waymark::history::{status, History, LocalMigration, OrderingPolicy, RecordStatus, State};
use waymark::recover::{recover, resolve, RecoverOptions, RecoveryPlan, Resolution};
use waymark::replay::{replay, Migration};
use waymark::{Code, Dialect, Schema};
use waymark_oracle::host::{deploy, read_records, run_all, Db};
use waymark_oracle::recovery::{live, mismatch, scalar, script, take, Way};
use waymark_oracle::Scratch;

struct Case {
    name: &'static str,
    dialect: Dialect,
    /// The first migration: the tables.
    schema: &'static str,
    /// Rows the application wrote.
    rows: &'static str,
    /// The second migration, whose statement `fails_at` (0-based) fails on those rows.
    migration: &'static str,
    fails_at: usize,
    code: Code,
    /// A value the diagnostic query's rows must show.
    shows: &'static str,
    /// The data fix a person makes after reading them.
    fix: &'static str,
}

fn locals(case: &Case) -> Vec<LocalMigration> {
    vec![
        LocalMigration::new("0001_tables", case.schema),
        LocalMigration::new("0002_change", case.migration),
    ]
}

fn schema_after(case: &Case, n: usize) -> Schema {
    let ms: Vec<Migration> = locals(case)
        .into_iter()
        .take(n)
        .map(|m| Migration::new(m.id, m.sql))
        .collect();
    replay(case.dialect, &ms).unwrap().schema
}

/// Deploys both migrations; the second fails. Returns the database and the recovery plan.
fn failed(case: &Case) -> (Scratch, RecoveryPlan) {
    let d = case.dialect;
    let mut db = Scratch::open(d);
    let local = locals(case);
    deploy(&mut db, d, &local[..1], OrderingPolicy::Strict).unwrap();
    run_all(&mut db, &[case.rows.to_string()]).unwrap();
    let e = deploy(&mut db, d, &local, OrderingPolicy::Strict).unwrap_err();
    assert!(e.contains("0002_change failed"), "{}: {e}", case.name);
    let now = live(&mut db);
    let plan = recover(
        &History::new(d, local, read_records(&mut db, d)),
        "0002_change",
        Some(&now),
        &RecoverOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let failed = plan.failed.as_ref().expect("the failed statement");
    assert_eq!(failed.index, case.fails_at, "{}", case.name);
    assert!(failed.error.is_some(), "{}: no error text", case.name);
    (db, plan)
}

fn state(db: &mut Scratch, case: &Case) -> State {
    let h = History::new(case.dialect, locals(case), read_records(db, case.dialect));
    let s = status(&h, OrderingPolicy::Strict).unwrap();
    s.entries.last().unwrap().state
}

/// The diagnostic query with the case's code finds the rows; the fix and the roll forward
/// finish the migration.
fn diagnose_fix_roll_forward(case: &Case) -> RecoveryPlan {
    let (mut db, plan) = failed(case);
    let query = plan
        .diagnostics
        .iter()
        .find(|q| q.code == case.code)
        .unwrap_or_else(|| {
            panic!(
                "{}: no {} query in {:#?}",
                case.name, case.code, plan.diagnostics
            )
        });
    let found = Db::query(&mut db, &query.sql)
        .unwrap_or_else(|e| panic!("{}: `{}`: {e}", case.name, query.sql));
    let shown = serde_json::to_string(&found).unwrap();
    assert!(
        shown.contains(case.shows),
        "{}: `{}` gave {shown}",
        case.name,
        query.sql
    );

    run_all(&mut db, &[case.fix.to_string()]).unwrap();
    assert_eq!(
        Db::query(&mut db, &query.sql).unwrap().len(),
        0,
        "{}: fixed rows still found",
        case.name
    );
    let forward = plan.roll_forward.as_ref().expect("a roll forward");
    for c in &forward.pre_checks {
        assert_eq!(scalar(&mut db, &c.sql), "0", "{}: {}", case.name, c.message);
    }
    take(&mut db, &plan, Way::Forward).unwrap_or_else(|e| {
        panic!(
            "{}: roll forward: {e}\n{}",
            case.name,
            script(&plan, Way::Forward)
        )
    });
    if let Some(m) = mismatch(
        &schema_after(case, 2),
        &live(&mut db),
        case.dialect != Dialect::Postgres,
    ) {
        panic!("{}: after roll forward:\n  {m}", case.name);
    }
    assert_eq!(state(&mut db, case), State::Applied, "{}", case.name);
    // Resolved: nothing left to recover, and resolve refuses to do it twice.
    let h = History::new(
        case.dialect,
        locals(case),
        read_records(&mut db, case.dialect),
    );
    let again = resolve(&h, "0002_change", Resolution::Applied, "waymark_migrations").unwrap_err();
    assert_eq!(again.code, Code::MigrationNotFailed, "{}", case.name);
    plan
}

const SEED_MARIADB: Case = Case {
    name: "seed on MariaDB",
    dialect: Dialect::Mysql,
    schema: "CREATE TABLE Users (
  id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(191) NOT NULL,
  birthDate date NULL
);",
    rows: "INSERT INTO Users (email, birthDate) VALUES ('ann@example.com', '1990-01-01'), ('bob@example.com', '1985-05-05'), ('ann@example.com', '1991-02-02')",
    migration: "ALTER TABLE Users DROP COLUMN birthDate;
ALTER TABLE Users ADD UNIQUE INDEX Users_email_key (email);
ALTER TABLE Users ADD COLUMN signup_date datetime NULL DEFAULT CURRENT_TIMESTAMP AFTER email;",
    fails_at: 1,
    code: Code::MayFailUnique,
    shows: r#""email":"ann@example.com""#,
    fix: "DELETE FROM Users WHERE email = 'ann@example.com' AND id > 1",
};

#[test]
fn seed_scenario_on_mariadb() {
    let case = SEED_MARIADB;
    let (mut db, plan) = failed(&case);
    // Statement 1 ran and stayed: MariaDB commits each DDL statement.
    assert_eq!(plan.statements_applied, 1);
    assert!(plan
        .failed
        .as_ref()
        .unwrap()
        .error
        .as_ref()
        .unwrap()
        .contains("Duplicate entry"));
    assert_eq!(
        plan.roll_back.reversibility(),
        waymark::plan::Reversibility::Lossy
    );
    let says = plan.summary.join("\n");
    assert!(
        says.contains("column Users.birthDate comes back empty"),
        "{says}"
    );
    let dup = &plan.diagnostics[0];
    let rows = Db::query(&mut db, &dup.sql).unwrap();
    assert_eq!(
        serde_json::to_string(&rows).unwrap(),
        r#"[{"count":"2","email":"ann@example.com"}]"#
    );

    // Roll back: birthDate returns, empty, and the users stay.
    take(&mut db, &plan, Way::Back).unwrap();
    assert_eq!(
        mismatch(&schema_after(&case, 1), &live(&mut db), true),
        None
    );
    assert_eq!(
        scalar(
            &mut db,
            "SELECT COUNT(*) FROM Users WHERE birthDate IS NOT NULL"
        ),
        "0"
    );
    assert_eq!(scalar(&mut db, "SELECT COUNT(*) FROM Users"), "3");
    assert_eq!(state(&mut db, &case), State::RolledBack);
    let record = read_records(&mut db, case.dialect).pop().unwrap();
    assert_eq!(record.status, RecordStatus::RolledBack);
    drop(db);

    // Separately: fix the duplicate, roll forward, resolve.
    diagnose_fix_roll_forward(&case);
}

#[test]
fn seed_scenario_on_postgres_runs_in_a_transaction() {
    let case = Case {
        name: "seed on PostgreSQL",
        dialect: Dialect::Postgres,
        schema: r#"CREATE TABLE "Users" (id serial PRIMARY KEY, email varchar(191) NOT NULL, "birthDate" date);"#,
        rows: r#"INSERT INTO "Users" (email, "birthDate") VALUES ('ann@example.com', '1990-01-01'), ('bob@example.com', '1985-05-05'), ('ann@example.com', '1991-02-02')"#,
        migration: r#"ALTER TABLE "Users" DROP COLUMN "birthDate";
ALTER TABLE "Users" ADD CONSTRAINT "Users_email_key" UNIQUE (email);
ALTER TABLE "Users" ADD COLUMN signup_date timestamp DEFAULT CURRENT_TIMESTAMP;"#,
        fails_at: 1,
        code: Code::MayFailUnique,
        shows: r#""email":"ann@example.com""#,
        fix: r#"DELETE FROM "Users" WHERE email = 'ann@example.com' AND id > 1"#,
    };
    let (mut db, plan) = failed(&case);
    assert_eq!(plan.statements_applied, 0);
    assert!(
        plan.summary
            .iter()
            .any(|l| l.contains("nothing of it remains")),
        "{:#?}",
        plan.summary
    );
    assert!(plan.roll_back.is_empty());
    assert!(plan.drift.is_empty());
    assert_eq!(
        mismatch(&schema_after(&case, 1), &live(&mut db), true),
        None
    );
    assert_eq!(
        scalar(
            &mut db,
            r#"SELECT COUNT(*) FROM "Users" WHERE "birthDate" IS NOT NULL"#
        ),
        "3"
    );
    drop(db);
    diagnose_fix_roll_forward(&case);
}

#[test]
fn seed_scenario_on_sqlite() {
    let case = Case {
        name: "seed on SQLite",
        dialect: Dialect::Sqlite,
        schema: "CREATE TABLE Users (id integer PRIMARY KEY, email text NOT NULL, birthDate date);",
        rows: "INSERT INTO Users (email, birthDate) VALUES ('ann@example.com', '1990-01-01'), ('bob@example.com', '1985-05-05'), ('ann@example.com', '1991-02-02')",
        migration: "ALTER TABLE Users DROP COLUMN birthDate;
CREATE UNIQUE INDEX Users_email_key ON Users (email);
ALTER TABLE Users ADD COLUMN signup_date datetime;",
        fails_at: 1,
        code: Code::MayFailUnique,
        shows: r#""email":"ann@example.com""#,
        fix: "DELETE FROM Users WHERE email = 'ann@example.com' AND id > 1",
    };
    diagnose_fix_roll_forward(&case);
}

/// Each kind of data failure the diagnostics cover, on the servers that check it.
#[test]
fn data_failures_are_found_then_rolled_forward() {
    let cases = [
        Case {
            name: "not null on PostgreSQL",
            dialect: Dialect::Postgres,
            schema: "CREATE TABLE items (id integer PRIMARY KEY, name text);",
            rows: "INSERT INTO items VALUES (1, 'a'), (2, NULL)",
            migration: "ALTER TABLE items ADD COLUMN note text;\nALTER TABLE items ALTER COLUMN name SET NOT NULL;",
            fails_at: 1,
            code: Code::MayFailSetNotNull,
            shows: r#""id":"2""#,
            fix: "UPDATE items SET name = 'x' WHERE name IS NULL",
        },
        Case {
            name: "not null on MariaDB",
            dialect: Dialect::Mysql,
            schema: "CREATE TABLE items (id int PRIMARY KEY, name varchar(50));",
            rows: "INSERT INTO items VALUES (1, 'a'), (2, NULL)",
            migration: "ALTER TABLE items ADD COLUMN note text;\nALTER TABLE items MODIFY name varchar(50) NOT NULL;",
            fails_at: 1,
            code: Code::MayFailSetNotNull,
            shows: r#""id":"2""#,
            fix: "UPDATE items SET name = 'x' WHERE name IS NULL",
        },
        Case {
            name: "check on PostgreSQL",
            dialect: Dialect::Postgres,
            schema: "CREATE TABLE items (id integer PRIMARY KEY, qty integer);",
            rows: "INSERT INTO items VALUES (1, 5), (2, -1)",
            migration: "ALTER TABLE items ADD COLUMN note text;\nALTER TABLE items ADD CONSTRAINT qty_positive CHECK (qty > 0);",
            fails_at: 1,
            code: Code::MayFailCheck,
            shows: r#""qty":"-1""#,
            fix: "UPDATE items SET qty = 1 WHERE NOT (qty > 0)",
        },
        Case {
            name: "check on MariaDB",
            dialect: Dialect::Mysql,
            schema: "CREATE TABLE items (id int PRIMARY KEY, qty int);",
            rows: "INSERT INTO items VALUES (1, 5), (2, -1)",
            migration: "ALTER TABLE items ADD COLUMN note text;\nALTER TABLE items ADD CONSTRAINT qty_positive CHECK (qty > 0);",
            fails_at: 1,
            code: Code::MayFailCheck,
            shows: r#""qty":"-1""#,
            fix: "UPDATE items SET qty = 1 WHERE NOT (qty > 0)",
        },
        Case {
            name: "foreign key on PostgreSQL",
            dialect: Dialect::Postgres,
            schema: "CREATE TABLE parents (id integer PRIMARY KEY);\nCREATE TABLE children (id integer PRIMARY KEY, parent_id integer);",
            rows: "INSERT INTO parents VALUES (1); INSERT INTO children VALUES (1, 1), (2, 99), (3, NULL)",
            migration: "ALTER TABLE children ADD COLUMN note text;\nALTER TABLE children ADD CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id);",
            fails_at: 1,
            code: Code::MayFailForeignKey,
            shows: r#""parent_id":"99""#,
            fix: "DELETE FROM children WHERE parent_id = 99",
        },
        Case {
            name: "foreign key on MariaDB",
            dialect: Dialect::Mysql,
            schema: "CREATE TABLE parents (id int PRIMARY KEY);\nCREATE TABLE children (id int PRIMARY KEY, parent_id int);",
            rows: "INSERT INTO parents VALUES (1); INSERT INTO children VALUES (1, 1), (2, 99), (3, NULL)",
            migration: "ALTER TABLE children ADD COLUMN note text;\nALTER TABLE children ADD CONSTRAINT children_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id);",
            fails_at: 1,
            code: Code::MayFailForeignKey,
            shows: r#""parent_id":"99""#,
            fix: "DELETE FROM children WHERE parent_id = 99",
        },
        Case {
            name: "cast on PostgreSQL",
            dialect: Dialect::Postgres,
            schema: "CREATE TABLE items (id integer PRIMARY KEY, code text);",
            rows: "INSERT INTO items VALUES (1, '42'), (2, 'abc')",
            migration: "ALTER TABLE items ADD COLUMN note text;\nALTER TABLE items ALTER COLUMN code TYPE integer USING code::integer;",
            fails_at: 1,
            code: Code::MayFailCast,
            shows: r#""code":"abc""#,
            fix: "UPDATE items SET code = '0' WHERE code = 'abc'",
        },
        Case {
            name: "cast on MariaDB",
            dialect: Dialect::Mysql,
            schema: "CREATE TABLE items (id int PRIMARY KEY, code varchar(20));",
            rows: "INSERT INTO items VALUES (1, '42'), (2, 'abc')",
            migration: "ALTER TABLE items ADD COLUMN note text;\nALTER TABLE items MODIFY code int;",
            fails_at: 1,
            code: Code::MayFailCast,
            shows: r#""code":"abc""#,
            fix: "UPDATE items SET code = '0' WHERE code = 'abc'",
        },
        Case {
            name: "unique on SQLite",
            dialect: Dialect::Sqlite,
            schema: "CREATE TABLE items (id integer PRIMARY KEY, sku text);",
            rows: "INSERT INTO items VALUES (1, 'a'), (2, 'a'), (3, NULL), (4, NULL)",
            migration: "ALTER TABLE items ADD COLUMN note text;\nCREATE UNIQUE INDEX items_sku ON items (sku);",
            fails_at: 1,
            code: Code::MayFailUnique,
            shows: r#""sku":"a""#,
            fix: "DELETE FROM items WHERE id = 2",
        },
    ];
    for case in &cases {
        diagnose_fix_roll_forward(case);
    }
}
