//! The one API every host calls: each operation takes one JSON document and returns one. The
//! WASM, napi and pyo3 crates pass JSON through and hold no logic, so every binding gives the
//! same output for the same input, byte for byte. Shapes: `docs/api.md`; the vectors in
//! `tests/vectors` pin them.

use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::diff::{diff, MigrationPair, RenameHints};
use crate::history::{self, DeployOptions, History, OrderingPolicy};
use crate::introspect::{self, Row};
use crate::plan::{plan, PlanOptions};
use crate::recover::{self, DownOptions, RecoverOptions, Resolution};
use crate::source::{aligned_pair, load, SchemaSource};
use crate::{ingest, model::Schema, snapshot};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

mod output;
#[cfg(feature = "schema")]
pub mod schema;

/// Every operation, in the order `docs/api.md` lists them.
pub const OPERATIONS: &[&str] = &[
    "version",
    "load",
    "diff",
    "plan",
    "lint",
    "status",
    "deploy_plan",
    "recover",
    "resolve",
    "down",
    "down_to",
    "introspection_queries",
    "from_rows",
    "prelude",
    "deploy_failure",
    "resume_failure",
    "cli_step",
    "cli_progress",
];

/// Runs `op` on a JSON text and returns JSON text: what bindings call.
pub fn call_json(op: &str, input: &str) -> Result<String, Diagnostic> {
    let value: Value = serde_json::from_str(input).map_err(|e| {
        Diagnostic::error(
            Code::InvalidInput,
            format!("{op}: the input is not JSON: {e}"),
        )
        .with_object(op.to_string())
    })?;
    call(op, value).map(|v| v.to_string())
}

/// A diagnostic as the bindings hand it over: JSON with its keys sorted, like every output.
pub fn error_json(d: &Diagnostic) -> String {
    serde_json::to_value(d)
        .expect("a diagnostic serialises")
        .to_string()
}

/// Runs `op`. A panic inside the engine comes back as an `internal-error` diagnostic (where the
/// target unwinds; WASM aborts, and its glue reports the panic message instead).
pub fn call(op: &str, input: Value) -> Result<Value, Diagnostic> {
    guarded(op, || dispatch(op, input))
}

/// Runs `f`, turning a panic into `internal-error` with the panic's message.
fn guarded(op: &str, f: impl FnOnce() -> Result<Value, Diagnostic>) -> Result<Value, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Diagnostic::error(
            Code::InternalError,
            format!("{op}: the engine panicked: {what}"),
        )
        .with_object(op.to_string())
        .with_hint("this is a bug in Waymark: please report it with the input"))
    })
}

fn dispatch(op: &str, input: Value) -> Result<Value, Diagnostic> {
    match op {
        "version" => to_value(output::VersionOutput {
            version: env!("CARGO_PKG_VERSION"),
            operations: OPERATIONS,
        }),
        "load" => {
            let i: LoadInput = parse(op, input)?;
            let (schema, notes) = load(i.dialect, &i.source)?;
            to_value(output::LoadOutput {
                schema: snapshot::to_value(&schema),
                notes,
            })
        }
        "diff" => {
            let i: PairInput = parse(op, input)?;
            let (from, to, notes) = i.schemas()?;
            let d = diff(pair(&from, &to), &i.hints)?;
            to_value(output::DiffOutput {
                summary: crate::diff::summary(&d.changes),
                changes: d.changes,
                suggestions: d.suggestions,
                notes,
            })
        }
        "plan" => {
            let i: PairInput = parse(op, input)?;
            let (from, to, notes) = i.schemas()?;
            let p = plan(pair(&from, &to), &i.hints, &i.options)?;
            to_value(output::PlanOutput {
                up: p.up_script(),
                down: p.down_script(),
                summary: p.summary(),
                reversibility: p.reversibility(),
                plan: p,
                notes,
            })
        }
        "lint" => {
            let i: LintInput = parse(op, input)?;
            lint(i)
        }
        "status" => {
            let i: HistoryInput = parse(op, input)?;
            to_value(history::status(&i.history, i.policy)?)
        }
        "prelude" => {
            let i: PreludeInput = parse(op, input)?;
            to_value(history::prelude(i.dialect, &i.options))
        }
        "deploy_failure" => {
            let i: FailureInput<history::DeployPlan> = parse(op, input)?;
            let writes = i.plan.on_failure(&i.id, i.failed, &i.error)?;
            to_value(output::Statements { statements: writes })
        }
        "resume_failure" => {
            let i: FailureInput<recover::RecoveryPlan> = parse(op, input)?;
            let writes = i.plan.resume.on_failure(i.failed, &i.error);
            to_value(output::Statements { statements: writes })
        }
        "deploy_plan" => {
            let i: DeployInput = parse(op, input)?;
            to_value(history::deploy_plan(&i.history, &i.options)?)
        }
        "recover" => {
            let i: RecoverInput = parse(op, input)?;
            let live = match &i.live {
                Some(v) => Some(snapshot::from_json(&v.to_string())?),
                None => None,
            };
            to_value(recover::recover(
                &i.history,
                &i.id,
                live.as_ref(),
                &i.options,
            )?)
        }
        "resolve" => {
            let i: ResolveInput = parse(op, input)?;
            let writes = recover::resolve(&i.history, &i.id, i.resolution, &i.table)?;
            to_value(output::Statements { statements: writes })
        }
        "down" => {
            let i: DownInput = parse(op, input)?;
            let id = i.id.as_deref().ok_or_else(|| missing(op, "id"))?;
            to_value(recover::down(&i.history, id, &i.options)?)
        }
        "down_to" => {
            let i: DownInput = parse(op, input)?;
            to_value(recover::down_to(&i.history, i.id.as_deref(), &i.options)?)
        }
        "introspection_queries" => {
            let i: QueriesInput = parse(op, input)?;
            to_value(match i.database {
                true => introspect::database_queries(i.dialect, &i.namespace),
                false => introspect::queries(i.dialect, &i.namespace),
            })
        }
        "from_rows" => {
            let i: RowsInput = parse(op, input)?;
            let schema = introspect::from_rows(i.dialect, &i.namespace, &i.results)?;
            to_value(output::FromRowsOutput {
                schema: snapshot::to_value(&schema),
            })
        }
        "cli_step" => {
            let i: crate::cli::Input = parse(op, input)?;
            to_value(crate::cli::run(&i))
        }
        "cli_progress" => {
            let i: crate::cli::ProgressInput = parse(op, input)?;
            to_value(crate::cli::progress(&i))
        }
        _ => Err(
            Diagnostic::error(Code::UnknownOperation, format!("no operation `{op}`"))
                .with_object(op.to_string())
                .with_hint(format!("operations: {}", OPERATIONS.join(", "))),
        ),
    }
}

fn pair<'a>(previous: &'a Schema, next: &'a Schema) -> MigrationPair<'a> {
    MigrationPair { previous, next }
}

fn to_value<T: serde::Serialize>(v: T) -> Result<Value, Diagnostic> {
    Ok(serde_json::to_value(v).expect("engine output serialises"))
}

fn missing(op: &str, field: &str) -> Diagnostic {
    Diagnostic::error(Code::InvalidInput, format!("{op}: `{field}` is required"))
        .with_object(format!("{op}.{field}"))
}

/// The typed input, or `invalid-input` naming the operation and what is wrong; an unknown
/// dialect is `unknown-dialect`.
fn parse<T: DeserializeOwned>(op: &str, input: Value) -> Result<T, Diagnostic> {
    if let Some(d) = input.get("dialect").and_then(Value::as_str) {
        d.parse::<Dialect>()?;
    }
    if !input.is_object() {
        return Err(Diagnostic::error(
            Code::InvalidInput,
            format!("{op}: the input must be a JSON object"),
        )
        .with_object(op.to_string()));
    }
    serde_json::from_value(input).map_err(|e| {
        Diagnostic::error(Code::InvalidInput, format!("{op}: {e}"))
            .with_object(op.to_string())
            .with_hint("docs/api.md gives each operation's input")
    })
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct LoadInput {
    dialect: Dialect,
    source: SchemaSource,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct PairInput {
    dialect: Dialect,
    from: SchemaSource,
    to: SchemaSource,
    #[serde(default)]
    hints: RenameHints,
    #[serde(default)]
    options: PlanOptions,
}

impl PairInput {
    fn schemas(&self) -> Result<(Schema, Schema, Vec<Diagnostic>), Diagnostic> {
        let (from, mut notes) = load(self.dialect, &self.from)?;
        let (to, more) = load(self.dialect, &self.to)?;
        notes.extend(more);
        let (from, to) = aligned_pair((from, self.from.is_live()), (to, self.to.is_live()));
        Ok((from, to, notes))
    }
}

/// A migration's hazards: the plan from the schema before it (`history` replayed) to the
/// schema after it.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct LintInput {
    dialect: Dialect,
    sql: String,
    #[serde(default)]
    before: Option<SchemaSource>,
    #[serde(default)]
    options: PlanOptions,
}

fn lint(i: LintInput) -> Result<Value, Diagnostic> {
    let (before, mut notes) = load(i.dialect, i.before.as_ref().unwrap_or(&SchemaSource::Empty))?;
    let mut after = before.clone();
    let applied = ingest::apply_sql(&mut after, &i.sql)?;
    notes.extend(applied.diagnostics);
    let p = plan(pair(&before, &after), &RenameHints::default(), &i.options)?;
    to_value(lint_output(&p, notes))
}

/// A plan's hazards as `lint` gives them; the CLI's `lint --from --to` too.
pub(crate) fn lint_output(p: &crate::plan::Plan, notes: Vec<Diagnostic>) -> Value {
    let hazards = p
        .steps
        .iter()
        .flat_map(|s| {
            s.hazards.iter().map(move |h| output::LintHazard {
                step: &s.summary,
                reversibility: s.reversibility,
                hazard: h,
            })
        })
        .collect();
    serde_json::to_value(output::LintOutput {
        hazards,
        reversibility: p.reversibility(),
        summary: p.summary(),
        notes,
    })
    .expect("engine output serialises")
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct HistoryInput {
    history: History,
    #[serde(default)]
    policy: OrderingPolicy,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct DeployInput {
    history: History,
    #[serde(default)]
    options: DeployOptions,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RecoverInput {
    history: History,
    id: String,
    /// A snapshot (what `from_rows` returns).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::snapshot::Envelope>")
    )]
    live: Option<Value>,
    #[serde(default)]
    options: RecoverOptions,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ResolveInput {
    history: History,
    id: String,
    resolution: Resolution,
    #[serde(default = "default_table")]
    table: String,
}

fn default_table() -> String {
    history::sql::DEFAULT_TABLE.to_string()
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct DownInput {
    history: History,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    options: DownOptions,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct PreludeInput {
    dialect: Dialect,
    #[serde(default)]
    options: DeployOptions,
}

/// Statement `failed` (0-based, from the start of the migration) of a deploy plan's
/// migration `id`, or of a recovery plan's resume, failed with the database's `error`.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct FailureInput<P> {
    plan: P,
    #[serde(default)]
    id: String,
    failed: usize,
    error: String,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct QueriesInput {
    dialect: Dialect,
    namespace: String,
    /// PostgreSQL: read every schema of the database, `namespace`'s names bare and the
    /// others qualified (`introspect::database_queries`). Elsewhere a database is one
    /// namespace already.
    #[serde(default)]
    database: bool,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RowsInput {
    dialect: Dialect,
    namespace: String,
    results: BTreeMap<String, Vec<Row>>,
}

#[cfg(test)]
mod panics {
    use super::*;

    #[test]
    fn a_panic_is_an_internal_error_with_its_message() {
        let e = guarded("plan", || panic!("index out of bounds")).unwrap_err();
        assert_eq!(e.code, Code::InternalError);
        assert_eq!(e.message, "plan: the engine panicked: index out of bounds");
        let e = guarded("plan", || panic!("{} of {}", 3, 2)).unwrap_err();
        assert_eq!(e.message, "plan: the engine panicked: 3 of 2");
    }
}
