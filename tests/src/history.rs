//! Migration histories on disk (`histories/<dialect>/<NN_name>/NNN_*.sql`), run on the real
//! server and replayed in memory, compared after every file.

use crate::diff::explain;
use crate::Scratch;
use std::path::{Path, PathBuf};
use waymark::{Dialect, Schema};

pub struct History {
    pub name: String,
    pub dialect: Dialect,
    /// (file name, SQL) in order.
    pub files: Vec<(String, String)>,
}

impl History {
    /// A whole schema dump (`NN_*dump*`): one file that sets session state for the rest of
    /// the connection (pg_dump empties the search_path). Replayed and compared like any
    /// history, but not deployed migration by migration.
    pub fn is_dump(&self) -> bool {
        self.name.contains("dump")
    }

    /// Whether `WAYMARK_HISTORY` (a substring of the name; unset: all) selects it.
    pub fn selected(&self) -> bool {
        std::env::var("WAYMARK_HISTORY").map_or(true, |f| self.name.contains(&f))
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("histories")
}

/// Every history for a dialect, in name order.
pub fn load_all(dialect: Dialect) -> Vec<History> {
    let dir = root().join(dialect.name());
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    names.iter().map(|p| load(dialect, p)).collect()
}

pub fn load(dialect: Dialect, dir: &Path) -> History {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    History {
        name: dir.file_name().unwrap().to_string_lossy().into_owned(),
        dialect,
        files: files
            .iter()
            .map(|p| {
                let sql = std::fs::read_to_string(p)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
                (p.file_name().unwrap().to_string_lossy().into_owned(), sql)
            })
            .collect(),
    }
}

/// Runs each file on a fresh scratch namespace and replays it in memory; after every file the
/// introspected schema must equal the replayed one. The error says where they first differ.
pub fn check(history: &History) -> Result<(), String> {
    // SQL that names `public` (dumps) needs a database of its own, not a scratch schema.
    let names_public = history.files.iter().any(|(_, sql)| sql.contains("public."));
    let mut db = if names_public {
        Scratch::open_database(history.dialect)
    } else {
        Scratch::open(history.dialect)
    };
    let mut replayed = Schema::empty(history.dialect);
    for (file, sql) in &history.files {
        let at = format!("{}/{}/{file}", history.dialect, history.name);
        db.execute(sql)
            .map_err(|e| format!("{at}: the server refused the migration: {e}"))?;
        waymark::ingest::apply_sql(&mut replayed, sql)
            .map_err(|d| format!("{at}: replay failed: {d}"))?;
        let live = db
            .introspect()
            .map_err(|e| format!("{at}: introspection failed: {e}"))?;
        if let Some(diff) = explain("replay", &replayed, "server", &live) {
            return Err(format!("{at}: replay and server differ\n{diff}"));
        }
    }
    Ok(())
}
