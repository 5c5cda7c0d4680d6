//! Databases: URLs, the host's runner calls, and the errors a host reports back.

use super::args::Cli;
use super::{Database, DbCall, Session, Step, Stop};
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::history::sql::DEFAULT_TABLE;
use crate::model::{QualifiedName, Schema};
use serde::Deserialize;
use serde_json::Value;

impl Database {
    pub fn dialect(&self) -> Dialect {
        match self {
            Database::Sqlite { .. } => Dialect::Sqlite,
            Database::Postgres { .. } => Dialect::Postgres,
            Database::Mysql { .. } => Dialect::Mysql,
        }
    }
}

/// A database URL rather than a path: `sqlite:` or any `scheme://`.
pub(super) fn is_url(arg: &str) -> bool {
    arg.starts_with("sqlite:") || arg.contains("://")
}

const SCHEMES: &str = "sqlite:PATH, postgres://USER@HOST:PORT/DB (or postgresql://), \
                       mysql://USER:PASSWORD@HOST:PORT/DB (or mariadb://)";

fn bad_url(url: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        Code::InvalidDatabaseUrl,
        format!(
            "`{}` is not a database URL Waymark reads: {why}",
            redacted(url)
        ),
    )
    .with_object(redacted(url))
    .with_hint(format!("database URLs: {SCHEMES}"))
}

/// The URL without its password, for messages.
fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some(p) => p,
        None => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

pub(super) fn parse_url(url: &str) -> Result<Database, Diagnostic> {
    if let Some(rest) = url.strip_prefix("sqlite:") {
        // sqlite:app.db, sqlite://app.db, sqlite:///abs/app.db
        let path = rest.strip_prefix("//").unwrap_or(rest);
        if path.is_empty() {
            return Err(bad_url(url, "the SQLite file is missing"));
        }
        return Ok(Database::Sqlite {
            path: path.to_string(),
        });
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(bad_url(url, "it has no scheme"));
    };
    match scheme.to_ascii_lowercase().as_str() {
        "postgres" | "postgresql" => {
            if rest.is_empty() {
                return Err(bad_url(url, "the host is missing"));
            }
            Ok(Database::Postgres {
                url: url.to_string(),
            })
        }
        "mysql" | "mariadb" => mysql_url(url, rest),
        other => Err(bad_url(url, &format!("no driver for `{other}://`"))),
    }
}

fn mysql_url(url: &str, rest: &str) -> Result<Database, Diagnostic> {
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    if query.is_some_and(|q| !q.is_empty()) {
        return Err(bad_url(url, "MySQL URL parameters are not supported"));
    }
    let (authority, database) = rest.split_once('/').unwrap_or((rest, ""));
    let (auth, hostport) = match authority.rsplit_once('@') {
        Some((a, h)) => (Some(a), h),
        None => (None, authority),
    };
    let (user, password) = match auth {
        Some(a) => match a.split_once(':') {
            Some((u, p)) => (decode(u), decode(p)),
            None => (decode(a), String::new()),
        },
        None => ("root".to_string(), String::new()),
    };
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, p) = v6
            .split_once(']')
            .ok_or_else(|| bad_url(url, "an unclosed `[`"))?;
        (h.to_string(), p.strip_prefix(':'))
    } else {
        match hostport.split_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (hostport.to_string(), None),
        }
    };
    let port = match port {
        None | Some("") => 3306,
        Some(p) => p
            .parse::<u16>()
            .map_err(|_| bad_url(url, &format!("`{p}` is not a port")))?,
    };
    let database = decode(database.trim_end_matches('/'));
    if database.is_empty() {
        return Err(bad_url(url, "it names no database (mysql://HOST/DB)"));
    }
    Ok(Database::Mysql {
        host: if host.is_empty() {
            "localhost".into()
        } else {
            host
        },
        port,
        user,
        password,
        database,
    })
}

/// Percent-decoding, as URLs escape `@`, `:` and `/` in a user or password.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The database of `--db`.
pub(super) fn open(cli: &Cli) -> Result<Database, Diagnostic> {
    parse_url(cli.required("db")?)
}

#[derive(Deserialize)]
struct DbResult {
    results: Vec<Value>,
}

/// Makes `calls` on one connection; one result each.
pub(super) fn call(
    s: &mut Session,
    database: &Database,
    calls: Vec<DbCall>,
) -> Result<Vec<Value>, Stop> {
    let n = calls.len();
    let r: DbResult = s.ask(Step::Db {
        database: database.clone(),
        calls,
    })?;
    if r.results.len() != n {
        return Err(Stop::Fail(
            Diagnostic::error(
                Code::InvalidInput,
                format!(
                    "cli: a db result must hold {n} result(s), not {}",
                    r.results.len()
                ),
            )
            .with_object("cli.results"),
        ));
    }
    Ok(r.results)
}

/// One call's result as the type it has.
pub(super) fn typed<T: serde::de::DeserializeOwned>(v: Value, what: &str) -> Result<T, Stop> {
    serde_json::from_value(v).map_err(|e| {
        Stop::Fail(
            Diagnostic::error(
                Code::InvalidInput,
                format!("cli: the host's {what} result does not read: {e}"),
            )
            .with_object("cli.results"),
        )
    })
}

/// The live schema, without the history table.
pub(super) fn introspect(
    s: &mut Session,
    database: &Database,
    table: Option<&str>,
) -> Result<Schema, Stop> {
    let snapshot = call(s, database, vec![DbCall::Introspect {}])?.remove(0);
    let mut schema = crate::snapshot::from_json(&snapshot.to_string())?;
    without_history(&mut schema, table);
    Ok(schema)
}

pub(super) fn without_history(schema: &mut Schema, table: Option<&str>) {
    schema
        .tables
        .remove(&QualifiedName::bare(table.unwrap_or(DEFAULT_TABLE)));
}

/// What a host reports when an action fails.
#[derive(Deserialize)]
struct HostError {
    kind: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    diagnostic: Option<Diagnostic>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    statement: Option<usize>,
    #[serde(default)]
    db_error: Option<String>,
    #[serde(default)]
    pre_checks: Vec<PreCheckMessage>,
    #[serde(default)]
    driver: Option<String>,
}

#[derive(Deserialize)]
struct PreCheckMessage {
    message: String,
}

/// The diagnostic for a failed action: the host says what kind of failure it was, the engine
/// words it.
pub(super) fn host_error(e: &Value) -> Diagnostic {
    let e: HostError = match serde_json::from_value(e.clone()) {
        Ok(e) => e,
        Err(err) => {
            return Diagnostic::error(
                Code::InvalidInput,
                format!("cli: a host error does not read: {err}"),
            )
            .with_object("cli.results")
        }
    };
    match e.kind.as_str() {
        "engine" => e
            .diagnostic
            .unwrap_or_else(|| Diagnostic::error(Code::InternalError, e.message.clone())),
        "migration" => {
            let id = e.id.unwrap_or_default();
            Diagnostic::error(
                Code::MigrationFailed,
                format!(
                    "{id} failed at statement {}: {}",
                    e.statement.map_or(0, |s| s + 1),
                    e.db_error.unwrap_or(e.message)
                ),
            )
            .with_object(id.clone())
            .in_migration(id.clone())
            .with_hint(format!(
                "the failure is recorded; `waymark recover {id}` shows the ways out"
            ))
        }
        "pre_check" => Diagnostic::error(
            Code::PreCheckFailed,
            format!(
                "pre-checks found data: {}",
                e.pre_checks
                    .iter()
                    .map(|c| c.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )
        .with_hint("move the data away first, or pass --accept-loss to drop it"),
        "missing_driver" => {
            let driver = e.driver.unwrap_or_default();
            let install = match driver.as_str() {
                "psycopg" => "pip install \"psycopg[binary]\"".to_string(),
                "pymysql" => "pip install pymysql".to_string(),
                d => format!("npm install {d}"),
            };
            Diagnostic::error(
                Code::MissingDriver,
                format!("the database driver `{driver}` is not installed"),
            )
            .with_object(driver)
            .with_hint(format!("install it beside waymark: {install}"))
        }
        "io" => Diagnostic::error(Code::IoError, e.message),
        "database" => Diagnostic::error(Code::DatabaseError, e.message)
            .with_hint("check the --db URL and that the server is up"),
        other => Diagnostic::error(
            Code::InvalidInput,
            format!("cli: unknown host error kind `{other}`: {}", e.message),
        )
        .with_object("cli.results"),
    }
}
