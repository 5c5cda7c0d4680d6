//! The command line: commands, their options, and their help. Parsing is strict (an unknown
//! option is an error, not ignored) so a typo cannot silently change what a deploy does.

use crate::diag::{Code, Diagnostic};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Diff,
    Status,
    Deploy,
    New,
    Down,
    Recover,
    Resolve,
    Lint,
    Drift,
}

/// What the arguments ask for.
#[derive(Debug)]
pub enum Parsed {
    /// Help or the version: print it, exit 0.
    Text(String),
    Run(Cli),
}

/// A command with its arguments checked against its spec.
#[derive(Debug)]
pub struct Cli {
    pub command: Command,
    pub positionals: Vec<String>,
    /// Options with a value, by name without the dashes; flags map to "".
    options: BTreeMap<&'static str, String>,
}

impl Cli {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options.get(name).map(String::as_str)
    }
    pub fn flag(&self, name: &str) -> bool {
        self.options.contains_key(name)
    }
    pub fn name(&self) -> &'static str {
        spec(self.command).name
    }
    /// A required option's value, or `missing-argument`.
    pub fn required(&self, name: &str) -> Result<&str, Diagnostic> {
        let s = spec(self.command);
        self.value(name).ok_or_else(|| {
            let opt = s.options.iter().find(|o| o.name == name);
            let shown = opt.map_or(format!("--{name}"), |o| o.shown());
            missing(s, &format!("`{}` needs {shown}", s.name))
        })
    }
    /// The migrations folder.
    pub fn dir(&self) -> &str {
        self.value("dir").unwrap_or("migrations")
    }
    pub fn table(&self) -> Option<String> {
        self.value("table").map(str::to_string)
    }
}

struct Opt {
    name: &'static str,
    value: Option<&'static str>,
    help: &'static str,
}

impl Opt {
    fn shown(&self) -> String {
        match self.value {
            Some(v) => format!("--{} {v}", self.name),
            None => format!("--{}", self.name),
        }
    }
}

struct Spec {
    command: Command,
    name: &'static str,
    usage: &'static str,
    about: &'static str,
    /// Said after the options: what it prints, exit codes.
    more: &'static str,
    positionals: std::ops::RangeInclusive<usize>,
    options: &'static [Opt],
}

const DB: Opt = Opt {
    name: "db",
    value: Some("URL"),
    help: "the database: sqlite:PATH, postgres://..., mysql://...",
};
const DIR: Opt = Opt {
    name: "dir",
    value: Some("DIR"),
    help: "the migrations folder (default: migrations)",
};
const TABLE: Opt = Opt {
    name: "table",
    value: Some("NAME"),
    help: "the history table (default: waymark_migrations)",
};
const DIALECT: Opt = Opt {
    name: "dialect",
    value: Some("NAME"),
    help: "postgres, mysql or sqlite (taken from a database URL when there is one)",
};
const ONLINE: Opt = Opt {
    name: "online",
    value: None,
    help: "PostgreSQL: plan for a live database (CREATE INDEX CONCURRENTLY, NOT VALID)",
};

const SPECS: &[Spec] = &[
    Spec {
        command: Command::Diff,
        name: "diff",
        usage: "waymark diff FROM TO [options]",
        about: "what changes from one schema to another",
        more: "FROM and TO are each `empty`, a .sql file, a migrations folder (replayed) or a\n\
               database URL (introspected). Prints one line per change, or with --script the\n\
               SQL that makes FROM into TO.\n\n\
               exit: 0 no changes, 2 changes, 1 error",
        positionals: 2..=2,
        options: &[
            Opt {
                name: "script",
                value: None,
                help: "print the up SQL only",
            },
            DIALECT,
            TABLE,
            ONLINE,
        ],
    },
    Spec {
        command: Command::Status,
        name: "status",
        usage: "waymark status --db URL [options]",
        about: "the state of every migration, local or recorded",
        more: "exit: 0 every migration applied, 2 something to deploy or repair, 1 error",
        positionals: 0..=0,
        options: &[DB, DIR, TABLE],
    },
    Spec {
        command: Command::Deploy,
        name: "deploy",
        usage: "waymark deploy --db URL [options]",
        about: "apply the pending migrations, statement by statement",
        more: "Prints each statement's progress as it runs (on stderr with --json). A failure is\n\
               recorded in the history table; `waymark recover` shows the ways out.\n\n\
               exit: 0 deployed (or nothing to do), 1 error",
        positionals: 0..=0,
        options: &[DB, DIR, TABLE],
    },
    Spec {
        command: Command::New,
        name: "new",
        usage: "waymark new NAME --schema FILE --dialect NAME [options]",
        about: "write a migration from the history to a desired schema",
        more: "Replays the migrations folder, plans the changes to the schema in FILE and writes\n\
               them as the next migration, with its down migration beside it (ID.sql and\n\
               ID.down.sql, or ID/migration.sql and ID/down.sql in a folder-per-migration\n\
               history). Ids continue the folder's numbering; an empty folder starts at 0001,\n\
               or with a timestamp under --timestamp. Writes nothing when there is no change.\n\n\
               exit: 0 written (or no change), 1 error",
        positionals: 1..=1,
        options: &[
            Opt {
                name: "schema",
                value: Some("FILE"),
                help: "the desired schema, as SQL",
            },
            DIALECT,
            DIR,
            Opt {
                name: "timestamp",
                value: None,
                help: "name a folder's first migration with the UTC time, not 0001",
            },
            ONLINE,
        ],
    },
    Spec {
        command: Command::Down,
        name: "down",
        usage: "waymark down (ID | --to ID) --db URL [options]",
        about: "revert applied migrations",
        more: "ID reverts that migration; --to ID every applied migration after ID, the last\n\
               first. Uses the hand-written down migration when there is one, else the engine's\n\
               reverse of it. Refuses lossy or irreversible steps and data in what it drops\n\
               unless --accept-loss.\n\n\
               exit: 0 reverted, 1 error",
        positionals: 0..=1,
        options: &[
            Opt {
                name: "to",
                value: Some("ID"),
                help: "revert every applied migration after ID",
            },
            Opt {
                name: "accept-loss",
                value: None,
                help: "revert even what cannot come back (dropped data, irreversible steps)",
            },
            DB,
            DIR,
            TABLE,
        ],
    },
    Spec {
        command: Command::Recover,
        name: "recover",
        usage: "waymark recover [ID] --db URL [options]",
        about: "the ways out of a failed migration",
        more: "Shows where the failed migration (ID, or the first failed one) stopped, the rows\n\
               the failing statement trips on, and the SQL to roll back, roll forward or resume.\n\
               Runs nothing but the read-only diagnostic queries; after running a way out, mark\n\
               it with `waymark resolve`.\n\n\
               exit: 0 shown, 1 error",
        positionals: 0..=1,
        options: &[DB, DIR, TABLE],
    },
    Spec {
        command: Command::Resolve,
        name: "resolve",
        usage: "waymark resolve ID (--applied | --rolled-back) --db URL [options]",
        about: "mark a failed migration as applied or rolled back",
        more: "--applied: its changes are all in place; --rolled-back: none are, and the next\n\
               deploy runs it again.\n\n\
               exit: 0 marked, 1 error",
        positionals: 1..=1,
        options: &[
            Opt {
                name: "applied",
                value: None,
                help: "the migration's changes are all in place",
            },
            Opt {
                name: "rolled-back",
                value: None,
                help: "none of them are: deploy runs it again",
            },
            DB,
            DIR,
            TABLE,
        ],
    },
    Spec {
        command: Command::Lint,
        name: "lint",
        usage: "waymark lint FILE --dialect NAME [options]\n       waymark lint --from FROM --to TO [options]",
        about: "the hazards of a migration, or of a plan",
        more: "FILE is linted against the migrations of --dir that come before it. With --from\n\
               and --to (as for diff), the plan between them is.\n\n\
               exit: 0 no hazards, 2 hazards, 1 error",
        positionals: 0..=1,
        options: &[
            DIALECT,
            DIR,
            Opt {
                name: "from",
                value: Some("FROM"),
                help: "lint the plan from this schema (see diff)",
            },
            Opt {
                name: "to",
                value: Some("TO"),
                help: "to this one",
            },
            TABLE,
            ONLINE,
        ],
    },
    Spec {
        command: Command::Drift,
        name: "drift",
        usage: "waymark drift --db URL [options]",
        about: "compare the live database with its migration history",
        more: "Replays the applied migrations and introspects the database; prints what the\n\
               database has that the history does not give, and the reverse.\n\n\
               exit: 0 no drift, 2 drift, 1 error",
        positionals: 0..=0,
        options: &[DB, DIR, TABLE],
    },
];

fn spec(c: Command) -> &'static Spec {
    SPECS
        .iter()
        .find(|s| s.command == c)
        .expect("every command has a spec")
}

pub fn parse(args: &[String]) -> Result<Parsed, Diagnostic> {
    let Some(first) = args.first() else {
        return Ok(Parsed::Text(general_help()));
    };
    match first.as_str() {
        "-h" | "--help" => return Ok(Parsed::Text(general_help())),
        "-V" | "--version" => {
            return Ok(Parsed::Text(format!(
                "waymark {}\n",
                env!("CARGO_PKG_VERSION")
            )))
        }
        "help" => {
            return match args.get(1) {
                None => Ok(Parsed::Text(general_help())),
                Some(c) => Ok(Parsed::Text(help(find(c)?))),
            }
        }
        _ => {}
    }
    let s = find(first)?;
    let mut positionals = Vec::new();
    let mut options = BTreeMap::new();
    let mut rest = args[1..].iter();
    let mut only_positionals = false;
    while let Some(a) = rest.next() {
        if only_positionals || !a.starts_with('-') || a == "-" {
            positionals.push(a.clone());
            continue;
        }
        match a.as_str() {
            "--" => {
                only_positionals = true;
                continue;
            }
            "-h" | "--help" => return Ok(Parsed::Text(help(s))),
            "--json" => continue,
            _ => {}
        }
        let (name, inline) = match a.trim_start_matches('-').split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (a.trim_start_matches('-'), None),
        };
        let Some(opt) = s
            .options
            .iter()
            .find(|o| o.name == name && a.starts_with("--"))
        else {
            return Err(Diagnostic::error(
                Code::UnknownOption,
                format!("`{}` has no option `{a}`", s.name),
            )
            .with_object(a.clone())
            .with_hint(format!(
                "its options: {} (see `waymark {} --help`)",
                s.options
                    .iter()
                    .map(|o| format!("--{}", o.name))
                    .chain(["--json".to_string()])
                    .collect::<Vec<_>>()
                    .join(", "),
                s.name
            )));
        };
        let value = match (opt.value, inline) {
            (None, None) => String::new(),
            (None, Some(_)) => {
                return Err(invalid(s, &format!("`--{}` takes no value", opt.name)));
            }
            (Some(_), Some(v)) => v,
            (Some(_), None) => match rest.next() {
                Some(v) => v.clone(),
                None => return Err(missing(s, &format!("`{}` needs a value", opt.shown()))),
            },
        };
        if options.insert(opt.name, value).is_some() {
            return Err(invalid(s, &format!("`--{}` is given twice", opt.name)));
        }
    }
    if positionals.len() < *s.positionals.start() {
        // The usage line names the positionals: `waymark diff FROM TO [options]`.
        let names: Vec<&str> = first_usage(s)
            .split_whitespace()
            .skip(2)
            .filter(|w| w.chars().all(|c| c.is_ascii_uppercase()))
            .collect();
        let what = names.get(positionals.len()).unwrap_or(&"an argument");
        return Err(missing(s, &format!("`{}` needs {what}", s.name)));
    }
    if positionals.len() > *s.positionals.end() {
        return Err(invalid(
            s,
            &format!(
                "`{}` takes at most {} argument(s); `{}` is one too many",
                s.name,
                s.positionals.end(),
                positionals[*s.positionals.end()]
            ),
        ));
    }
    Ok(Parsed::Run(Cli {
        command: s.command,
        positionals,
        options,
    }))
}

fn find(name: &str) -> Result<&'static Spec, Diagnostic> {
    SPECS.iter().find(|s| s.name == name).ok_or_else(|| {
        Diagnostic::error(Code::UnknownCommand, format!("no command `{name}`"))
            .with_object(name.to_string())
            .with_hint(format!(
                "commands: {} (see `waymark --help`)",
                SPECS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
            ))
    })
}

fn missing(s: &Spec, message: &str) -> Diagnostic {
    Diagnostic::error(Code::MissingArgument, message)
        .with_object(s.name.to_string())
        .with_hint(format!("usage: {}", first_usage(s)))
}

/// `invalid-argument` for command `s`, with its usage as the hint.
fn invalid(s: &Spec, message: &str) -> Diagnostic {
    Diagnostic::error(Code::InvalidArgument, message)
        .with_object(s.name.to_string())
        .with_hint(format!("usage: {}", first_usage(s)))
}

impl Cli {
    /// `invalid-argument` about this command.
    pub fn invalid(&self, message: &str) -> Diagnostic {
        invalid(spec(self.command), message)
    }
    pub fn missing(&self, message: &str) -> Diagnostic {
        missing(spec(self.command), message)
    }
}

fn first_usage(s: &Spec) -> &str {
    s.usage.lines().next().unwrap_or(s.usage)
}

fn general_help() -> String {
    let mut out = format!(
        "waymark {}: plans, deploys and recovers database schema migrations\n\n\
         usage: waymark COMMAND [options]\n\ncommands:\n",
        env!("CARGO_PKG_VERSION")
    );
    for s in SPECS {
        out.push_str(&format!("  {:<9} {}\n", s.name, s.about));
    }
    out.push_str(
        "\nEvery command takes --json (one JSON document on stdout) and --help.\n\
         Databases: sqlite:PATH, postgres://USER@HOST:PORT/DB, mysql://USER:PASSWORD@HOST:PORT/DB.\n\
         Errors print `error[code]: message` on stderr and exit 1 (codes: docs/errors.md).\n",
    );
    out
}

fn help(s: &Spec) -> String {
    let mut out = format!(
        "waymark {}: {}\n\nusage: {}\n\noptions:\n",
        s.name, s.about, s.usage
    );
    let rows: Vec<(String, &str)> = s
        .options
        .iter()
        .map(|o| (o.shown(), o.help))
        .chain([
            ("--json".to_string(), "print one JSON document on stdout"),
            ("-h, --help".to_string(), "print this help"),
        ])
        .collect();
    let width = rows.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, text) in rows {
        out.push_str(&format!("  {name:<width$}  {text}\n"));
    }
    out.push('\n');
    out.push_str(s.more);
    out.push('\n');
    out
}
