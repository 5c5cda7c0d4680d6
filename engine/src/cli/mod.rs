//! The `waymark` command line, written once for every package. It is pure like the rest of the
//! engine: a host entry point (bindings-node/npm/cli.js, bindings-python/python/waymark/cli.py)
//! calls [`run`] with the arguments and the results of the I/O it did so far, and gets back the
//! next thing to do (list a folder, read files, run runner calls on a database, write files)
//! or what to print and the exit code. The host keeps no state and makes no decision.
//!
//! Each call replays the command from the start over the results given, so a command reads as
//! straight-line code: [`Session::ask`] returns a result, or stops the run with the action the
//! host must do next. Shapes: `docs/cli.md`.

mod args;
mod db;
mod diff;
mod files;
mod history;
mod new;
mod recover;

use crate::diag::{Code, Diagnostic, Severity};
use crate::history::LocalMigration;
use crate::recover::Resolution;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use args::{Command, Parsed};

/// What a host passes on every call.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// The command line, without the program name.
    pub args: Vec<String>,
    /// The result of every action done so far, in order.
    #[serde(default)]
    pub results: Vec<Value>,
    /// UTC time as `YYYYMMDDHHMMSS`: `new` names migrations with it when the history uses
    /// timestamp ids. Read once per run.
    #[serde(default)]
    pub now: Option<String>,
}

/// What the host does next.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Step {
    /// Print `stdout` and `stderr` as they are, then exit with `code`.
    Exit {
        code: i32,
        stdout: String,
        stderr: String,
    },
    /// List folders (`[{name, dir}]`, or null when missing) and read files as UTF-8 text (null
    /// when missing). Result: `{list, read}` in the same order, or `{error}`.
    Fs {
        list: Vec<String>,
        read: Vec<String>,
    },
    /// Write text files, creating their folders. Result: `{}` or `{error}`.
    Write { files: Vec<FileOut> },
    /// Open the database, make each runner call in order on that one connection, close it.
    /// Result: `{results: [one per call]}`, with `error` instead of the rest when one fails.
    Db {
        database: Database,
        calls: Vec<DbCall>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FileOut {
    pub path: String,
    pub text: String,
}

/// How to open a database: the host picks its driver by dialect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "dialect", rename_all = "snake_case")]
pub enum Database {
    /// better-sqlite3 / sqlite3; the file is created when missing.
    Sqlite { path: String },
    /// pg / psycopg, given the URL as written (libpq parameters such as `options` included).
    Postgres { url: String },
    /// mysql2 / PyMySQL, given the URL's parts.
    Mysql {
        host: String,
        port: u16,
        user: String,
        password: String,
        database: String,
    },
}

/// One call of the host runner (runner.js, runner.py), with its arguments.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum DbCall {
    /// `runner.status` → `Status`.
    Status {
        migrations: Vec<LocalMigration>,
        #[serde(skip_serializing_if = "Option::is_none")]
        table: Option<String>,
    },
    /// `runner.deploy`, printing `cli_progress` before each statement → the ids that ran.
    Deploy {
        migrations: Vec<LocalMigration>,
        #[serde(skip_serializing_if = "Option::is_none")]
        table: Option<String>,
    },
    /// `runner.introspect` → the live schema (a snapshot).
    Introspect {},
    /// `runner.recover`, then `runner.diagnose` on the plan → `{plan, diagnostics}`.
    Recover {
        migrations: Vec<LocalMigration>,
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        table: Option<String>,
    },
    /// `runner.down` (`id`: that one; `to`: every applied migration after it) → `DownPlan`.
    Down {
        migrations: Vec<LocalMigration>,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<String>,
        accept_loss: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        table: Option<String>,
    },
    /// `runner.resolve` → the statements it ran.
    Resolve {
        migrations: Vec<LocalMigration>,
        id: String,
        resolution: Resolution,
        #[serde(skip_serializing_if = "Option::is_none")]
        table: Option<String>,
    },
}

/// What `cli_progress` takes: the run's arguments and the runner's progress event.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgressInput {
    pub args: Vec<String>,
    pub event: ProgressEvent,
}

/// Statement `statement` (0-based) of `total` in migration `id` is about to run.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProgressEvent {
    pub id: String,
    pub statement: usize,
    pub total: usize,
}

/// Text to print now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
}

/// A deploy's progress line: on stdout, or on stderr under `--json` (stdout then holds one
/// JSON document).
pub fn progress(input: &ProgressInput) -> Output {
    let e = &input.event;
    let line = format!("applying {} [{}/{}]\n", e.id, e.statement + 1, e.total);
    if json_mode(&input.args) {
        Output {
            stdout: String::new(),
            stderr: line,
        }
    } else {
        Output {
            stdout: line,
            stderr: String::new(),
        }
    }
}

/// The next step of a run.
pub fn run(input: &Input) -> Step {
    let json = json_mode(&input.args);
    let cmd = match args::parse(&input.args) {
        Ok(Parsed::Text(text)) => {
            return Step::Exit {
                code: 0,
                stdout: text,
                stderr: String::new(),
            }
        }
        Ok(Parsed::Run(cmd)) => cmd,
        Err(d) => return failure(&d, json),
    };
    let mut s = Session {
        results: &input.results,
        next: 0,
        now: input.now.as_deref(),
    };
    let done = match cmd.command {
        Command::Diff => diff::diff(&cmd, &mut s),
        Command::Lint => diff::lint(&cmd, &mut s),
        Command::Drift => diff::drift(&cmd, &mut s),
        Command::New => new::new(&cmd, &mut s),
        Command::Status => history::status(&cmd, &mut s),
        Command::Deploy => history::deploy(&cmd, &mut s),
        Command::Down => history::down(&cmd, &mut s),
        Command::Recover => recover::recover(&cmd, &mut s),
        Command::Resolve => recover::resolve(&cmd, &mut s),
    };
    match done {
        Ok(done) => done.into_step(json),
        Err(Stop::Ask(step)) => step,
        Err(Stop::Fail(d)) => failure(&d, json),
    }
}

fn json_mode(args: &[String]) -> bool {
    args.iter()
        .take_while(|a| *a != "--")
        .any(|a| a == "--json")
}

/// Why a run stops before it is done.
pub(crate) enum Stop {
    /// The host must do this and call again with its result.
    Ask(Step),
    Fail(Diagnostic),
}

impl From<Diagnostic> for Stop {
    fn from(d: Diagnostic) -> Self {
        Stop::Fail(d)
    }
}

/// The results given so far, consumed in order as the command asks for them.
pub(crate) struct Session<'a> {
    results: &'a [Value],
    next: usize,
    pub now: Option<&'a str>,
}

impl Session<'_> {
    /// The result of `step`, when the host has done it; otherwise the run stops to ask for it.
    pub(crate) fn ask<T: DeserializeOwned>(&mut self, step: Step) -> Result<T, Stop> {
        let Some(v) = self.results.get(self.next) else {
            return Err(Stop::Ask(step));
        };
        self.next += 1;
        if let Some(e) = v.get("error") {
            return Err(Stop::Fail(db::host_error(e)));
        }
        serde_json::from_value(v.clone()).map_err(|e| {
            Stop::Fail(
                Diagnostic::error(
                    Code::InvalidInput,
                    format!(
                        "cli: result {} is not what was asked for: {e}",
                        self.next - 1
                    ),
                )
                .with_object("cli.results")
                .with_hint("a host answers each action with the result docs/cli.md gives"),
            )
        })
    }
}

/// A finished command: its exit code, what it prints without and with `--json`, and notes
/// for stderr.
pub(crate) struct Done {
    pub code: i32,
    pub text: String,
    pub json: Value,
    pub notes: Vec<Diagnostic>,
}

impl Done {
    fn into_step(self, json: bool) -> Step {
        let mut stderr = String::new();
        let mut seen = Vec::new();
        for n in self.notes.iter().filter(|n| n.severity != Severity::Info) {
            let line = render_diagnostic(n);
            if !seen.contains(&line) {
                stderr.push_str(&line);
                seen.push(line);
            }
        }
        Step::Exit {
            code: self.code,
            stdout: if json { pretty(&self.json) } else { self.text },
            stderr,
        }
    }
}

pub(crate) fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("JSON serialises") + "\n"
}

/// `error[code]: message`, where it comes from, and the hint on a line of its own.
pub(crate) fn render_diagnostic(d: &Diagnostic) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let mut out = format!("{sev}[{}]: {}", d.code, d.message);
    // The migration, unless the message names it already.
    if let Some(m) = d
        .migration
        .as_ref()
        .filter(|m| !d.message.contains(m.as_str()))
    {
        out.push_str(&format!(" (in {m}"));
        if let Some(l) = &d.location {
            out.push_str(&format!(" at {l}"));
        }
        out.push(')');
    } else if let Some(l) = &d.location {
        out.push_str(&format!(" (at {l})"));
    }
    out.push('\n');
    if let Some(h) = &d.hint {
        out.push_str(&format!("  hint: {h}\n"));
    }
    out
}

fn failure(d: &Diagnostic, json: bool) -> Step {
    Step::Exit {
        code: 1,
        stdout: if json {
            pretty(&serde_json::json!({ "error": d }))
        } else {
            String::new()
        },
        stderr: render_diagnostic(d),
    }
}

pub(crate) fn to_json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("engine output serialises")
}

#[cfg(test)]
mod tests;
