//! Every history under `histories/<dialect>/` is run on the real server and replayed in
//! memory; after each file, the introspected schema must equal the replayed one.
//! `WAYMARK_HISTORY=<substring>` runs only the matching histories.

use waymark::Dialect;
use waymark_oracle::history::{check, load_all};

fn run(dialect: Dialect) {
    let filter = std::env::var("WAYMARK_HISTORY").unwrap_or_default();
    let histories = load_all(dialect);
    assert!(
        histories.len() >= 15,
        "{dialect}: only {} histories",
        histories.len()
    );
    let failures: Vec<String> = histories
        .iter()
        .filter(|h| h.name.contains(&filter))
        .filter_map(|h| check(h).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} {dialect} histories disagree:\n\n{}",
        failures.len(),
        histories.len(),
        failures.join("\n\n")
    );
}

#[test]
fn postgres_histories() {
    run(Dialect::Postgres);
}

#[test]
fn mysql_histories() {
    run(Dialect::Mysql);
}

#[test]
fn sqlite_histories() {
    run(Dialect::Sqlite);
}
