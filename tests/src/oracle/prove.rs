//! Steps b to e of the oracle: run both inputs, apply the plan one statement at a time, and
//! compare what the server reports.

use super::{clip, clip_to, run_plan, Case, Stop, Verdict};
use crate::Scratch;
use waymark::compare::{differences, Options};
use waymark::diff::RenameHints;
use waymark::plan::{Plan, Reversibility};
use waymark::{Code, Dialect, Schema};

/// Steps b to e, on real servers.
pub(super) fn prove(case: &Case, plan: &Plan) -> Verdict {
    let isolate = needs_database(case.dialect, &case.from_sql, &case.to_sql);
    let open = || match isolate {
        true => Scratch::open_database(case.dialect),
        false => Scratch::open(case.dialect),
    };
    let mut a = open();
    if let Err(e) = setup(&mut a, &case.from_sql) {
        return Verdict::Unsupported(clip(&format!(
            "server refused the input: from: {}",
            server_error(&e)
        )));
    }
    let mut b = open();
    if let Err(e) = setup(&mut b, &case.to_sql) {
        return Verdict::Unsupported(clip(&format!(
            "server refused the input: to: {}",
            server_error(&e)
        )));
    }
    let prev_real = match introspect(&mut a, "from") {
        Ok(s) => s,
        Err(v) => return v,
    };
    let target = match introspect(&mut b, "to") {
        Ok(s) => s,
        Err(v) => return v,
    };
    drop(b);

    // One statement per call: Postgres then runs each in its own transaction, which
    // ALTER TYPE ... ADD VALUE needs before the value is used.
    for (n, step) in plan.steps.iter().enumerate() {
        for stmt in &step.up {
            if let Err(e) = a.execute(stmt) {
                return Verdict::Wrong(refused("up", n, stmt, &e));
            }
        }
    }
    let migrated = match introspect(&mut a, "after up") {
        Ok(s) => s,
        Err(v) => return v,
    };
    if let Some(d) = listed(&migrated, &target, &warned_order(plan)) {
        return Verdict::Wrong(clip(&format!("after up, server differs from target: {d}")));
    }
    match run_plan(&migrated, &target, &RenameHints::default(), &case.options) {
        Ok(again) if again.steps.is_empty() => {}
        Ok(again) => {
            return Verdict::Wrong(clip(&format!(
                "re-diff not empty: {}",
                again.summary().join("; ")
            )))
        }
        Err(Stop::Crashed(r)) => return Verdict::Crashed(r),
        Err(Stop::Refused(_, r) | Stop::Skipped(r)) => {
            return Verdict::Wrong(clip(&format!("re-plan of equal schemas failed: {r}")))
        }
    }

    if plan.reversibility() == Reversibility::Irreversible {
        return Verdict::Passed;
    }
    for (n, step) in plan.steps.iter().enumerate().rev() {
        for stmt in &step.down {
            if let Err(e) = a.execute(stmt) {
                return Verdict::Wrong(refused("down", n, stmt, &e));
            }
        }
    }
    let restored = match introspect(&mut a, "after down") {
        Ok(s) => s,
        Err(v) => return v,
    };
    match listed(&restored, &prev_real, &warned_order(plan)) {
        Some(d) => Verdict::Wrong(clip(&format!("down does not restore the from schema: {d}"))),
        None => Verdict::Passed,
    }
}

/// Runs an input script one statement at a time: as one Postgres batch it would be one
/// transaction, which CREATE INDEX CONCURRENTLY refuses.
fn setup(db: &mut Scratch, sql: &str) -> Result<(), String> {
    for statement in crate::split::statements(db.dialect(), sql) {
        db.execute(&statement)?;
    }
    Ok(())
}

fn refused(direction: &str, step: usize, stmt: &str, error: &str) -> String {
    let stmt = clip_to(stmt, 100);
    let error = server_error(error);
    clip(&format!(
        "{direction} step {} `{stmt}` refused: {error}",
        step + 1
    ))
}

/// A server error without what the reason already shows: MariaDB's `MySqlError { ERROR `
/// wrapper and the statement `Scratch::execute` appends.
fn server_error(e: &str) -> String {
    let e = e.split("\n  in: ").next().unwrap_or(e);
    match e.strip_prefix("MySqlError { ERROR ") {
        Some(rest) => rest.trim_end_matches(" }").to_string(),
        None => e.to_string(),
    }
}

/// The `compare` paths of the column orders the plan warned about.
fn warned_order(plan: &Plan) -> Vec<String> {
    plan.suggestions
        .iter()
        .filter(|d| d.code == Code::ColumnOrderDiffers)
        .filter_map(|d| d.object.as_ref())
        .map(|table| format!("tables[{table}].columns (order)"))
        .collect()
}

/// The server's schema. MariaDB prints view definitions with every name qualified by the
/// database; A and B are different databases only for the oracle's sake, so that qualifier
/// goes, or every view would differ between them.
fn introspect(db: &mut Scratch, when: &str) -> Result<Schema, Verdict> {
    let mut schema = db
        .introspect()
        .map_err(|e| Verdict::Crashed(clip(&format!("introspect {when}: {e}"))))?;
    if db.dialect() == Dialect::Mysql {
        let qualifier = format!("`{}`.", db.namespace());
        for view in schema.views.values_mut() {
            view.definition = view.definition.replace(&qualifier, "");
        }
    }
    Ok(schema)
}

/// The first few differences, `None` when equal (view text aside). A column-order
/// difference is no difference on a table the plan warned about (`column-order-differs`):
/// Postgres can only append columns, and the engine says so up front.
fn listed(left: &Schema, right: &Schema, warned: &[String]) -> Option<String> {
    let diffs: Vec<_> = differences(
        left,
        right,
        Options {
            view_definitions: false,
        },
    )
    .into_iter()
    .filter(|d| !warned.contains(&d.path))
    .collect();
    if diffs.is_empty() {
        return None;
    }
    let mut shown: Vec<String> = diffs.iter().take(3).map(|d| d.to_string()).collect();
    if diffs.len() > 3 {
        shown.push(format!("(+{} more)", diffs.len() - 3));
    }
    Some(shown.join("; "))
}

/// Postgres SQL that names `public`, schemas or extensions needs a database of its own: in a
/// shared database it would leave the scratch schema or collide with the other side.
fn needs_database(dialect: Dialect, from: &str, to: &str) -> bool {
    dialect == Dialect::Postgres
        && [from, to].iter().any(|sql| {
            let sql = sql.to_ascii_lowercase();
            ["public", "schema", "extension", "search_path"]
                .iter()
                .any(|w| sql.contains(w))
        })
}
