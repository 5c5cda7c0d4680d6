//! The protocol without a host: each result given moves the run one action further.

use super::*;
use serde_json::json;

fn step(args: &[&str], results: Vec<Value>) -> Step {
    run(&Input {
        args: args.iter().map(|s| s.to_string()).collect(),
        results,
        now: Some("20240102030405".into()),
    })
}

fn exit(s: Step) -> (i32, String, String) {
    match s {
        Step::Exit {
            code,
            stdout,
            stderr,
        } => (code, stdout, stderr),
        other => panic!("expected an exit, got {other:?}"),
    }
}

#[test]
fn help_and_version_exit_0() {
    let (code, out, _) = exit(step(&[], vec![]));
    assert_eq!(code, 0);
    assert!(out.contains("commands:"));
    for c in [
        "diff", "status", "deploy", "new", "down", "recover", "resolve", "lint", "drift",
    ] {
        let (code, out, _) = exit(step(&[c, "--help"], vec![]));
        assert_eq!(code, 0);
        assert!(out.starts_with(&format!("waymark {c}: ")), "{out}");
    }
    let (_, out, _) = exit(step(&["--version"], vec![]));
    assert!(out.starts_with("waymark "));
}

#[test]
fn bad_arguments_have_codes() {
    for (args, code) in [
        (&["frobnicate"][..], "unknown-command"),
        (&["status", "--nope"], "unknown-option"),
        (&["diff", "empty"], "missing-argument"),
        (&["status"], "missing-argument"),
        (&["status", "--db", "mongodb://x/y"], "invalid-database-url"),
        (&["status", "--db", "app.db"], "invalid-database-url"),
        (&["diff", "empty", "empty"], "missing-argument"),
        (
            &[
                "resolve",
                "1_a",
                "--applied",
                "--rolled-back",
                "--db",
                "sqlite:x",
            ],
            "invalid-argument",
        ),
    ] {
        let (c, out, err) = exit(step(args, vec![]));
        assert_eq!(c, 1, "{args:?}");
        assert!(
            err.starts_with(&format!("error[{code}]: ")),
            "{args:?}: {err}"
        );
        assert!(out.is_empty());
        let (_, out, _) = exit(step(&[args, &["--json"]].concat(), vec![]));
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["error"]["code"], code);
    }
}

#[test]
fn diff_asks_for_files_then_exits_2() {
    let args = ["diff", "empty", "schema.sql", "--dialect", "sqlite"];
    assert_eq!(
        step(&args, vec![]),
        Step::Fs {
            list: vec![],
            read: vec!["schema.sql".into()]
        }
    );
    let read = json!({ "list": [], "read": ["CREATE TABLE t (id INTEGER PRIMARY KEY);"] });
    let (code, out, _) = exit(step(&args, vec![read.clone()]));
    assert_eq!((code, out.as_str()), (2, "+ table t\n"));
    let (_, out, _) = exit(step(&[&args[..], &["--script"]].concat(), vec![read]));
    assert!(out.starts_with("CREATE TABLE"), "{out}");
    let missing = json!({ "list": [], "read": [null] });
    let (code, _, err) = exit(step(&args, vec![missing]));
    assert_eq!(code, 1);
    assert!(err.starts_with("error[file-not-found]"), "{err}");
}

#[test]
fn status_reads_the_folder_then_asks_the_database() {
    let args = ["status", "--db", "sqlite:app.db", "--dir", "m"];
    assert_eq!(
        step(&args, vec![]),
        Step::Fs {
            list: vec!["m".into()],
            read: vec![]
        }
    );
    let listed = json!({ "list": [[
        { "name": "0001_a.sql", "dir": false },
        { "name": "0001_a.down.sql", "dir": false },
        { "name": "README.md", "dir": false }
    ]], "read": [] });
    assert_eq!(
        step(&args, vec![listed.clone()]),
        Step::Fs {
            list: vec![],
            read: vec!["m/0001_a.sql".into(), "m/0001_a.down.sql".into()]
        }
    );
    let read = json!({ "list": [], "read": ["CREATE TABLE a (id int);", "DROP TABLE a;"] });
    let Step::Db { database, calls } = step(&args, vec![listed.clone(), read.clone()]) else {
        panic!("a db step")
    };
    assert_eq!(
        database,
        Database::Sqlite {
            path: "app.db".into()
        }
    );
    let DbCall::Status { migrations, .. } = &calls[0] else {
        panic!("status")
    };
    assert_eq!(migrations[0].down.as_deref(), Some("DROP TABLE a;"));
    let failed = json!({ "error": { "kind": "missing_driver", "message": "x", "driver": "better-sqlite3" } });
    let (code, _, err) = exit(step(&args, vec![listed, read, failed]));
    assert_eq!(code, 1);
    assert!(err.starts_with("error[missing-driver]"), "{err}");
}

#[test]
fn urls() {
    assert_eq!(
        db::parse_url("mysql://u%40x:p%3Aw@db.local:3307/app").unwrap(),
        Database::Mysql {
            host: "db.local".into(),
            port: 3307,
            user: "u@x".into(),
            password: "p:w".into(),
            database: "app".into()
        }
    );
    assert_eq!(
        db::parse_url("sqlite:///tmp/a.db").unwrap(),
        Database::Sqlite {
            path: "/tmp/a.db".into()
        }
    );
    let e = db::parse_url("mysql://root:secret@h").unwrap_err();
    assert_eq!(e.code, Code::InvalidDatabaseUrl);
    assert!(!e.message.contains("secret"), "{}", e.message);
}

#[test]
fn progress_goes_to_stderr_under_json() {
    let event = ProgressEvent {
        id: "0001_a".into(),
        statement: 0,
        total: 2,
    };
    let out = progress(&ProgressInput {
        args: vec!["deploy".into()],
        event: event.clone(),
    });
    assert_eq!(out.stdout, "applying 0001_a [1/2]\n");
    let out = progress(&ProgressInput {
        args: vec!["deploy".into(), "--json".into()],
        event,
    });
    assert_eq!(out.stderr, "applying 0001_a [1/2]\n");
}
