//! Support for the recovery proofs: rows to put in tables so a recovery can be seen not to
//! touch them, row snapshots, and schema comparison as recovery needs it.

use crate::host::{acquire, release, run_all, Db};
use crate::Scratch;
use std::collections::{BTreeMap, BTreeSet};
use waymark::compare::{differences, Options};
use waymark::history::sql::DEFAULT_TABLE;
use waymark::history::{prelude, DeployOptions};
use waymark::recover::RecoveryPlan;
use waymark::{Dialect, QualifiedName, Schema, Table};

/// The server's schema without the history table, which no migration creates.
pub fn live(db: &mut Scratch) -> Schema {
    let mut s = db.introspect().expect("introspect");
    s.tables.remove(&QualifiedName::bare(DEFAULT_TABLE));
    s
}

/// The differences between what the engine expects and what the server has; a column-order
/// difference counts only when `order_matters` (Postgres appends re-added columns, and the
/// plan warned about that).
pub fn mismatch(expected: &Schema, actual: &Schema, order_matters: bool) -> Option<String> {
    let diffs: Vec<String> = differences(expected, actual, Options::default())
        .into_iter()
        .filter(|d| order_matters || !d.path.ends_with(" (order)"))
        .map(|d| d.to_string())
        .collect();
    (!diffs.is_empty()).then(|| diffs.join("\n  "))
}

/// Two rows in every table of `schema` but those in `skip`, parents before children. Returns
/// the tables that took them: a table whose columns the generator cannot fill stays empty.
pub fn populate(db: &mut Scratch, schema: &Schema, skip: &BTreeSet<QualifiedName>) -> Vec<String> {
    let mut done: BTreeSet<&QualifiedName> = BTreeSet::new();
    let mut filled = Vec::new();
    let mut left: Vec<&Table> = schema
        .tables
        .values()
        .filter(|t| !skip.contains(&t.name))
        .collect();
    while !left.is_empty() {
        let ready = left.iter().position(|t| {
            t.foreign_keys.iter().all(|fk| {
                fk.ref_table == t.name
                    || done.contains(&fk.ref_table)
                    || !left.iter().any(|o| o.name == fk.ref_table)
            })
        });
        let t = left.remove(ready.unwrap_or(0));
        done.insert(&t.name);
        if insert_two(db, schema, t) {
            filled.push(t.name.to_string());
        }
    }
    filled
}

fn insert_two(db: &mut Scratch, schema: &Schema, t: &Table) -> bool {
    let d = schema.dialect;
    let cols: Vec<_> = t
        .columns
        .iter()
        .filter(|c| c.identity.is_none() && c.generated.is_none())
        .collect();
    if cols.is_empty() {
        return false;
    }
    let names: Vec<String> = cols.iter().map(|c| quote(d, &c.name)).collect();
    for i in 1..=2 {
        let values: Option<Vec<String>> = cols
            .iter()
            .map(|c| value(schema, &c.data_type, i).or_else(|| c.nullable.then(|| "NULL".into())))
            .collect();
        let Some(values) = values else { return false };
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quote(d, &t.name.name),
            names.join(", "),
            values.join(", ")
        );
        if db.exec(&sql).is_err() {
            return false;
        }
    }
    true
}

/// A value of the type for row `i` (1 or 2): rows of parent and child tables line up, so
/// foreign keys find their parent.
fn value(schema: &Schema, ty: &str, i: u32) -> Option<String> {
    let t = ty.to_ascii_lowercase();
    let has = |w: &str| t.contains(w);
    if let Some(e) = schema
        .enums
        .values()
        .find(|e| e.name.name.eq_ignore_ascii_case(ty))
    {
        return e.values.first().map(|v| format!("'{v}'"));
    }
    if let Some(rest) = t.strip_prefix("enum(").or_else(|| t.strip_prefix("set(")) {
        return rest
            .split(',')
            .next()
            .map(|v| v.trim_end_matches(')').to_string());
    }
    Some(if has("bool") {
        "TRUE".into()
    } else if has("int")
        || has("serial")
        || has("numeric")
        || has("decimal")
        || has("real")
        || has("double")
        || has("float")
    {
        i.to_string()
    } else if has("timestamp") || has("datetime") {
        format!("'2020-01-0{i} 00:00:00'")
    } else if has("date") {
        format!("'2020-01-0{i}'")
    } else if has("time") {
        format!("'00:00:0{i}'")
    } else if has("json") {
        "'{}'".into()
    } else if has("uuid") {
        format!("'00000000-0000-0000-0000-00000000000{i}'")
    } else if has("char") || has("text") || has("clob") || t.is_empty() {
        format!("'{}'", if i == 1 { "a" } else { "b" })
    } else {
        return None;
    })
}

fn quote(d: Dialect, name: &str) -> String {
    match d {
        Dialect::Mysql => format!("`{name}`"),
        _ => format!("\"{name}\""),
    }
}

/// Every row of each table, as sorted JSON lines.
pub fn rows(db: &mut Scratch, tables: &[String]) -> BTreeMap<String, Vec<String>> {
    let d = db.dialect();
    tables
        .iter()
        .map(|t| {
            let mut r: Vec<String> = Db::query(db, &format!("SELECT * FROM {}", quote(d, t)))
                .unwrap_or_else(|e| panic!("rows of {t}: {e}"))
                .into_iter()
                .map(|row| serde_json::Value::Object(row).to_string())
                .collect();
            r.sort();
            (t.clone(), r)
        })
        .collect()
}

/// The first value of the first row, as text (a count).
pub fn scalar(db: &mut Scratch, sql: &str) -> String {
    let rows = Db::query(db, sql).unwrap_or_else(|e| panic!("`{sql}`: {e}"));
    rows.first()
        .and_then(|r| r.values().next())
        .map(|v| v.to_string().trim_matches('"').to_string())
        .unwrap_or_default()
}

/// A way out of a failed migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    Back,
    Forward,
    Resume,
}

/// Runs one way out of a recovery plan as a host does, with its history writes: the roll
/// back or roll forward statement by statement then the resolve writes; the resume inside
/// the deployers' lock with its progress writes.
pub fn take(db: &mut Scratch, plan: &RecoveryPlan, way: Way) -> Result<(), String> {
    match way {
        Way::Back => {
            run_all(db, &plan.roll_back.statements())?;
            run_all(db, &plan.resolve.rolled_back)
        }
        Way::Forward => {
            let forward = plan.roll_forward.as_ref().ok_or("no roll forward")?;
            let up: Vec<String> = forward
                .plan
                .steps
                .iter()
                .flat_map(|s| s.up.clone())
                .collect();
            run_all(db, &up)?;
            run_all(db, &plan.resolve.applied)
        }
        Way::Resume => {
            let m = &plan.resume.migration;
            let lock = prelude(plan.dialect, &DeployOptions::default()).lock;
            acquire(db, &lock)?;
            let result = run_all(db, m.begin.iter().chain(&m.start)).and_then(|_| {
                m.statements
                    .iter()
                    .try_for_each(|s| run_all(db, [&s.sql, &s.progress]))
            });
            let result = result.and_then(|_| run_all(db, &m.finish));
            release(db, &lock);
            result
        }
    }
}

/// The SQL of a way out, for messages.
pub fn script(plan: &RecoveryPlan, way: Way) -> String {
    match way {
        Way::Back => plan.roll_back.script(),
        Way::Forward => plan
            .roll_forward
            .as_ref()
            .map_or_else(String::new, |f| f.plan.up_script()),
        Way::Resume => plan
            .resume
            .migration
            .statements
            .iter()
            .map(|s| format!("{};\n", s.sql))
            .collect(),
    }
}
