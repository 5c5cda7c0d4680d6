//! Migration history end to end on the real servers: a host loop (the one docs/history.md
//! describes) deploys a history, a second branch's migrations arrive out of order, and the
//! commutative policy applies the safe one and refuses the conflicting one, leaving the
//! database as it was. Also: failures recorded per statement, and two deployers at once.

use waymark::history::{
    prelude, status, DeployOptions, History, LocalMigration, OrderingPolicy, State,
};
use waymark::introspect::Row;
use waymark::Dialect;
use waymark_oracle::host::{deploy, deploy_with, read_records, Db};
use waymark_oracle::Scratch;

fn m(id: &str, sql: &str) -> LocalMigration {
    LocalMigration::new(id, sql)
}

fn main_branch() -> Vec<LocalMigration> {
    vec![
        m(
            "20230901000000_users",
            "CREATE TABLE users (id integer PRIMARY KEY, email varchar(100));",
        ),
        m(
            "20230914000000_rename",
            "ALTER TABLE users RENAME COLUMN email TO mail;",
        ),
    ]
}

fn commutative_on(dialect: Dialect) {
    let mut db = Scratch::open(dialect);
    let mut local = main_branch();
    assert_eq!(
        deploy(&mut db, dialect, &local, OrderingPolicy::Strict).unwrap(),
        ["20230901000000_users", "20230914000000_rename"]
    );
    // Deploying again does nothing.
    assert!(deploy(&mut db, dialect, &local, OrderingPolicy::Strict)
        .unwrap()
        .is_empty());

    // The other branch, stamped before the rename, merged after it was deployed.
    let safe = m(
        "20230910000000_pets",
        "CREATE TABLE pets (id integer PRIMARY KEY, owner integer);",
    );
    let conflicting = m(
        "20230912000000_email_index",
        "CREATE INDEX users_email ON users (email);",
    );
    local.push(safe);
    let strict = deploy(&mut db, dialect, &local, OrderingPolicy::Strict).unwrap_err();
    assert!(
        strict.contains("out-of-order") && strict.contains("20230910000000_pets"),
        "{dialect}: {strict}"
    );
    assert_eq!(
        deploy(&mut db, dialect, &local, OrderingPolicy::Commutative).unwrap(),
        ["20230910000000_pets"],
        "{dialect}"
    );

    local.push(conflicting);
    let before = (db.introspect().unwrap(), read_records(&mut db, dialect));
    let refused = deploy(&mut db, dialect, &local, OrderingPolicy::Commutative).unwrap_err();
    assert!(refused.contains("non-commutative"), "{dialect}: {refused}");
    assert!(
        refused.contains(
            "20230912000000_email_index uses users.email, which 20230914000000_rename renamed"
        ),
        "{dialect}: {refused}"
    );
    let after = (db.introspect().unwrap(), read_records(&mut db, dialect));
    assert_eq!(
        before, after,
        "{dialect}: the refused deploy changed the database"
    );

    // What the database holds is what status reports.
    let s = status(
        &History::new(dialect, local.clone(), after.1),
        OrderingPolicy::Commutative,
    )
    .unwrap();
    let states: Vec<(&str, State)> = s.entries.iter().map(|e| (e.id.as_str(), e.state)).collect();
    assert_eq!(
        states,
        [
            ("20230901000000_users", State::Applied),
            ("20230910000000_pets", State::Applied),
            ("20230912000000_email_index", State::OutOfOrder),
            ("20230914000000_rename", State::Applied),
        ],
        "{dialect}"
    );
}

#[test]
fn commutative_policy_on_postgres() {
    commutative_on(Dialect::Postgres);
}

#[test]
fn commutative_policy_on_mariadb() {
    commutative_on(Dialect::Mysql);
}

#[test]
fn commutative_policy_on_sqlite() {
    commutative_on(Dialect::Sqlite);
}

/// A migration whose second statement fails: with transactional DDL nothing of it remains;
/// without (MariaDB) the first statement stays and the record says 1 of 2.
fn failure_on(dialect: Dialect, expected: State) {
    let mut db = Scratch::open(dialect);
    let mut local = main_branch();
    deploy(&mut db, dialect, &local, OrderingPolicy::Strict).unwrap();
    local.push(m(
        "20230920000000_broken",
        "CREATE TABLE t1 (id integer);\nINSERT INTO no_such_table VALUES (1);",
    ));
    let e = deploy(&mut db, dialect, &local, OrderingPolicy::Strict).unwrap_err();
    assert!(e.contains("20230920000000_broken failed"), "{dialect}: {e}");
    let records = read_records(&mut db, dialect);
    let s = status(
        &History::new(dialect, local.clone(), records),
        OrderingPolicy::Strict,
    )
    .unwrap();
    let entry = s.entry("20230920000000_broken").unwrap();
    assert_eq!(entry.state, expected, "{dialect}: {entry:?}");
    assert!(
        entry.message.contains("statement 2 of 2"),
        "{dialect}: {}",
        entry.message
    );
    let t1 = db
        .introspect()
        .unwrap()
        .tables
        .contains_key(&waymark::QualifiedName::bare("t1"));
    assert_eq!(t1, expected == State::PartiallyApplied, "{dialect}");
    // Deploy now refuses until someone resolves it.
    let blocked = deploy(&mut db, dialect, &local, OrderingPolicy::Strict).unwrap_err();
    assert!(blocked.contains("migration-"), "{dialect}: {blocked}");
}

#[test]
fn failures_are_recorded_per_statement() {
    failure_on(Dialect::Postgres, State::Failed);
    failure_on(Dialect::Mysql, State::PartiallyApplied);
    failure_on(Dialect::Sqlite, State::Failed);
}

/// Two deployers at once on one database: each migration runs exactly once.
mod concurrent {
    use super::*;

    struct Pg(postgres::Client);
    struct My(mysql::Conn);

    impl Db for Pg {
        fn exec(&mut self, sql: &str) -> Result<(), String> {
            self.0.batch_execute(sql).map_err(|e| e.to_string())
        }
        fn query(&mut self, sql: &str) -> Result<Vec<Row>, String> {
            waymark_oracle::rows::postgres(&mut self.0, sql)
        }
    }

    impl Db for My {
        fn exec(&mut self, sql: &str) -> Result<(), String> {
            use mysql::prelude::Queryable;
            self.0.query_drop(sql).map_err(|e| e.to_string())
        }
        fn query(&mut self, sql: &str) -> Result<Vec<Row>, String> {
            waymark_oracle::rows::mysql(&mut self.0, sql)
        }
    }

    fn connect(dialect: Dialect, namespace: &str) -> Box<dyn Db + Send> {
        match dialect {
            Dialect::Postgres => {
                let url = std::env::var("WAYMARK_PG_URL").unwrap_or_else(|_| {
                    "host=127.0.0.1 port=5432 user=postgres dbname=test".into()
                });
                let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("PostgreSQL");
                c.batch_execute(&format!("SET search_path TO {namespace}"))
                    .unwrap();
                Box::new(Pg(c))
            }
            _ => {
                let url = std::env::var("WAYMARK_MYSQL_URL")
                    .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into());
                let mut c =
                    mysql::Conn::new(mysql::Opts::from_url(&url).unwrap()).expect("MariaDB");
                use mysql::prelude::Queryable;
                c.query_drop(format!("USE {namespace}")).unwrap();
                Box::new(My(c))
            }
        }
    }

    fn two_deployers(dialect: Dialect) {
        // The scratch namespace is dropped at the end; the deployers connect to it themselves.
        let mut scratch = Scratch::open(dialect);
        let sleep = match dialect {
            Dialect::Postgres => "SELECT pg_sleep(0.3);",
            _ => "SELECT SLEEP(0.3);",
        };
        let local = vec![
            m(
                "0001_users",
                &format!("CREATE TABLE users (id integer PRIMARY KEY);\n{sleep}"),
            ),
            m("0002_pets", "CREATE TABLE pets (id integer PRIMARY KEY);"),
            m("0003_tags", "CREATE TABLE tags (id integer PRIMARY KEY);"),
        ];
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let mut db = connect(dialect, scratch.namespace());
                let local = local.clone();
                std::thread::spawn(move || {
                    deploy(db.as_mut(), dialect, &local, OrderingPolicy::Strict)
                })
            })
            .collect();
        let mut ran: Vec<String> = Vec::new();
        for t in threads {
            ran.extend(
                t.join()
                    .unwrap()
                    .unwrap_or_else(|e| panic!("{dialect}: {e}")),
            );
        }
        ran.sort();
        assert_eq!(
            ran,
            ["0001_users", "0002_pets", "0003_tags"],
            "{dialect}: every migration exactly once"
        );
        let records = read_records(&mut scratch, dialect);
        assert_eq!(records.len(), 3);
        assert!(status(
            &History::new(dialect, local, records),
            OrderingPolicy::Strict
        )
        .unwrap()
        .ok());
    }

    /// A deployer that cannot get the lock in time says so, and runs nothing.
    fn lock_held(dialect: Dialect) {
        let scratch = Scratch::open(dialect);
        let mut holder = connect(dialect, scratch.namespace());
        let pre = prelude(dialect, &DeployOptions::default());
        for sql in &pre.lock.acquire {
            holder.query(sql).unwrap();
        }
        let mut loser = connect(dialect, scratch.namespace());
        let opts = DeployOptions {
            lock_timeout_seconds: 1,
            ..DeployOptions::default()
        };
        let local = [m(
            "0001_users",
            "CREATE TABLE users (id integer PRIMARY KEY);",
        )];
        let e = deploy_with(loser.as_mut(), dialect, &local, &opts, None).unwrap_err();
        assert!(
            e.contains("lock-not-acquired")
                && e.contains("another deployer holds the migration lock"),
            "{dialect}: {e}"
        );
        for sql in &pre.lock.release {
            holder.exec(sql).unwrap();
        }
        assert_eq!(
            deploy_with(loser.as_mut(), dialect, &local, &opts, None).unwrap(),
            ["0001_users"],
            "{dialect}"
        );
    }

    #[test]
    fn the_loser_reports_the_lock() {
        lock_held(Dialect::Postgres);
        lock_held(Dialect::Mysql);
    }

    #[test]
    fn two_deployers_on_postgres() {
        two_deployers(Dialect::Postgres);
    }

    #[test]
    fn two_deployers_on_mariadb() {
        two_deployers(Dialect::Mysql);
    }
}
