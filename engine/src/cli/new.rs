//! `new`: the next migration, planned from the replayed history to a desired schema. The host
//! writes the files; their names and text are decided here.

use super::args::Cli;
use super::files::{self, join, Folder};
use super::{FileOut, Session, Step, Stop};
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::diff::{MigrationPair, RenameHints};
use crate::history::{IdLayout, MigrationId, NO_TRANSACTION_MARKER};
use crate::plan::{plan, PlanOptions, Reversibility};
use crate::replay::Migration;
use crate::source::{load, SchemaSource};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct Written {}

pub(super) fn new(cli: &Cli, s: &mut Session) -> Result<super::Done, Stop> {
    let name = slug(&cli.positionals[0]).ok_or_else(|| {
        cli.invalid(&format!(
            "`{}` is not a migration name: use letters and digits",
            cli.positionals[0]
        ))
    })?;
    let schema_path = cli.required("schema")?;
    let dialect: Dialect = cli.required("dialect")?.parse()?;
    let desired = files::read_file(s, schema_path, "the schema file")?;
    let dir = cli.dir();
    let folder = files::migrations(s, dir, false)?;
    let history = folder
        .migrations
        .iter()
        .map(|m| Migration::new(m.id.clone(), m.sql.clone()))
        .collect();
    let (before, mut notes) = load(
        dialect,
        &SchemaSource::History {
            migrations: history,
        },
    )?;
    let (after, more) = load(dialect, &SchemaSource::Sql { sql: desired })?;
    notes.extend(more);
    let options = PlanOptions {
        online: cli.flag("online"),
    };
    let pair = MigrationPair {
        previous: &before,
        next: &after,
    };
    let p = plan(pair, &RenameHints::default(), &options)?;
    if p.steps.is_empty() {
        return Ok(super::Done {
            code: 0,
            text: format!(
                "no changes: the migrations in {dir} already give {schema_path}; nothing written\n"
            ),
            json: json!({ "id": null, "files": [], "summary": [], "notes": notes }),
            notes,
        });
    }
    let id = format!("{}_{name}", next_prefix(cli, &folder, s.now)?);
    let mut up = p.up_script();
    // Steps that cannot run in a transaction (CREATE INDEX CONCURRENTLY, a SQLite rebuild with
    // foreign keys off) need the whole migration outside one; MySQL has none to leave.
    if dialect != Dialect::Mysql && p.steps.iter().any(|s| !s.transactional) {
        up = format!("-- {NO_TRANSACTION_MARKER}\n{up}");
    }
    let (up_path, down_path) = if folder.nested {
        let d = join(dir, &id);
        (join(&d, "migration.sql"), join(&d, "down.sql"))
    } else {
        (
            join(dir, &format!("{id}.sql")),
            join(dir, &format!("{id}.down.sql")),
        )
    };
    let mut out = vec![FileOut {
        path: up_path,
        text: up,
    }];
    // An irreversible step has no down SQL: without the file, `down` refuses it (unless the
    // loss is accepted) instead of running a down migration that undoes only part of it.
    let reversible = p.reversibility() != Reversibility::Irreversible;
    if reversible {
        out.push(FileOut {
            path: down_path,
            text: p.down_script(),
        });
    }
    let _: Written = s.ask(Step::Write { files: out.clone() })?;
    let mut text: String = out.iter().map(|f| format!("wrote {}\n", f.path)).collect();
    for line in p.summary() {
        text.push_str(&format!("  {line}\n"));
    }
    if !reversible {
        text.push_str("no down migration: a step cannot be undone\n");
    }
    let hazards: Vec<&Diagnostic> = p.steps.iter().flat_map(|s| &s.hazards).collect();
    for h in &hazards {
        text.push_str(&super::render_diagnostic(h));
    }
    Ok(super::Done {
        code: 0,
        text,
        json: json!({
            "id": id,
            "files": out.iter().map(|f| &f.path).collect::<Vec<_>>(),
            "summary": p.summary(),
            "reversibility": p.reversibility(),
            "hazards": hazards,
            "notes": notes,
        }),
        notes,
    })
}

/// Lower-case letters, digits and `_`: ids stay portable file names.
fn slug(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_string();
    (!out.is_empty()).then_some(out)
}

/// The next id's prefix: the folder's last sequence number plus one at its width, or the UTC
/// time for a folder of timestamps; an empty folder starts at `0001` (or the time, asked).
fn next_prefix(cli: &Cli, folder: &Folder, now: Option<&str>) -> Result<String, Diagnostic> {
    let ids: Vec<MigrationId> = folder
        .migrations
        .iter()
        .filter_map(|m| MigrationId::parse(&m.id).ok())
        .collect();
    let last = ids.iter().max();
    let timestamp = match last {
        Some(l) => l.layout == IdLayout::Timestamp,
        None => cli.flag("timestamp"),
    };
    if cli.flag("timestamp") && !timestamp {
        return Err(cli.invalid(
            "--timestamp: this folder numbers its migrations, and one history has one layout",
        ));
    }
    if timestamp {
        return match now {
            Some(t) if t.len() == 14 && t.bytes().all(|b| b.is_ascii_digit()) => Ok(t.into()),
            _ => Err(Diagnostic::error(
                Code::InvalidInput,
                "cli: `now` (UTC, YYYYMMDDHHMMSS) is needed to name a timestamped migration",
            )
            .with_object("cli.now")),
        };
    }
    let Some(last) = last else {
        return Ok("0001".into());
    };
    let digits: String = last.id.chars().take_while(char::is_ascii_digit).collect();
    let next = digits.parse::<u64>().unwrap_or(0) + 1;
    Ok(format!("{next:0width$}", width = digits.len()))
}
