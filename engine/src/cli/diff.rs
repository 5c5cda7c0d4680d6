//! `diff`, `lint` and `drift`: schemas compared, wherever they come from.

use super::args::Cli;
use super::db::{self, typed};
use super::files::{self, Source};
use super::history::state_name;
use super::{to_json, DbCall, Done, Session, Stop};
use crate::diag::{Diagnostic, Severity};
use crate::dialect::Dialect;
use crate::diff::{diff as diff_schemas, summary, MigrationPair, RenameHints};
use crate::history::{MigrationId, State, Status};
use crate::model::Schema;
use crate::plan::{plan, Plan, PlanOptions};
use crate::replay::Migration;
use crate::source::{aligned, aligned_pair, load, SchemaSource};
use serde_json::json;

/// `--dialect`, or the dialect of the databases among the sources; they must agree.
fn dialect(cli: &Cli, sources: &[&Source]) -> Result<Dialect, Diagnostic> {
    let given = cli
        .value("dialect")
        .map(str::parse::<Dialect>)
        .transpose()?;
    let mut found = given;
    for d in sources.iter().filter_map(|s| s.dialect()) {
        match found {
            Some(f) if f != d => {
                return Err(cli.invalid(&format!("a {d} database cannot be compared with {f}")))
            }
            _ => found = Some(d),
        }
    }
    found.ok_or_else(|| {
        cli.missing(&format!(
            "`{}` needs --dialect (postgres, mysql or sqlite) when no database URL gives it",
            cli.name()
        ))
    })
}

fn options(cli: &Cli) -> PlanOptions {
    PlanOptions {
        online: cli.flag("online"),
    }
}

/// Loads FROM and TO. A database's schema reads view text the server's way: where a view
/// matches the other side in everything else, it takes that side's text.
fn schemas(
    cli: &Cli,
    s: &mut Session,
    from: &Source,
    to: &Source,
) -> Result<(Schema, Schema, Vec<Diagnostic>), Stop> {
    let d = dialect(cli, &[from, to])?;
    let table = cli.value("table");
    let (a, mut notes) = from.load(s, d, table)?;
    let (b, more) = to.load(s, d, table)?;
    notes.extend(more);
    let live = |s: &Source| matches!(s, Source::Database(_));
    let (a, b) = aligned_pair((a, live(from)), (b, live(to)));
    Ok((a, b, notes))
}

fn pair<'a>(previous: &'a Schema, next: &'a Schema) -> MigrationPair<'a> {
    MigrationPair { previous, next }
}

pub(super) fn diff(cli: &Cli, s: &mut Session) -> Result<Done, Stop> {
    let from = Source::of(&cli.positionals[0])?;
    let to = Source::of(&cli.positionals[1])?;
    let (a, b, notes) = schemas(cli, s, &from, &to)?;
    let p = plan(pair(&a, &b), &RenameHints::default(), &options(cli))?;
    let changed = !p.steps.is_empty();
    let hazards: Vec<&Diagnostic> = p.steps.iter().flat_map(|s| &s.hazards).collect();
    let text = if cli.flag("script") {
        p.up_script()
    } else if !changed {
        "no changes\n".to_string()
    } else {
        let mut out: String = p.summary().iter().map(|l| format!("{l}\n")).collect();
        if !hazards.is_empty() {
            out.push('\n');
        }
        for h in &hazards {
            out.push_str(&super::render_diagnostic(h));
        }
        out
    };
    Ok(Done {
        code: if changed { 2 } else { 0 },
        text,
        json: json!({
            "changed": changed,
            "summary": p.summary(),
            "up": p.up_script(),
            "down": p.down_script(),
            "reversibility": p.reversibility(),
            "hazards": hazards,
            "suggestions": p.suggestions,
            "notes": notes,
            "plan": p,
        }),
        notes: Vec::new(),
    })
}

pub(super) fn lint(cli: &Cli, s: &mut Session) -> Result<Done, Stop> {
    let (p, notes) = match (cli.positionals.first(), cli.value("from"), cli.value("to")) {
        (Some(file), None, None) => lint_file(cli, s, file)?,
        (None, Some(from), Some(to)) => {
            let (from, to) = (Source::of(from)?, Source::of(to)?);
            let (a, b, notes) = schemas(cli, s, &from, &to)?;
            (
                plan(pair(&a, &b), &RenameHints::default(), &options(cli))?,
                notes,
            )
        }
        (Some(_), _, _) => {
            return Err(cli
                .invalid("lint a FILE or a plan (--from and --to), not both")
                .into())
        }
        (None, None, None) => {
            return Err(cli
                .missing("`lint` needs a FILE, or --from and --to")
                .into())
        }
        (None, _, _) => return Err(cli.missing("`lint` needs both --from and --to").into()),
    };
    let mut text = String::new();
    let mut count = 0;
    for step in &p.steps {
        for h in &step.hazards {
            count += 1;
            text.push_str(&super::render_diagnostic(h));
            for line in &step.summary {
                text.push_str(&format!("  step: {line}\n"));
            }
        }
    }
    if count == 0 {
        text.push_str("no hazards\n");
    } else {
        text.push_str(&format!(
            "\n{count} hazard{} (reversibility: {})\n",
            if count == 1 { "" } else { "s" },
            state_name(p.reversibility())
        ));
    }
    Ok(Done {
        code: if count == 0 { 0 } else { 2 },
        text,
        json: crate::api::lint_output(&p, notes.clone()),
        notes,
    })
}

/// The plan a migration file makes, run on the migrations of `--dir` before it.
fn lint_file(cli: &Cli, s: &mut Session, file: &str) -> Result<(Plan, Vec<Diagnostic>), Stop> {
    let d = dialect(cli, &[])?;
    let sql = files::read_file(s, file, "the migration")?;
    let id = file_id(file);
    let this = MigrationId::parse(&id).ok();
    let folder = files::migrations(s, cli.dir(), false)?;
    let before: Vec<Migration> = folder
        .migrations
        .into_iter()
        .filter(|m| m.id != id)
        .filter(|m| match (&this, MigrationId::parse(&m.id)) {
            (Some(this), Ok(other)) => other < *this,
            _ => true,
        })
        .map(|m| Migration::new(m.id, m.sql))
        .collect();
    let (before, mut notes) = load(d, &SchemaSource::History { migrations: before })?;
    let mut after = before.clone();
    let applied = crate::ingest::apply_sql(&mut after, &sql)?;
    notes.extend(applied.diagnostics);
    let p = plan(
        pair(&before, &after),
        &RenameHints::default(),
        &options(cli),
    )?;
    Ok((p, notes))
}

/// The migration id a path names: `ID.sql`, or `ID/migration.sql`.
fn file_id(path: &str) -> String {
    let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    let name = parts.last().copied().unwrap_or(path);
    if name == "migration.sql" && parts.len() > 1 {
        return parts[parts.len() - 2].to_string();
    }
    let stem = name.strip_suffix(".sql").unwrap_or(name);
    stem.to_string()
}

pub(super) fn drift(cli: &Cli, s: &mut Session) -> Result<Done, Stop> {
    let database = db::open(cli)?;
    let folder = files::migrations(s, cli.dir(), true)?;
    let mut results = db::call(
        s,
        &database,
        vec![
            DbCall::Status {
                migrations: folder.migrations.clone(),
                table: cli.table(),
            },
            DbCall::Introspect {},
        ],
    )?;
    let snapshot = results.pop().expect("two results");
    let st: Status = typed(results.pop().expect("two results"), "status")?;
    let mut live = crate::snapshot::from_json(&snapshot.to_string())?;
    db::without_history(&mut live, cli.value("table"));
    // What the applied migrations give; a baseline stands for the migrations it replaced.
    let applied: Vec<Migration> = st
        .entries
        .iter()
        .filter(|e| matches!(e.state, State::Applied | State::Modified) && e.replaced_by.is_none())
        .filter_map(|e| folder.migrations.iter().find(|m| m.id == e.id))
        .map(|m| Migration::new(m.id.clone(), m.sql.clone()))
        .collect();
    let count = applied.len();
    let (expected, mut notes) = load(
        database.dialect(),
        &SchemaSource::History {
            migrations: applied,
        },
    )?;
    let live = aligned(live, &expected);
    let changes = diff_schemas(pair(&expected, &live), &RenameHints::default())?.changes;
    let lines = summary(&changes);
    // The history's own problems explain drift rather than fail the comparison.
    notes.extend(st.diagnostics.into_iter().map(|mut d| {
        d.severity = Severity::Warning;
        d
    }));
    let text = if lines.is_empty() {
        format!("no drift: the database matches its applied migrations ({count})\n")
    } else {
        let mut out = String::from(
            "the database differs from what its applied migrations give (+ only in the database, - only in the migrations):\n",
        );
        for l in &lines {
            out.push_str(&format!("  {l}\n"));
        }
        out
    };
    Ok(Done {
        code: if lines.is_empty() { 0 } else { 2 },
        text,
        json: json!({
            "drift": !lines.is_empty(),
            "summary": lines,
            "changes": to_json(&changes),
            "notes": notes,
        }),
        notes,
    })
}
