//! Recovery on the real servers. Every multi-statement migration of the fixture histories is
//! made to fail at each of its statements; the recovery plan's roll back must give the schema
//! before it, its roll forward and its resume the schema after it, and rows of tables the
//! migration does not touch must stay as they were. Data failures (unique, not null, check,
//! foreign key, cast) must be found by the diagnostic queries.
//! `WAYMARK_HISTORY=<substring>` runs only the matching histories; dumps are left out.

use std::collections::BTreeSet;
use waymark::history::{status, History, LocalMigration, OrderingPolicy, State};
use waymark::recover::{recover, PreCheck, RecoverOptions, RecoveryPlan};
use waymark::replay::Migration;
use waymark::{Code, Dialect, QualifiedName, Schema};
use waymark_oracle::history::load_all;
use waymark_oracle::host::{deploy, deploy_with, options, read_records, Inject};
use waymark_oracle::recovery::{live, mismatch, populate, rows, scalar, script, take, Way};
use waymark_oracle::Scratch;

const BYSTANDER: &str = "CREATE TABLE bystander (id integer PRIMARY KEY, note varchar(20));
INSERT INTO bystander (id, note) VALUES (1, 'one'), (2, 'two'), (3, NULL);";

/// One migration of a fixture history, with what comes before it.
struct Case {
    dialect: Dialect,
    label: String,
    prior: Vec<LocalMigration>,
    migration: LocalMigration,
    statements: usize,
    before: Schema,
    after: Schema,
    /// Tables the migration creates, alters, drops or reads.
    touched: BTreeSet<QualifiedName>,
    /// The replay reported statements it does not model.
    unmodelled: bool,
}

fn cases(dialect: Dialect) -> Vec<Case> {
    let mut out = Vec::new();
    for h in load_all(dialect) {
        if h.is_dump() || !h.selected() {
            continue;
        }
        // A table no migration touches, with rows, first: the recovery must leave them.
        let mut locals = vec![LocalMigration::new("0000_bystander", BYSTANDER)];
        locals.extend(
            h.files
                .iter()
                .enumerate()
                .map(|(i, (_, sql))| LocalMigration::new(format!("{:04}_m", i + 1), sql.clone())),
        );
        let mut r = waymark::replay::Replayer::new(dialect);
        r.apply(&Migration::new("0000_bystander", BYSTANDER))
            .unwrap();
        for (i, m) in locals.iter().enumerate().skip(1) {
            let before = r.schema().clone();
            let replayed = r
                .apply(&Migration::new(m.id.clone(), m.sql.clone()))
                .unwrap_or_else(|d| panic!("{}/{}: {d}", h.name, h.files[i - 1].0))
                .clone();
            let statements = waymark::ingest::split_statements(dialect, &m.sql)
                .unwrap()
                .len();
            if statements < 2 {
                continue;
            }
            // The footprint, and any table the SQL names (data statements have no footprint).
            let fp = &replayed.footprint;
            let sql = m.sql.to_ascii_lowercase();
            let touched = fp
                .creates
                .iter()
                .chain(&fp.alters)
                .chain(&fp.drops)
                .chain(&fp.reads)
                .map(|o| o.object.clone())
                .chain(
                    before
                        .tables
                        .keys()
                        .filter(|t| sql.contains(&t.name.to_ascii_lowercase()))
                        .cloned(),
                )
                .collect();
            out.push(Case {
                dialect,
                label: format!("{dialect}/{}/{}", h.name, h.files[i - 1].0),
                prior: locals[..i].to_vec(),
                migration: m.clone(),
                statements,
                before,
                after: r.schema().clone(),
                touched,
                unmodelled: replayed
                    .diagnostics
                    .iter()
                    .any(|d| d.code == Code::UnsupportedStatement),
            });
        }
    }
    out
}

/// A database holding the case's prior migrations and rows in the untouched tables, where
/// the migration then failed at statement `k`. Returns it with the recovery plan and the
/// untouched tables' rows.
fn failed(
    case: &Case,
    k: usize,
    transactional: bool,
) -> (Scratch, RecoveryPlan, Vec<String>, Vec<String>) {
    let d = case.dialect;
    let mut db = Scratch::open(d);
    deploy(&mut db, d, &case.prior, OrderingPolicy::Strict)
        .unwrap_or_else(|e| panic!("{}: prior migrations: {e}", case.label));
    populate(&mut db, &case.before, &case.touched);
    let untouched: Vec<String> = case
        .before
        .tables
        .keys()
        .filter(|t| !case.touched.contains(*t))
        .map(|t| t.name.clone())
        .collect();
    let snapshot = rows(&mut db, &untouched).into_values().flatten().collect();
    let mut m = case.migration.clone();
    m.no_transaction = !transactional;
    let mut local = case.prior.clone();
    local.push(m.clone());
    let inject = Inject {
        id: m.id.clone(),
        at: k,
        error: "injected failure".into(),
    };
    let e = deploy_with(
        &mut db,
        d,
        &local,
        &options(OrderingPolicy::Strict),
        Some(&inject),
    )
    .unwrap_err();
    assert!(e.contains("injected failure"), "{}: {e}", case.label);
    let records = read_records(&mut db, d);
    let now = live(&mut db);
    let plan = recover(
        &History::new(d, local, records),
        &m.id,
        Some(&now),
        &RecoverOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{} failing at {}: recover: {e}", case.label, k + 1));
    (db, plan, untouched, snapshot)
}

fn state_of(db: &mut Scratch, case: &Case) -> State {
    let d = case.dialect;
    let mut local = case.prior.clone();
    local.push(case.migration.clone());
    let s = status(
        &History::new(d, local, read_records(db, d)),
        OrderingPolicy::Strict,
    )
    .unwrap();
    s.entries
        .iter()
        .find(|e| e.id == case.migration.id)
        .unwrap()
        .state
}

/// The pre-checks run, and a count that is not 0 (the migration itself put rows where the
/// recovery drops them) comes with the loss said up front.
fn pre_checks_are_honest(db: &mut Scratch, plan: &RecoveryPlan, way: Way, at: &str) {
    let checks = match (way, &plan.roll_forward) {
        (Way::Back, _) => &plan.roll_back.pre_checks,
        (Way::Forward, Some(f)) => &f.pre_checks,
        _ => return,
    };
    let failing: Vec<&PreCheck> = checks
        .iter()
        .filter(|c| scalar(db, &c.sql) != "0")
        .collect();
    if failing.is_empty() {
        return;
    }
    let said = match (way, &plan.roll_forward) {
        (Way::Forward, Some(f)) => f
            .plan
            .steps
            .iter()
            .flat_map(|s| &s.hazards)
            .any(|h| h.code.as_str().starts_with("data-loss")),
        _ => plan
            .summary
            .iter()
            .any(|l| l.contains("rolling back is lossy") || l.contains("data statement")),
    };
    assert!(said, "{at}: {way:?}: {failing:?} but {:#?}", plan.summary);
}

/// Injects a failure at each statement of each case; returns (cases, failures injected).
fn inject_all(dialect: Dialect, transactional: bool) -> (usize, usize) {
    let cases = cases(dialect);
    let mut proven = 0;
    let mut injected = 0;
    let mut honest = 0;
    let mut rows_kept = 0;
    for case in &cases {
        if case.unmodelled {
            // The recovery must say it does not model these statements.
            let (_, plan, _, _) = failed(case, case.statements - 1, transactional);
            assert!(
                plan.notes
                    .iter()
                    .any(|n| n.code == Code::UnsupportedStatement)
                    && plan.summary.iter().any(|l| l.contains("not modelled")),
                "{}: {:#?}",
                case.label,
                plan.summary
            );
            honest += 1;
            continue;
        }
        for k in 0..case.statements {
            let at = format!("{} failing at statement {}", case.label, k + 1);
            injected += 1;
            let order_matters = dialect != Dialect::Postgres;

            // Each way out, on a database of its own.
            let ways = [
                (Way::Back, &case.before, State::RolledBack),
                (Way::Forward, &case.after, State::Applied),
                (Way::Resume, &case.after, State::Applied),
            ];
            for (way, expected, state) in ways {
                let (mut db, plan, untouched, snapshot) = failed(case, k, transactional);
                if way == Way::Back {
                    // A no-transaction migration keeps what ran, whatever the deploy.
                    let in_transaction = transactional && !case.migration.wants_no_transaction();
                    let ran = if in_transaction { 0 } else { k };
                    assert_eq!(plan.statements_applied, ran, "{at}");
                    assert_eq!(plan.failed.as_ref().map(|f| f.index), Some(k), "{at}");
                    assert!(plan.drift.is_empty(), "{at}: drift {:?}", plan.drift);
                    assert!(plan.resume.ready, "{at}: {:?}", plan.resume.blocked);
                    if ran == 0 {
                        assert!(plan.roll_back.is_empty(), "{at}: {:#?}", plan.roll_back);
                        assert!(plan
                            .summary
                            .iter()
                            .any(|l| l.contains("nothing of it remains")));
                    }
                }
                pre_checks_are_honest(&mut db, &plan, way, &at);
                take(&mut db, &plan, way).unwrap_or_else(|e| {
                    panic!("{at}: {way:?} refused: {e}\n{}", script(&plan, way))
                });
                // Resume runs the migration's own statements: even the column order holds.
                let strict = order_matters || way == Way::Resume;
                if let Some(m) = mismatch(expected, &live(&mut db), strict) {
                    panic!("{at}: after {way:?}:\n  {m}\n{}", script(&plan, way));
                }
                let now: Vec<String> = rows(&mut db, &untouched).into_values().flatten().collect();
                assert_eq!(now, snapshot, "{at}: {way:?} changed rows");
                rows_kept += snapshot.len();
                assert_eq!(state_of(&mut db, case), state, "{at}: {way:?}");
            }
            proven += 1;
        }
    }
    let migrations = cases.len() - honest;
    eprintln!(
        "{dialect} (transactional: {transactional}): {migrations} migrations, {injected} failures injected, {proven} recovered three ways; {rows_kept} rows of untouched tables kept; {honest} with unmodelled SQL reported as such"
    );
    assert_eq!(proven, injected);
    assert!(
        rows_kept > 0,
        "no untouched table took rows: the row check proved nothing"
    );
    (migrations, injected)
}

/// A `WAYMARK_HISTORY` filter runs a few histories: the floors do not apply.
fn filtered() -> bool {
    std::env::var_os("WAYMARK_HISTORY").is_some()
}

#[test]
fn injected_failures_on_postgres() {
    let (migrations, _) = inject_all(Dialect::Postgres, false);
    assert!(
        migrations >= 20 || filtered(),
        "only {migrations} multi-statement migrations"
    );
}

#[test]
fn injected_failures_on_postgres_in_a_transaction() {
    inject_all(Dialect::Postgres, true);
}

#[test]
fn injected_failures_on_mariadb() {
    let (migrations, _) = inject_all(Dialect::Mysql, false);
    assert!(
        migrations >= 20 || filtered(),
        "only {migrations} multi-statement migrations"
    );
}

#[test]
fn injected_failures_on_sqlite() {
    let (migrations, _) = inject_all(Dialect::Sqlite, false);
    assert!(
        migrations >= 20 || filtered(),
        "only {migrations} multi-statement migrations"
    );
}

#[test]
fn injected_failures_on_sqlite_in_a_transaction() {
    inject_all(Dialect::Sqlite, true);
}
