//! Random schema pairs through the plan oracle, per dialect. Both sides are drawn from small
//! pools of table and column names, so they overlap: columns come and go, change type,
//! nullability and default; tables, unique keys, indexes and foreign keys come and go.
//! The SQL is written here, not by the engine, so the engine's renderer is not its own judge.
//!
//! CI runs `WAYMARK_PROPTEST_CASES` cases per dialect (default 100); set it higher for a
//! longer run. A case may come out unsupported (the engine said so); never wrong or crashed.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::cell::Cell;
use waymark::Dialect;
use waymark_oracle::oracle::{check, Case, Verdict};

#[derive(Debug, Clone)]
struct Col {
    name: usize,
    ty: usize,
    nullable: bool,
    default: bool,
}

#[derive(Debug, Clone)]
struct Tab {
    name: usize,
    cols: Vec<Col>,
    unique: Option<usize>,
    index: Option<usize>,
    parent: Option<usize>,
}

fn types(d: Dialect) -> &'static [&'static str] {
    match d {
        Dialect::Postgres => &[
            "integer",
            "bigint",
            "text",
            "varchar(20)",
            "varchar(50)",
            "boolean",
            "numeric(10,2)",
            "date",
        ],
        Dialect::Mysql => &[
            "int",
            "bigint",
            "varchar(20)",
            "varchar(50)",
            "text",
            "tinyint(1)",
            "decimal(10,2)",
            "date",
        ],
        Dialect::Sqlite => &["INTEGER", "TEXT", "REAL", "NUMERIC", "BLOB"],
    }
}

fn default_for(ty: &str) -> Option<&'static str> {
    let t = ty.to_ascii_lowercase();
    if t.contains("int") || t.contains("numeric") || t.contains("decimal") || t == "real" {
        Some("1")
    } else if t.contains("char") || t == "text" {
        Some("'x'")
    } else if t == "boolean" {
        Some("true")
    } else {
        None
    }
}

/// MySQL cannot index TEXT/BLOB without a prefix length.
fn indexable(d: Dialect, ty: &str) -> bool {
    !(d == Dialect::Mysql && ty == "text")
}

fn col_strategy(d: Dialect) -> impl Strategy<Value = Col> {
    (0..4usize, 0..types(d).len(), any::<bool>(), any::<bool>()).prop_map(
        |(name, ty, nullable, default)| Col {
            name,
            ty,
            nullable,
            default,
        },
    )
}

fn tab_strategy(d: Dialect) -> impl Strategy<Value = Tab> {
    (
        0..4usize,
        prop::collection::vec(col_strategy(d), 0..4),
        prop::option::of(0..4usize),
        prop::option::of(0..4usize),
        prop::option::of(0..3usize),
    )
        .prop_map(|(name, cols, unique, index, parent)| Tab {
            name,
            cols,
            unique,
            index,
            parent,
        })
}

fn schema_strategy(d: Dialect) -> impl Strategy<Value = Vec<Tab>> {
    prop::collection::vec(tab_strategy(d), 0..4)
}

/// SQL for a drawn schema; duplicate names are dropped, a parent must come earlier.
fn sql(d: Dialect, tabs: &[Tab]) -> String {
    let mut out = String::new();
    let mut made: Vec<usize> = Vec::new();
    for t in tabs {
        if made.contains(&t.name) {
            continue;
        }
        let tname = format!("t{}", t.name);
        let id = if d == Dialect::Mysql {
            "int"
        } else {
            types(d)[0]
        };
        let mut items = vec![format!("id {id} NOT NULL PRIMARY KEY")];
        let mut cols: Vec<(String, &str)> = Vec::new();
        for c in &t.cols {
            let name = format!("c{}", c.name);
            if cols.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let ty = types(d)[c.ty];
            let mut def = format!("{name} {ty}");
            if !c.nullable {
                def.push_str(" NOT NULL");
            }
            if let (true, Some(v)) = (c.default, default_for(ty)) {
                def.push_str(&format!(" DEFAULT {v}"));
            }
            items.push(def);
            cols.push((name, ty));
        }
        let parent = t.parent.and_then(|p| made.get(p).copied());
        if let Some(p) = parent {
            items.push(format!("parent_id {id}"));
            items.push(format!(
                "CONSTRAINT t{}_parent_fk FOREIGN KEY (parent_id) REFERENCES t{p} (id)",
                t.name
            ));
        }
        let pick = |i: Option<usize>| {
            i.and_then(|i| cols.get(i % cols.len().max(1)))
                .filter(|(_, ty)| indexable(d, ty))
                .map(|(n, _)| n.clone())
        };
        if let Some(u) = pick(t.unique) {
            items.push(format!("CONSTRAINT {tname}_{u}_key UNIQUE ({u})"));
        }
        out.push_str(&format!(
            "CREATE TABLE {tname} (\n  {}\n);\n",
            items.join(",\n  ")
        ));
        if let Some(i) = pick(t.index) {
            out.push_str(&format!("CREATE INDEX {tname}_{i}_idx ON {tname} ({i});\n"));
        }
        made.push(t.name);
    }
    out
}

fn cases() -> u32 {
    std::env::var("WAYMARK_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

fn run(d: Dialect) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let unsupported = Cell::new(0u32);
    let passed = Cell::new(0u32);
    let result = runner.run(&(schema_strategy(d), schema_strategy(d)), |(a, b)| {
        let case = Case {
            id: "proptest".into(),
            dialect: d,
            from_sql: sql(d, &a),
            to_sql: sql(d, &b),
            hints: Default::default(),
            options: Default::default(),
        };
        match check(&case) {
            Verdict::Passed => passed.set(passed.get() + 1),
            Verdict::Unsupported(_) => unsupported.set(unsupported.get() + 1),
            v => {
                return Err(TestCaseError::fail(format!(
                    "{}: {}\n-- from\n{}-- to\n{}",
                    v.class(),
                    v.reason(),
                    case.from_sql,
                    case.to_sql
                )))
            }
        }
        Ok(())
    });
    eprintln!(
        "{d}: {} passed, {} unsupported",
        passed.get(),
        unsupported.get()
    );
    if let Err(e) = result {
        panic!("{d}: {e}");
    }
    assert!(passed.get() > 0, "{d}: no random case passed");
}

#[test]
fn random_pairs_postgres() {
    run(Dialect::Postgres);
}

#[test]
fn random_pairs_mysql() {
    run(Dialect::Mysql);
}

#[test]
fn random_pairs_sqlite() {
    run(Dialect::Sqlite);
}
