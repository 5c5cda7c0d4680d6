//! The plan oracle on hand-written cases (these need the planner), and the corpus runner's
//! classification of cases the planner never gets to judge.

use serde_json::json;
use waymark::diff::RenameHints;
use waymark::plan::PlanOptions;
use waymark::Dialect;
use waymark_oracle::corpus;
use waymark_oracle::oracle::{check, Case, Verdict};

fn case(dialect: Dialect, id: &str, from: &str, to: &str) -> Case {
    Case {
        id: id.to_string(),
        dialect,
        from_sql: from.to_string(),
        to_sql: to.to_string(),
        hints: RenameHints::default(),
        options: PlanOptions::default(),
    }
}

/// Table, then table + column, then table + column + index; each step both ways.
fn simple_cases(dialect: Dialect) -> Vec<Case> {
    let t = "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50));";
    let col = "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50), email varchar(100));";
    let idx = format!("{col}\nCREATE INDEX users_email ON users (email);");
    vec![
        case(dialect, "create table", "", t),
        case(dialect, "add column", t, col),
        case(dialect, "drop column", col, t),
        case(dialect, "add index", col, &idx),
        case(dialect, "drop index", &idx, col),
    ]
}

fn assert_all_pass(dialect: Dialect) {
    let failures: Vec<String> = simple_cases(dialect)
        .iter()
        .map(|c| (c.id.clone(), check(c)))
        .filter(|(_, v)| *v != Verdict::Passed)
        .map(|(id, v)| format!("{dialect} {id}: {} {}", v.class(), v.reason()))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn postgres_simple_plans_pass() {
    assert_all_pass(Dialect::Postgres);
}

#[test]
fn mysql_simple_plans_pass() {
    assert_all_pass(Dialect::Mysql);
}

#[test]
fn sqlite_simple_plans_pass() {
    assert_all_pass(Dialect::Sqlite);
}

fn judge(line: serde_json::Value) -> Verdict {
    corpus::judge(&corpus::entry(&line.to_string()).expect("corpus line reads"))
}

#[test]
fn unsupported_statements_are_unsupported() {
    let inputs = [
        ("postgres", "CREATE TABLE t (id int);\nCREATE SEQUENCE s;"),
        ("mysql", "CREATE TABLE t (id int);\nCREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t;"),
        (
            "sqlite",
            "CREATE TABLE t (id int);\nCREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;",
        ),
    ];
    for (dialect, current) in inputs {
        let v = judge(json!({
            "id": format!("unsupported/{dialect}"), "dialect": dialect,
            "current": current, "desired": "CREATE TABLE t (id int, x int);", "flags": {}
        }));
        assert!(
            matches!(&v, Verdict::Unsupported(r) if r.starts_with("unsupported-statement")),
            "{dialect}: {v:?}"
        );
    }
}

#[test]
fn cases_for_other_servers_are_unsupported() {
    let v = judge(json!({
        "id": "pg18", "dialect": "postgres", "current": "", "desired": "CREATE TABLE t (id int);",
        "flags": {"min_version": "18.0"}
    }));
    assert!(
        matches!(&v, Verdict::Unsupported(r) if r.starts_with("needs PostgreSQL >= 18.0")),
        "{v:?}"
    );
    let v = judge(json!({
        "id": "tidb", "dialect": "mysql", "current": "", "desired": "CREATE TABLE t (id int);",
        "flags": {"flavor": "tidb"}
    }));
    assert!(
        matches!(&v, Verdict::Unsupported(r) if r.starts_with("needs TiDB")),
        "{v:?}"
    );
}

#[test]
fn expected_error_passes_when_the_engine_refuses() {
    let v = judge(json!({
        "id": "bad", "dialect": "postgres", "current": "CREATE TABLE (;", "desired": "",
        "expected_error": "syntax error", "flags": {"expect_error": true}
    }));
    assert_eq!(v, Verdict::Passed);
}

/// sqldef's RenameColumnConflictingNames: the hint's old column is still there, so the
/// engine must refuse (invalid-rename-hint). Needs the planner.
#[test]
fn expected_error_conflicting_rename() {
    let v = judge(json!({
        "id": "sqldef/psqldef/RenameColumnConflictingNames", "dialect": "postgres",
        "current": "CREATE TABLE users (\n  id bigint NOT NULL,\n  username text,\n  user_name varchar(50)\n);\n",
        "desired": "CREATE TABLE users (\n  id bigint NOT NULL,\n  username text,\n  user_name varchar(100), -- @renamed from=username\n);\n",
        "expected_error": "cannot rename column 'username' to 'user_name' - column 'username' still exists",
        "flags": {"expect_error": true, "rename_annotation": true}
    }));
    assert_eq!(v, Verdict::Passed);
}

/// A case sqldef expects to fail that the engine plans anyway is wrong. Needs the planner.
#[test]
fn expected_error_but_planned_is_wrong() {
    let v = judge(json!({
        "id": "planned", "dialect": "sqlite", "current": "CREATE TABLE t (id int);",
        "desired": "CREATE TABLE t (id int, x int);", "expected_error": "some error", "flags": {}
    }));
    assert!(
        matches!(&v, Verdict::Wrong(r) if r.starts_with("sqldef expects an error")),
        "{v:?}"
    );
}
