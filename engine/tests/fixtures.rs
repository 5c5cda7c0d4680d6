//! Data-driven ingestion tests: every `fixtures/<dialect>/<case>/input.sql` is applied to an
//! empty schema; the snapshot holds the schema JSON and the diagnostics, or the error.
//! Cases named `err_*` must fail.

use serde_json::json;
use std::path::Path;
use waymark::ingest::apply_sql;
use waymark::{Dialect, Schema};

fn run(dialect: Dialect, path: &Path) -> serde_json::Value {
    let sql = std::fs::read_to_string(path).expect("fixture reads");
    let case = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let mut schema = Schema::empty(dialect);
    match apply_sql(&mut schema, &sql) {
        Ok(applied) => {
            assert!(
                !case.starts_with("err_"),
                "{dialect}/{case} should fail but applied"
            );
            let statements: Vec<_> = applied
                .statements
                .iter()
                .map(|s| json!({ "at": format!("{}-{}", s.start, s.end), "kind": s.kind, "footprint": s.footprint }))
                .collect();
            json!({
                "schema": waymark::snapshot::to_value(&schema)["schema"],
                "diagnostics": applied.diagnostics,
                "statements": statements,
            })
        }
        Err(e) => {
            assert!(case.starts_with("err_"), "{dialect}/{case} failed: {e}");
            json!({ "error": e })
        }
    }
}

fn dialect_cases(dialect: Dialect) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dialect.name());
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("input.sql").is_file())
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures under {}", root.display());
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/fixtures");
    settings.bind(|| {
        for dir in cases {
            let case = dir.file_name().unwrap().to_string_lossy().to_string();
            insta::assert_json_snapshot!(
                format!("{}__{case}", dialect.name()),
                run(dialect, &dir.join("input.sql"))
            );
        }
    });
}

#[test]
fn postgres_fixtures() {
    dialect_cases(Dialect::Postgres);
}

#[test]
fn mysql_fixtures() {
    dialect_cases(Dialect::Mysql);
}

#[test]
fn sqlite_fixtures() {
    dialect_cases(Dialect::Sqlite);
}
