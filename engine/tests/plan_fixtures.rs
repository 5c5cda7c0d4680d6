//! Data-driven plan tests: every `plans/<dialect>/<case>/` holds `from.sql`, `to.sql` and
//! optionally `hints.json` (RenameHints) and `options.json` (PlanOptions). The snapshot holds
//! each step's SQL both ways, reversibility, hazard codes and transaction need. The oracle
//! (tests/tests/plan_fixtures_oracle.rs) applies the same cases to the real servers.

use serde_json::json;
use std::path::Path;
use waymark::diff::{MigrationPair, RenameHints};
use waymark::plan::{plan, PlanOptions};
use waymark::Dialect;

fn read_json<T: serde::de::DeserializeOwned + Default>(path: &Path) -> T {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).expect("fixture JSON parses"),
        Err(_) => T::default(),
    }
}

fn run(dialect: Dialect, dir: &Path) -> serde_json::Value {
    let load = |f: &str| {
        let sql = std::fs::read_to_string(dir.join(f)).expect("fixture reads");
        waymark::ingest::parse_schema(dialect, &sql)
            .unwrap_or_else(|e| panic!("{}: {f}: {e}", dir.display()))
            .0
    };
    let (previous, next) = (load("from.sql"), load("to.sql"));
    let hints: RenameHints = read_json(&dir.join("hints.json"));
    let options: PlanOptions = read_json(&dir.join("options.json"));
    let pair = MigrationPair {
        previous: &previous,
        next: &next,
    };
    match plan(pair, &hints, &options) {
        Ok(p) => {
            assert!(!p.steps.is_empty(), "{}: empty plan", dir.display());
            let steps: Vec<_> = p
                .steps
                .iter()
                .map(|s| {
                    let hazards: Vec<&str> = s.hazards.iter().map(|h| h.code.as_str()).collect();
                    json!({
                        "summary": s.summary,
                        "up": s.up,
                        "down": s.down,
                        "reversibility": s.reversibility,
                        "hazards": hazards,
                        "transactional": s.transactional,
                    })
                })
                .collect();
            let suggestions: Vec<String> = p.suggestions.iter().map(|d| d.to_string()).collect();
            json!({ "steps": steps, "suggestions": suggestions })
        }
        Err(e) => json!({ "error": e }),
    }
}

#[test]
fn plan_fixtures() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/plans");
    settings.bind(|| {
        for dialect in Dialect::ALL {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/plans")
                .join(dialect.name());
            let mut cases: Vec<_> = std::fs::read_dir(&root)
                .expect("plan fixture folder")
                .map(|e| e.expect("entry").path())
                .collect();
            cases.sort();
            assert!(
                cases.len() >= 3,
                "too few plan fixtures under {}",
                root.display()
            );
            for dir in cases.into_iter().filter(|d| d.is_dir()) {
                let case = dir.file_name().unwrap().to_string_lossy().to_string();
                insta::assert_json_snapshot!(format!("{dialect}__{case}"), run(dialect, &dir));
            }
        }
    });
}
