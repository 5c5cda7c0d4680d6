//! `status`, `deploy` and `down`: the migrations folder against the history table.

use super::args::Cli;
use super::db::{self, typed};
use super::files;
use super::{to_json, DbCall, Done, Session, Stop};
use crate::history::{State, Status};
use crate::plan::Reversibility;
use crate::recover::DownPlan;
use serde_json::json;

/// A state as its JSON name (`partially_applied`).
pub(super) fn state_name<T: serde::Serialize>(state: T) -> String {
    to_json(&state).as_str().unwrap_or_default().to_string()
}

pub(super) fn status(cli: &Cli, s: &mut Session) -> Result<Done, Stop> {
    let database = db::open(cli)?;
    let folder = files::migrations(s, cli.dir(), true)?;
    let result = db::call(
        s,
        &database,
        vec![DbCall::Status {
            migrations: folder.migrations,
            table: cli.table(),
        }],
    )?
    .remove(0);
    let st: Status = typed(result, "status")?;
    let settled = st.entries.iter().all(|e| e.state == State::Applied) && st.ok();
    Ok(Done {
        code: if settled { 0 } else { 2 },
        text: status_text(&st),
        json: to_json(&st),
        notes: Vec::new(),
    })
}

fn status_text(st: &Status) -> String {
    if st.entries.is_empty() {
        return "no migrations\n".into();
    }
    let width = st
        .entries
        .iter()
        .map(|e| state_name(e.state).len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for e in &st.entries {
        let state = state_name(e.state);
        out.push_str(&format!("{state:<width$}  {}\n", e.id));
        // The message and hint, where they say more than the state.
        let plain = match e.state {
            State::Applied => true,
            State::Pending => e.hint.is_none(),
            _ => e.message == state.replace('_', " "),
        };
        if !plain {
            out.push_str(&format!("{:width$}  {}\n", "", e.message));
            if let Some(h) = &e.hint {
                out.push_str(&format!("{:width$}  hint: {h}\n", ""));
            }
        }
        match counts.iter_mut().find(|(s, _)| *s == state) {
            Some((_, n)) => *n += 1,
            None => counts.push((state, 1)),
        }
    }
    out.push('\n');
    let line: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{n} {}", s.replace('_', " ")))
        .collect();
    out.push_str(&line.join(", "));
    out.push('\n');
    // Diagnostics that only repeat an entry's message are shown above.
    for d in &st.diagnostics {
        let repeats = st
            .entries
            .iter()
            .any(|e| d.message == format!("{}: {}", e.id, e.message));
        if !repeats {
            out.push_str(&super::render_diagnostic(d));
        }
    }
    out
}

pub(super) fn deploy(cli: &Cli, s: &mut Session) -> Result<Done, Stop> {
    let database = db::open(cli)?;
    let folder = files::migrations(s, cli.dir(), true)?;
    let result = db::call(
        s,
        &database,
        vec![DbCall::Deploy {
            migrations: folder.migrations,
            table: cli.table(),
        }],
    )?
    .remove(0);
    let ran: Vec<String> = typed(result, "deploy")?;
    let text = match ran.len() {
        0 => "nothing to deploy: every migration is applied\n".to_string(),
        1 => format!("deployed 1 migration: {}\n", ran[0]),
        n => format!("deployed {n} migrations: {}\n", ran.join(", ")),
    };
    Ok(Done {
        code: 0,
        text,
        json: json!({ "applied": ran }),
        notes: Vec::new(),
    })
}

pub(super) fn down(cli: &Cli, s: &mut Session) -> Result<Done, Stop> {
    let id = cli.positionals.first().cloned();
    let to = cli.value("to").map(str::to_string);
    match (&id, &to) {
        (Some(_), Some(_)) => return Err(cli.invalid("give an ID or --to ID, not both").into()),
        (None, None) => {
            return Err(cli
                .missing("`down` needs the migration to revert (ID) or a target (--to ID)")
                .into())
        }
        _ => {}
    }
    let database = db::open(cli)?;
    let folder = files::migrations(s, cli.dir(), true)?;
    let result = db::call(
        s,
        &database,
        vec![DbCall::Down {
            migrations: folder.migrations,
            id,
            to,
            accept_loss: cli.flag("accept-loss"),
            table: cli.table(),
        }],
    )?
    .remove(0);
    let plan: DownPlan = typed(result, "down")?;
    let mut text = String::new();
    let mut notes = Vec::new();
    if plan.migrations.is_empty() {
        text.push_str("nothing to revert\n");
    }
    for m in &plan.migrations {
        let how = match m.source {
            crate::recover::DownSource::HandWritten => "its down migration".to_string(),
            crate::recover::DownSource::AutoReverse => match m.reversibility {
                Reversibility::Reversible => "reversed".to_string(),
                r => format!("reversed, {}", state_name(r)),
            },
        };
        text.push_str(&format!("reverted {} ({how})\n", m.id));
        for step in &m.steps {
            for lost in &step.lost {
                text.push_str(&format!("  {lost}\n"));
            }
        }
        notes.extend(m.notes.iter().cloned());
    }
    Ok(Done {
        code: 0,
        text,
        json: to_json(&plan),
        notes,
    })
}
