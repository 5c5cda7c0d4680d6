//! Every state a migration can be in, with its message, hint and diagnostic.

mod history_support;

use history_support::*;
use waymark::history::{
    status, AppliedRecord, LocalMigration, OrderingPolicy, RecordStatus, State,
};
use waymark::{Code, Dialect};

const USERS: &str = "CREATE TABLE users (id integer PRIMARY KEY, email text);";
const PETS: &str = "CREATE TABLE pets (id integer PRIMARY KEY);";
const INDEX: &str = "CREATE INDEX users_email ON users (email);\nALTER TABLE users ADD COLUMN name text;\nCREATE TABLE tags (id integer);";

struct Case {
    name: &'static str,
    local: Vec<LocalMigration>,
    applied: Vec<AppliedRecord>,
    id: &'static str,
    state: State,
    /// The error code the state raises, if any.
    code: Option<Code>,
    message: &'static str,
}

fn cases() -> Vec<Case> {
    let a = m("0001_users", USERS);
    let b = m("0002_pets", PETS);
    let c = m("0003_index", INDEX);
    let edited = m(
        "0001_users",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text);",
    );
    let crlf = m("0001_users", &USERS.replace(';', ";\r\n"));
    vec![
        Case {
            name: "applied",
            local: vec![a.clone()],
            applied: vec![applied(&a)],
            id: "0001_users",
            state: State::Applied,
            code: None,
            message: "applied",
        },
        Case {
            name: "pending",
            local: vec![a.clone(), b.clone()],
            applied: vec![applied(&a)],
            id: "0002_pets",
            state: State::Pending,
            code: None,
            message: "not applied yet",
        },
        Case {
            name: "out of order (strict)",
            local: vec![a.clone(), b.clone()],
            applied: vec![applied(&b)],
            id: "0001_users",
            state: State::OutOfOrder,
            code: Some(Code::OutOfOrder),
            message: "0001_users is older than 0002_pets, which is already applied",
        },
        Case {
            name: "edited file",
            local: vec![edited.clone()],
            applied: vec![applied(&a)],
            id: "0001_users",
            state: State::Modified,
            code: Some(Code::ChecksumMismatch),
            message: "edited after it was applied",
        },
        Case {
            name: "CRLF checkout of an LF file",
            local: vec![crlf],
            applied: vec![applied(&a)],
            id: "0001_users",
            state: State::Applied,
            code: None,
            message: "applied",
        },
        Case {
            name: "missing file",
            local: vec![b.clone()],
            applied: vec![applied(&a), applied(&b)],
            id: "0001_users",
            state: State::MissingLocally,
            code: Some(Code::MissingLocally),
            message: "applied, but there is no local file",
        },
        Case {
            name: "failed",
            local: vec![a.clone(), c.clone()],
            applied: vec![applied(&a), with_status(&c, RecordStatus::Failed, 0, 3)],
            id: "0003_index",
            state: State::Failed,
            code: Some(Code::MigrationFailed),
            message: "failed, nothing of it remains: relation \"x\" does not exist",
        },
        Case {
            name: "partially applied (failed outside a transaction)",
            local: vec![a.clone(), c.clone()],
            applied: vec![applied(&a), with_status(&c, RecordStatus::Failed, 2, 3)],
            id: "0003_index",
            state: State::PartiallyApplied,
            code: Some(Code::MigrationPartiallyApplied),
            message: "2 of 3 statements ran before it failed",
        },
        Case {
            name: "partially applied (interrupted)",
            local: vec![a.clone(), c.clone()],
            applied: vec![applied(&a), with_status(&c, RecordStatus::Running, 1, 3)],
            id: "0003_index",
            state: State::PartiallyApplied,
            code: Some(Code::MigrationPartiallyApplied),
            message: "started and never finished: 1 of 3 statements ran",
        },
        Case {
            name: "rolled back",
            local: vec![a.clone(), b.clone()],
            applied: vec![applied(&a), with_status(&b, RecordStatus::RolledBack, 0, 1)],
            id: "0002_pets",
            state: State::RolledBack,
            code: None,
            message: "rolled back",
        },
        Case {
            name: "a rolled-back newer migration does not make older ones late",
            local: vec![a.clone(), b.clone()],
            applied: vec![with_status(&b, RecordStatus::RolledBack, 0, 1)],
            id: "0001_users",
            state: State::Pending,
            code: None,
            message: "not applied yet",
        },
        Case {
            name: "older only than what it depends on",
            local: vec![
                LocalMigration {
                    depends_on: vec!["0002_pets".into()],
                    ..a.clone()
                },
                b.clone(),
            ],
            applied: vec![applied(&b)],
            id: "0001_users",
            state: State::Pending,
            code: None,
            message: "not applied yet",
        },
    ]
}

#[test]
fn every_state() {
    for case in cases() {
        let h = history(Dialect::Postgres, &case.local, &case.applied);
        let s = status(&h, OrderingPolicy::Strict).unwrap();
        let e = s
            .entry(case.id)
            .unwrap_or_else(|| panic!("{}: no entry", case.name));
        assert_eq!(e.state, case.state, "{}: {e:?}", case.name);
        assert!(
            e.message.contains(case.message),
            "{}: {:?} lacks {:?}",
            case.name,
            e.message,
            case.message
        );
        let errors: Vec<Code> = s
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect();
        assert_eq!(
            errors,
            case.code.into_iter().collect::<Vec<_>>(),
            "{}: {:?}",
            case.name,
            s.diagnostics
        );
        if let Some(d) = s.diagnostics.first() {
            assert_eq!(d.migration.as_deref(), Some(case.id), "{}", case.name);
            assert!(d.hint.is_some(), "{}: no hint", case.name);
        }
        // Exactly one entry per migration, local or recorded, in id order.
        let mut ids: Vec<&str> = case
            .local
            .iter()
            .map(|m| m.id.as_str())
            .chain(case.applied.iter().map(|r| r.id.as_str()))
            .collect();
        ids.sort();
        ids.dedup();
        let listed: Vec<&str> = s.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(listed, ids, "{}", case.name);
        assert_eq!(s.ok(), case.code.is_none(), "{}", case.name);
    }
}

#[test]
fn progress_is_reported_for_failed_and_partial() {
    let c = m("0003_index", INDEX);
    let h = history(
        Dialect::Mysql,
        std::slice::from_ref(&c),
        &[with_status(&c, RecordStatus::Failed, 2, 3)],
    );
    let e = status(&h, OrderingPolicy::Strict)
        .unwrap()
        .entries
        .remove(0);
    let p = e.progress.unwrap();
    assert_eq!((p.applied, p.total), (2, 3));
}

#[test]
fn inputs_that_are_not_a_history() {
    let a = m("0001_users", USERS);
    let cases: Vec<(&str, Vec<LocalMigration>, Vec<AppliedRecord>, Code)> = vec![
        (
            "duplicate id",
            vec![a.clone(), a.clone()],
            vec![],
            Code::InvalidMigration,
        ),
        (
            "duplicate record",
            vec![a.clone()],
            vec![applied(&a), applied(&a)],
            Code::InvalidAppliedRecord,
        ),
        (
            "no prefix",
            vec![m("init", USERS)],
            vec![],
            Code::InvalidMigrationId,
        ),
        (
            "mixed layouts",
            vec![a.clone(), m("20231109120000_x", PETS)],
            vec![],
            Code::MixedIdLayouts,
        ),
        (
            "unknown dependency",
            vec![LocalMigration {
                depends_on: vec!["0009_nope".into()],
                ..a.clone()
            }],
            vec![],
            Code::UnknownDependency,
        ),
        (
            "cycle",
            vec![
                LocalMigration {
                    depends_on: vec!["0002_pets".into()],
                    ..a.clone()
                },
                LocalMigration {
                    depends_on: vec!["0001_users".into()],
                    ..m("0002_pets", PETS)
                },
            ],
            vec![],
            Code::DependencyCycle,
        ),
        (
            "impossible progress",
            vec![a.clone()],
            vec![with_status(&a, RecordStatus::Failed, 5, 3)],
            Code::InvalidAppliedRecord,
        ),
        (
            "unknown checksum version",
            vec![a.clone()],
            vec![AppliedRecord {
                checksum_version: 7,
                ..applied(&a)
            }],
            Code::UnsupportedChecksumVersion,
        ),
    ];
    for (name, local, records, code) in cases {
        let h = history(Dialect::Sqlite, &local, &records);
        let got = match status(&h, OrderingPolicy::Strict) {
            Err(e) => e.code,
            Ok(s) => s
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .map(|d| d.code)
                .unwrap_or_else(|| panic!("{name}: no error")),
        };
        assert_eq!(got, code, "{name}");
    }
}

#[test]
fn status_round_trips_through_json() {
    let a = m("0001_users", USERS);
    let h = history(Dialect::Postgres, std::slice::from_ref(&a), &[applied(&a)]);
    let json = serde_json::to_value(&h).unwrap();
    let back: waymark::history::History = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, h);
    assert_eq!(json["applied"][0]["status"], "applied");
    let s = serde_json::to_value(status(&h, OrderingPolicy::Strict).unwrap()).unwrap();
    assert_eq!(s["entries"][0]["state"], "applied");
    assert_eq!(s["policy"], "strict");
}

#[test]
fn records_read_through_a_text_protocol_parse() {
    let row = serde_json::json!({
        "id": "0001_users", "checksum": "ab", "checksum_version": "1", "started_at": "2024-01-01 10:00:00+00",
        "finished_at": null, "statements_total": "3", "statements_applied": 2, "status": "failed",
        "error": "boom", "replaced_by": null
    });
    let r: AppliedRecord = serde_json::from_value(row).unwrap();
    assert_eq!(
        (r.checksum_version, r.statements_total, r.statements_applied),
        (1, 3, 2)
    );
    assert_eq!(r.status, RecordStatus::Failed);
    assert_eq!(r.finished_at, None);
}
