//! The sqldef corpus through the plan oracle, every case, every dialect: no plan may be
//! wrong and nothing may crash, and the pass count may not slide below its floor. The
//! committed reports (tests/corpus/report-*.txt, written by `tests/corpus/run`) say why each
//! case is where it is.

use waymark_oracle::corpus::{entry, judge, report};

/// Passes reached when the floors were last raised; see BENCHMARKS.md / the reports.
fn floor(dialect: &str) -> usize {
    match dialect {
        "postgres" => 770,
        "mysql" => 240,
        _ => 62,
    }
}

fn run(dialect: &str) {
    let path = format!(
        "{}/../../shared/corpus/sqldef/{dialect}.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let results: Vec<_> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let e = entry(l).unwrap_or_else(|err| panic!("{path}: {err}"));
            (e.case.id.clone(), judge(&e))
        })
        .collect();
    let counts = report::counts(&results);
    let bad: Vec<String> = results
        .iter()
        .filter(|(_, v)| matches!(v.class(), "wrong" | "crashed"))
        .map(|(id, v)| format!("{} {id}: {}", v.class(), v.reason()))
        .collect();
    assert!(bad.is_empty(), "{dialect}: {}", bad.join("\n"));
    let passed = counts.get("passed").copied().unwrap_or(0);
    assert!(
        passed >= floor(dialect),
        "{dialect}: {passed} passed, below the floor of {}: {}",
        floor(dialect),
        report::counts_json(&results)
    );
}

#[test]
fn postgres_corpus_plans() {
    run("postgres");
}

#[test]
fn mysql_corpus_plans() {
    run("mysql");
}

#[test]
fn sqlite_corpus_plans() {
    run("sqlite");
}
