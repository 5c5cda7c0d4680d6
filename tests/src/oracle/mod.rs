//! The plan oracle: a plan is right when running its up SQL on a real server turns the
//! `from` schema into exactly what the server builds from the `to` SQL, planning again finds
//! nothing left to do, and the down SQL brings back the `from` schema.

// `Diagnostic` is large by design (see engine/src/lib.rs); here it is only passed on.
#![allow(clippy::result_large_err)]

mod prove;

use std::panic::{catch_unwind, AssertUnwindSafe};
use waymark::diff::{MigrationPair, RenameHints};
use waymark::plan::{plan, Plan, PlanOptions};
use waymark::{Code, Diagnostic, Dialect, Schema, Severity};

/// How long a reason may get; the rest of the detail is cut.
const DETAIL: usize = 300;

#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub dialect: Dialect,
    pub from_sql: String,
    pub to_sql: String,
    pub hints: RenameHints,
    pub options: PlanOptions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Unsupported(String),
    Wrong(String),
    Crashed(String),
}

impl Verdict {
    pub fn class(&self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Unsupported(_) => "unsupported",
            Verdict::Wrong(_) => "wrong",
            Verdict::Crashed(_) => "crashed",
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            Verdict::Passed => "",
            Verdict::Unsupported(r) | Verdict::Wrong(r) | Verdict::Crashed(r) => r,
        }
    }
}

/// Why the engine produced no plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// Parsing or planning failed with a documented error: the engine said no.
    Refused(Code, String),
    /// The input holds something the engine skips, or the oracle cannot judge.
    Skipped(String),
    /// A panic or an undocumented error.
    Crashed(String),
}

impl From<Stop> for Verdict {
    fn from(stop: Stop) -> Verdict {
        match stop {
            Stop::Refused(_, reason) | Stop::Skipped(reason) => Verdict::Unsupported(reason),
            Stop::Crashed(reason) => Verdict::Crashed(reason),
        }
    }
}

/// What the engine made of a case.
#[derive(Debug, Clone)]
pub struct Planned {
    pub previous: Schema,
    pub next: Schema,
    pub plan: Plan,
}

/// Judges one case. Never panics: a panic anywhere becomes `Crashed`.
pub fn check(case: &Case) -> Verdict {
    guarded("oracle", || match engine_plan(case) {
        Ok(planned) => prove::prove(case, &planned.plan),
        Err(stop) => stop.into(),
    })
    .unwrap_or_else(Verdict::Crashed)
}

/// Step a: parse both sides and plan, as a user of the engine would.
pub fn engine_plan(case: &Case) -> Result<Planned, Stop> {
    let previous = parse(case.dialect, &case.from_sql, "from")?;
    let next = parse(case.dialect, &case.to_sql, "to")?;
    // PostgreSQL cases that name schemas run in a scratch database, judged whole; elsewhere
    // the oracle introspects one namespace, and objects in others would pass unseen.
    let sides = [("from", &previous), ("to", &next)];
    for (side, schema) in sides
        .into_iter()
        .filter(|_| case.dialect != Dialect::Postgres)
    {
        if let Some(ns) = foreign_namespace(schema) {
            return Err(Stop::Skipped(format!(
                "oracle: objects in namespace `{ns}` ({side}); only the default namespace is introspected"
            )));
        }
    }
    let plan = run_plan(&previous, &next, &case.hints, &case.options)?;
    Ok(Planned {
        previous,
        next,
        plan,
    })
}

fn parse(dialect: Dialect, sql: &str, side: &str) -> Result<Schema, Stop> {
    let parsed = guarded("parse_schema", || {
        waymark::ingest::parse_schema(dialect, sql)
    })
    .map_err(Stop::Crashed)?;
    let (schema, diags) = parsed.map_err(|d| Stop::Refused(d.code, diag_reason(&d, side)))?;
    let skipped = diags.iter().find(|d| {
        d.severity == Severity::Warning
            && matches!(d.code, Code::UnsupportedStatement | Code::UnsupportedClause)
    });
    match skipped {
        Some(d) => Err(Stop::Skipped(diag_reason(d, side))),
        None => Ok(schema),
    }
}

pub(crate) fn run_plan(
    previous: &Schema,
    next: &Schema,
    hints: &RenameHints,
    options: &PlanOptions,
) -> Result<Plan, Stop> {
    let pair = MigrationPair { previous, next };
    match guarded("plan", || plan(pair, hints, options)).map_err(Stop::Crashed)? {
        Ok(p) => Ok(p),
        Err(d) if is_refusal(d.code) => Err(Stop::Refused(d.code, diag_reason(&d, "plan"))),
        Err(d) => Err(Stop::Crashed(clip(&format!(
            "plan failed with an undocumented error: {d}"
        )))),
    }
}

/// Errors `plan` documents as a refusal (docs/errors.md), not a malfunction.
fn is_refusal(code: Code) -> bool {
    matches!(
        code,
        Code::UnsupportedChange | Code::PlanCycle | Code::InvalidRenameHint
    )
}

fn foreign_namespace(schema: &Schema) -> Option<String> {
    let keys = schema
        .tables
        .keys()
        .chain(schema.enums.keys())
        .chain(schema.views.keys())
        .chain(schema.domains.keys())
        .chain(schema.functions.keys().map(|k| &k.name));
    keys.filter_map(|k| k.schema.clone())
        .chain(schema.namespaces.iter().cloned())
        .next()
}

/// `code: message (side)`, without the engine's own `unsupported: ` prefix.
fn diag_reason(d: &Diagnostic, side: &str) -> String {
    let msg = d
        .message
        .strip_prefix("unsupported: ")
        .unwrap_or(&d.message);
    clip(&format!("{}: {msg} ({side})", d.code))
}

/// One line, at most `DETAIL` characters.
pub fn clip(s: &str) -> String {
    clip_to(s, DETAIL)
}

pub(crate) fn clip_to(s: &str, max: usize) -> String {
    let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line,
    }
}

/// Runs `f`, turning a panic into its message (and where it happened, under `quiet_panics`).
pub fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let at = PANIC_AT.with(|l| l.borrow_mut().take());
        let at = at.map(|l| format!(" at {l}")).unwrap_or_default();
        clip(&format!("{what} panicked{at}: {}", panic_message(&*p)))
    })
}

thread_local! {
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Replaces the default panic hook (which prints every caught panic) with one that only
/// notes where the panic happened, for `guarded` to report. For long runs such as the corpus.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        PANIC_AT.with(|l| *l.borrow_mut() = at);
    }));
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}
