//! Files and folders, as the host reads them: the migrations folder (docs/history.md's two
//! layouts) and the schema sources `diff` and `lint` take.

use super::db;
use super::{Database, Session, Step, Stop};
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::history::{sort_ids, LocalMigration};
use crate::model::Schema;
use crate::source::{load, SchemaSource};
use serde::Deserialize;

#[derive(Deserialize)]
struct FsResult {
    #[serde(default)]
    list: Vec<Option<Vec<Entry>>>,
    #[serde(default)]
    read: Vec<Option<String>>,
}

#[derive(Deserialize)]
pub(super) struct Entry {
    pub name: String,
    pub dir: bool,
}

/// `dir/name`, with `/`: every host's file functions take it.
pub(super) fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() || dir == "." {
        name.to_string()
    } else if dir.ends_with('/') || dir.ends_with('\\') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

fn fs(s: &mut Session, list: Vec<String>, read: Vec<String>) -> Result<FsResult, Stop> {
    let (nl, nr) = (list.len(), read.len());
    let r: FsResult = s.ask(Step::Fs { list, read })?;
    if r.list.len() != nl || r.read.len() != nr {
        return Err(Stop::Fail(
            Diagnostic::error(
                Code::InvalidInput,
                "cli: an fs result must answer every path asked for, in order",
            )
            .with_object("cli.results"),
        ));
    }
    Ok(r)
}

/// The files' text, `None` for those that do not exist.
pub(super) fn read(s: &mut Session, paths: Vec<String>) -> Result<Vec<Option<String>>, Stop> {
    Ok(fs(s, Vec::new(), paths)?.read)
}

/// A file that must exist.
pub(super) fn read_file(s: &mut Session, path: &str, what: &str) -> Result<String, Stop> {
    match read(s, vec![path.to_string()])?.pop().flatten() {
        Some(text) => Ok(text),
        None => Err(not_found(path, what).into()),
    }
}

pub(super) fn not_found(path: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::FileNotFound,
        format!("{what} `{path}` does not exist"),
    )
    .with_object(path.to_string())
}

/// A migrations folder, read.
pub(super) struct Folder {
    /// In id order.
    pub migrations: Vec<LocalMigration>,
    /// Folder per migration (`ID/migration.sql`) rather than flat files (`ID.sql`).
    pub nested: bool,
}

/// Reads the migrations of `dir`: `ID.sql` with `ID.down.sql`, or `ID/migration.sql` with
/// `ID/down.sql`. Other files are not migrations. A missing folder is an error if `required`.
pub(super) fn migrations(s: &mut Session, dir: &str, required: bool) -> Result<Folder, Stop> {
    let entries = fs(s, vec![dir.to_string()], Vec::new())?
        .list
        .pop()
        .flatten();
    let Some(mut entries) = entries else {
        if required {
            return Err(not_found(dir, "the migrations folder")
                .with_hint("name it with --dir, or create it with `waymark new`")
                .into());
        }
        return Ok(Folder {
            migrations: Vec::new(),
            nested: false,
        });
    };
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let has = |name: &str| entries.iter().any(|e| !e.dir && e.name == name);
    // (id, migration file, down file if there may be one)
    let mut wanted: Vec<(String, String, Option<String>)> = Vec::new();
    for e in &entries {
        if e.dir {
            wanted.push((
                e.name.clone(),
                join(&join(dir, &e.name), "migration.sql"),
                Some(join(&join(dir, &e.name), "down.sql")),
            ));
        } else if let Some(id) = e.name.strip_suffix(".sql") {
            if id.ends_with(".down") {
                continue;
            }
            let down = format!("{id}.down.sql");
            wanted.push((
                id.to_string(),
                join(dir, &e.name),
                has(&down).then(|| join(dir, &down)),
            ));
        }
    }
    let mut paths = Vec::new();
    for (_, file, down) in &wanted {
        paths.push(file.clone());
        paths.extend(down.clone());
    }
    let mut texts = read(s, paths)?.into_iter();
    let mut out = Vec::new();
    let mut nested = false;
    for (id, _, down) in wanted {
        let sql = texts.next().flatten();
        let down_sql = if down.is_some() {
            texts.next().flatten()
        } else {
            None
        };
        // A folder without migration.sql is not a migration.
        let Some(sql) = sql else { continue };
        nested |= entries.iter().any(|e| e.dir && e.name == id);
        let mut m = LocalMigration::new(id, sql);
        m.down = down_sql;
        out.push(m);
    }
    let order = sort_ids(out.iter().map(|m| m.id.as_str()))?;
    let migrations = order
        .iter()
        .filter_map(|id| out.iter().find(|m| m.id == id.id).cloned())
        .collect();
    Ok(Folder { migrations, nested })
}

/// Where `diff`'s FROM and TO (and `lint --from/--to`) come from.
pub(super) enum Source {
    Empty,
    File(String),
    Folder(String),
    Database(Database),
}

impl Source {
    /// `empty`; a database URL; a path ending in `.sql` (a file); any other path (a folder).
    pub fn of(arg: &str) -> Result<Source, Diagnostic> {
        if arg == "empty" {
            Ok(Source::Empty)
        } else if db::is_url(arg) {
            Ok(Source::Database(db::parse_url(arg)?))
        } else if arg.to_ascii_lowercase().ends_with(".sql") {
            Ok(Source::File(arg.to_string()))
        } else {
            Ok(Source::Folder(arg.to_string()))
        }
    }

    pub fn dialect(&self) -> Option<Dialect> {
        match self {
            Source::Database(d) => Some(d.dialect()),
            _ => None,
        }
    }

    /// The schema, with the notes its SQL gave. A database's history table is left out: no
    /// migration creates it.
    pub fn load(
        &self,
        s: &mut Session,
        dialect: Dialect,
        table: Option<&str>,
    ) -> Result<(Schema, Vec<Diagnostic>), Stop> {
        let source = match self {
            Source::Empty => SchemaSource::Empty,
            Source::File(path) => SchemaSource::Sql {
                sql: read_file(s, path, "the schema file")?,
            },
            Source::Folder(dir) => SchemaSource::History {
                migrations: migrations(s, dir, true)?
                    .migrations
                    .into_iter()
                    .map(|m| crate::replay::Migration::new(m.id, m.sql))
                    .collect(),
            },
            Source::Database(d) => {
                let live = db::introspect(s, d, table)?;
                return Ok((live, Vec::new()));
            }
        };
        Ok(load(dialect, &source)?)
    }
}
