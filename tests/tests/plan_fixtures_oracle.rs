//! Every plan fixture (engine/tests/plans/<dialect>/<case>: from.sql, to.sql, optional
//! hints.json and options.json), in both directions (from → to, then to → from with the
//! hints reversed), through the oracle on the real server:
//! the up script must reach `to`, re-planning must find nothing, the down script must bring
//! back `from`. The engine's own test snapshots the SQL; this proves it. A fixture the oracle
//! cannot judge holds `oracle-unsupported.txt` with the reason the oracle must give.

use std::path::{Path, PathBuf};
use waymark::diff::RenameHints;
use waymark::plan::PlanOptions;
use waymark::Dialect;
use waymark_oracle::oracle::{check, Case, Verdict};

fn read_json<T: serde::de::DeserializeOwned + Default>(path: &Path) -> T {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display())),
        Err(_) => T::default(),
    }
}

fn cases(dialect: Dialect) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../engine/tests/plans")
        .join(dialect.name());
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    // WAYMARK_PLAN_FIXTURE=name runs the fixtures whose name contains it (while working on one).
    if let Ok(only) = std::env::var("WAYMARK_PLAN_FIXTURE") {
        dirs.retain(|d| d.to_string_lossy().contains(&only));
        assert!(
            !dirs.is_empty(),
            "no {} fixture matches {only}",
            dialect.name()
        );
        return dirs;
    }
    assert!(
        dirs.len() >= 3,
        "too few plan fixtures in {}",
        root.display()
    );
    dirs
}

/// The hints of the pair read backwards: each rename undone, columns under the table's name
/// in what is now the next schema.
fn reversed(h: &RenameHints) -> RenameHints {
    let old_name = |t: &waymark::QualifiedName| {
        h.tables
            .iter()
            .find(|(_, new)| new == t)
            .map_or_else(|| t.clone(), |(old, _)| old.clone())
    };
    RenameHints {
        tables: h
            .tables
            .iter()
            .map(|(a, b)| (b.clone(), a.clone()))
            .collect(),
        columns: h
            .columns
            .iter()
            .map(|(t, a, b)| (old_name(t), b.clone(), a.clone()))
            .collect(),
    }
}

fn run(dialect: Dialect) {
    let mut failures = Vec::new();
    for (dir, backwards) in cases(dialect)
        .into_iter()
        .flat_map(|d| [(d.clone(), false), (d, true)])
    {
        let sql = |f: &str| std::fs::read_to_string(dir.join(f)).expect("fixture reads");
        let mut name = dir.file_name().unwrap().to_string_lossy().to_string();
        let hints = read_json::<RenameHints>(&dir.join("hints.json"));
        let (from_sql, to_sql, hints) = match backwards {
            false => (sql("from.sql"), sql("to.sql"), hints),
            true => {
                name.push_str(" (to → from)");
                (sql("to.sql"), sql("from.sql"), reversed(&hints))
            }
        };
        let case = Case {
            id: name.clone(),
            dialect,
            from_sql,
            to_sql,
            hints,
            options: read_json::<PlanOptions>(&dir.join("options.json")),
        };
        let verdict = check(&case);
        // A fixture the oracle cannot judge says so, with the reason it must give.
        let expected = std::fs::read_to_string(dir.join("oracle-unsupported.txt")).ok();
        let ok = match (&expected, &verdict) {
            (None, Verdict::Passed) => true,
            (Some(why), Verdict::Unsupported(reason)) => reason.contains(why.trim()),
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{name}: {} {} (expected {})",
                verdict.class(),
                verdict.reason(),
                expected.as_deref().map_or("passed", str::trim)
            ));
        }
    }
    assert!(failures.is_empty(), "{dialect}:\n{}", failures.join("\n"));
}

#[test]
fn postgres_plan_fixtures_hold_on_the_server() {
    run(Dialect::Postgres);
}

#[test]
fn mysql_plan_fixtures_hold_on_the_server() {
    run(Dialect::Mysql);
}

#[test]
fn sqlite_plan_fixtures_hold_on_the_server() {
    run(Dialect::Sqlite);
}
