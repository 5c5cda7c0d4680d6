//! The sqldef corpus (../shared/corpus/sqldef/*.jsonl) as oracle cases: `current` is the
//! from schema, `desired` the to schema. See `tests/corpus/run --help`.

mod flags;
mod renames;
pub mod report;
mod roles;

use crate::oracle::{self, Case, Stop, Verdict};
use serde_json::Value;
use waymark::{Code, Dialect};

/// One corpus line, read.
#[derive(Debug, Clone)]
pub struct Entry {
    pub case: Case,
    /// sqldef expects planning to fail with this message.
    pub expected_error: Option<String>,
    /// Why the oracle's servers cannot run the case (`needs ...`).
    pub needs: Option<String>,
    /// Roles the case grants to or names in policies; created before it runs.
    pub roles: Vec<String>,
}

/// Reads one JSON line; the error says what is malformed.
pub fn entry(line: &str) -> Result<Entry, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let text = |k: &str| v.get(k).and_then(Value::as_str);
    let id = text("id").ok_or("no `id`")?.to_string();
    let dialect: Dialect = text("dialect")
        .ok_or_else(|| format!("{id}: no `dialect`"))?
        .parse()
        .map_err(|e| format!("{id}: {e}"))?;
    let flags = v.get("flags").cloned().unwrap_or(Value::Null);
    let sql = |k: &str| local(dialect, text(k).unwrap_or_default());
    let desired = sql("desired");
    let current = sql("current");
    let roles = roles::needed(dialect, &flags, &[&current, &desired]);
    Ok(Entry {
        case: Case {
            id,
            dialect,
            from_sql: current,
            hints: renames::hints(dialect, &desired),
            to_sql: desired,
            options: flags::options(dialect, &flags),
        },
        expected_error: text("expected_error").map(str::to_string),
        needs: flags::needs(dialect, &flags),
        roles,
    })
}

/// sqldef runs its MySQL suite in database `mysqldef_test`, and some cases name it (views
/// mostly); there it means the current database, so the qualifier goes.
fn local(dialect: Dialect, sql: &str) -> String {
    match dialect {
        Dialect::Mysql => sql
            .replace("`mysqldef_test`.", "")
            .replace("mysqldef_test.", ""),
        _ => sql.to_string(),
    }
}

/// The verdict for one entry. Never panics.
pub fn judge(entry: &Entry) -> Verdict {
    if let Some(need) = &entry.needs {
        return Verdict::Unsupported(need.clone());
    }
    if let Err(e) = roles::ensure(&entry.roles) {
        return Verdict::Crashed(oracle::clip(&e));
    }
    let mut case = entry.case.clone();
    let narrowed = oracle::guarded("rename hints", || {
        if let Ok((previous, _)) = waymark::ingest::parse_schema(case.dialect, &case.from_sql) {
            case.hints = renames::keep_applicable(std::mem::take(&mut case.hints), &previous);
        }
        case
    });
    let case = match narrowed {
        Ok(c) => c,
        Err(e) => return Verdict::Crashed(e),
    };
    match &entry.expected_error {
        None => oracle::check(&case),
        Some(expected) => expect_refusal(&case, expected),
    }
}

/// sqldef expects an error: the engine passes by refusing, not by planning anyway.
fn expect_refusal(case: &Case, expected: &str) -> Verdict {
    let planned = oracle::guarded("oracle", || oracle::engine_plan(case));
    match planned {
        Err(crash) => Verdict::Crashed(crash),
        Ok(Err(Stop::Refused(code, _))) if code != Code::UnsupportedChange => Verdict::Passed,
        Ok(Err(stop)) => stop.into(),
        Ok(Ok(p)) => Verdict::Wrong(oracle::clip(&format!(
            "sqldef expects an error ({expected}); the engine planned {} step(s): {}",
            p.plan.steps.len(),
            p.plan.summary().join("; ")
        ))),
    }
}
