//! History benchmarks (issue 4). Prints one JSON line per measurement:
//! `{"bench": ..., "median_ms": ..., "min_ms": ..., "iterations": ...}`.
//! Targets: status + deploy plan for 10,000 migrations with 10,000 applied records < 20 ms;
//! the commutativity check of one late migration against 1,000 later ones < 50 ms.

use std::time::{Duration, Instant};
use waymark::history::{
    deploy_plan, status, AppliedRecord, DeployOptions, History, LocalMigration, OrderingPolicy,
};
use waymark::Dialect;

fn measure(name: &str, iterations: usize, mut f: impl FnMut()) {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{{\"bench\": \"{name}\", \"median_ms\": {:.3}, \"min_ms\": {:.3}, \"iterations\": {iterations}}}",
        ms(times[iterations / 2]),
        ms(times[0])
    );
}

fn id(i: usize) -> String {
    // Timestamps one minute apart, from 2023-01-01 00:00.
    let (d, m) = (i / 1440, i % 1440);
    format!("202301{:02}{:02}{:02}00_m{i}", 1 + d, m / 60, m % 60)
}

/// 10,000 migrations, all applied, plus 10 pending at the end.
fn big_history() -> History {
    let local: Vec<LocalMigration> = (0..10_010)
        .map(|i| LocalMigration::new(id(i), format!("CREATE TABLE t{i} (id integer PRIMARY KEY, name text);\nCREATE INDEX t{i}_name ON t{i} (name);\n")))
        .collect();
    let applied: Vec<AppliedRecord> = local[..10_000].iter().map(AppliedRecord::applied).collect();
    History::new(Dialect::Postgres, local, applied)
}

/// A base table, 1,000 later applied migrations, and one late migration stamped before them.
/// `same_table`: every later one alters the late one's table, so footprints meet and both
/// orders are replayed and compared; otherwise they are disjoint.
fn late_history(same_table: bool) -> History {
    let mut local = vec![LocalMigration::new(
        "20230101000000_users",
        "CREATE TABLE users (id integer PRIMARY KEY, email text);",
    )];
    local.push(LocalMigration::new(
        "20230101000030_late",
        "CREATE INDEX users_email ON users (email);",
    ));
    for i in 0..1000 {
        let sql = if same_table {
            format!("ALTER TABLE users ADD COLUMN c{i} integer;")
        } else {
            format!("CREATE TABLE t{i} (id integer PRIMARY KEY, name text);")
        };
        local.push(LocalMigration::new(
            format!("2023010{}{:06}_later{i}", 2 + i / 500, i % 500),
            sql,
        ));
    }
    let applied = local
        .iter()
        .filter(|m| m.id != "20230101000030_late")
        .map(AppliedRecord::applied)
        .collect();
    History::new(Dialect::Postgres, local, applied)
}

fn main() {
    let h = big_history();
    let opts = DeployOptions::default();
    assert_eq!(deploy_plan(&h, &opts).unwrap().migrations.len(), 10);
    measure("history_status_10k", 30, || {
        std::hint::black_box(status(&h, OrderingPolicy::Strict).unwrap());
    });
    measure("history_deploy_plan_10k", 30, || {
        std::hint::black_box(deploy_plan(&h, &opts).unwrap());
    });
    measure("history_status_and_deploy_plan_10k", 30, || {
        std::hint::black_box(status(&h, OrderingPolicy::Strict).unwrap());
        std::hint::black_box(deploy_plan(&h, &opts).unwrap());
    });
    for (name, same) in [
        ("history_commute_1_vs_1000_disjoint", false),
        ("history_commute_1_vs_1000_same_table", true),
    ] {
        let h = late_history(same);
        let s = status(&h, OrderingPolicy::Commutative).unwrap();
        assert!(s.ok(), "{name}: {:?}", s.diagnostics);
        measure(name, 20, || {
            std::hint::black_box(status(&h, OrderingPolicy::Commutative).unwrap());
        });
    }
}
