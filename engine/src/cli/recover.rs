//! `recover` and `resolve`: the ways out of a failed migration, and marking which was taken.

use super::args::Cli;
use super::db::{self, typed};
use super::files;
use super::history::state_name;
use super::{to_json, DbCall, Done, Session, Stop};
use crate::diag::{Code, Diagnostic};
use crate::history::{State, Status};
use crate::plan::Reversibility;
use crate::recover::{DataQuery, RecoveryPlan, Resolution};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// What the host's recover call gives: the plan and its diagnostic queries' rows.
#[derive(Serialize, Deserialize)]
struct Recovered {
    plan: RecoveryPlan,
    diagnostics: Vec<Diagnosed>,
}

#[derive(Serialize, Deserialize)]
struct Diagnosed {
    query: DataQuery,
    rows: Vec<serde_json::Map<String, Value>>,
}

pub(super) fn recover(cli: &Cli, s: &mut Session) -> Result<Done, Stop> {
    let database = db::open(cli)?;
    let folder = files::migrations(s, cli.dir(), true)?;
    let id = match cli.positionals.first() {
        Some(id) => id.clone(),
        None => {
            // The first migration that failed or never finished, as a deploy stops there.
            let result = db::call(
                s,
                &database,
                vec![DbCall::Status {
                    migrations: folder.migrations.clone(),
                    table: cli.table(),
                }],
            )?
            .remove(0);
            let st: Status = typed(result, "status")?;
            st.entries
                .iter()
                .find(|e| matches!(e.state, State::Failed | State::PartiallyApplied))
                .map(|e| e.id.clone())
                .ok_or_else(|| {
                    Diagnostic::error(Code::MigrationNotFailed, "no migration has failed")
                        .with_hint("`waymark status` shows the state of every migration")
                })?
        }
    };
    let result = db::call(
        s,
        &database,
        vec![DbCall::Recover {
            migrations: folder.migrations,
            id,
            table: cli.table(),
        }],
    )?
    .remove(0);
    let r: Recovered = typed(result, "recover")?;
    Ok(Done {
        code: 0,
        text: text(&r),
        json: to_json(&r),
        notes: r.plan.notes.clone(),
    })
}

fn text(r: &Recovered) -> String {
    let p = &r.plan;
    let mut out = String::new();
    for line in &p.summary {
        out.push_str(&format!("{line}\n"));
    }
    if !r.diagnostics.is_empty() {
        out.push_str("\nrows the failed statement trips on:\n");
    }
    for d in &r.diagnostics {
        out.push_str(&format!("  {} [{}]\n", d.query.message, d.query.code));
        for row in &d.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|(k, v)| format!("{k}={}", cell(v)))
                .collect();
            out.push_str(&format!("    {}\n", cells.join(", ")));
        }
        if d.rows.is_empty() {
            out.push_str("    (no rows: the data may have been fixed since)\n");
        }
        out.push_str(&format!("    query: {}\n", d.query.sql));
    }
    out.push_str("\nways out:\n");
    let back = &p.roll_back;
    let class = match back.reversibility() {
        Reversibility::Reversible => String::new(),
        c => format!(", {}", state_name(c)),
    };
    out.push_str(&format!(
        "\nroll back{class}: run this, then `waymark resolve {} --rolled-back`\n",
        p.id
    ));
    sql_block(&mut out, &back.script(), "(nothing to undo)");
    checks(&mut out, back.pre_checks.iter().map(|c| c.message.as_str()));
    match &p.roll_forward {
        Some(f) => {
            out.push_str(&format!(
                "\nroll forward: run this, then `waymark resolve {} --applied`\n",
                p.id
            ));
            sql_block(&mut out, &f.plan.up_script(), "(nothing left to do)");
            checks(&mut out, f.pre_checks.iter().map(|c| c.message.as_str()));
        }
        None => out.push_str(
            "\nroll forward: not possible, the migration cannot run to its end as written\n",
        ),
    }
    let resume = &p.resume;
    if resume.ready {
        out.push_str(&format!(
            "\nresume from statement {}: run this, then `waymark resolve {} --applied`\n",
            resume.first + 1,
            p.id
        ));
        let sql: String = resume
            .migration
            .statements
            .iter()
            .map(|s| format!("{};\n", s.sql))
            .collect();
        sql_block(&mut out, &sql, "(nothing left to run)");
    } else {
        out.push_str(&format!(
            "\nresume: blocked: {}\n",
            resume.blocked.as_deref().unwrap_or("not possible")
        ));
    }
    out
}

fn sql_block(out: &mut String, sql: &str, empty: &str) {
    if sql.trim().is_empty() {
        out.push_str(&format!("    {empty}\n"));
    }
    for line in sql.lines() {
        out.push_str(&format!("    {line}\n"));
    }
}

fn checks<'a>(out: &mut String, messages: impl Iterator<Item = &'a str>) {
    for m in messages {
        out.push_str(&format!("    check first: {m}\n"));
    }
}

/// A row's value as people read it.
fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "NULL".into(),
        other => other.to_string(),
    }
}

pub(super) fn resolve(cli: &Cli, s: &mut Session) -> Result<Done, Stop> {
    let id = cli.positionals[0].clone();
    let resolution = match (cli.flag("applied"), cli.flag("rolled-back")) {
        (true, false) => Resolution::Applied,
        (false, true) => Resolution::RolledBack,
        (true, true) => {
            return Err(cli
                .invalid("give one of --applied and --rolled-back")
                .into())
        }
        (false, false) => {
            return Err(cli
                .missing("`resolve` needs --applied or --rolled-back")
                .into())
        }
    };
    let database = db::open(cli)?;
    let folder = files::migrations(s, cli.dir(), true)?;
    let result = db::call(
        s,
        &database,
        vec![DbCall::Resolve {
            migrations: folder.migrations,
            id: id.clone(),
            resolution,
            table: cli.table(),
        }],
    )?
    .remove(0);
    let statements: Vec<String> = typed(result, "resolve")?;
    let text = match resolution {
        Resolution::Applied => format!("marked {id} applied\n"),
        Resolution::RolledBack => {
            format!("marked {id} rolled back: the next deploy runs it again\n")
        }
    };
    Ok(Done {
        code: 0,
        text,
        json: json!({ "id": id, "resolution": resolution, "statements": statements }),
        notes: Vec::new(),
    })
}
