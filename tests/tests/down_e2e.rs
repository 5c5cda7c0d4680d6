//! Down migrations on the real servers: for every migration of the fixture histories, up →
//! down → up must give the same schema back; a migration the engine cannot reverse must be
//! refused with `down-irreversible`. At the end of each history, down_to(none) empties the
//! database and a deploy rebuilds it.
//! `WAYMARK_HISTORY=<substring>` runs only the matching histories; dumps are left out.

use waymark::history::{
    prelude, status, DeployOptions, History, LocalMigration, OrderingPolicy, State,
};
use waymark::recover::{down, down_to, DownMigration, DownOptions, DownPlan};
use waymark::replay::{replay, Migration};
use waymark::{Code, Dialect, Schema};
use waymark_oracle::history::load_all;
use waymark_oracle::host::{acquire, deploy, read_records, release, run_all};
use waymark_oracle::recovery::{live, mismatch};
use waymark_oracle::Scratch;

fn schema_of(dialect: Dialect, ms: &[LocalMigration]) -> Schema {
    let ms: Vec<Migration> = ms
        .iter()
        .map(|m| Migration::new(m.id.clone(), m.sql.clone()))
        .collect();
    replay(dialect, &ms).unwrap().schema
}

/// Runs a down plan the way a host does: inside the deployers' lock, each migration's
/// `begin`, statements, `finish`.
fn run_down(db: &mut Scratch, plan: &DownPlan) -> Result<(), String> {
    let lock = prelude(plan.dialect, &DeployOptions::default()).lock;
    acquire(db, &lock)?;
    let result = plan.migrations.iter().try_for_each(|m: &DownMigration| {
        run_all(db, m.begin.iter().chain(&m.statements).chain(&m.finish))
    });
    release(db, &lock);
    result
}

fn state_of(db: &mut Scratch, dialect: Dialect, local: &[LocalMigration], id: &str) -> State {
    let h = History::new(dialect, local.to_vec(), read_records(db, dialect));
    let s = status(&h, OrderingPolicy::Strict).unwrap();
    s.entries.iter().find(|e| e.id == id).unwrap().state
}

fn up_down_up(dialect: Dialect) {
    let order_matters = dialect != Dialect::Postgres;
    let (mut reversed, mut refused, mut data, mut emptied) = (0, 0, 0, 0);
    for h in load_all(dialect) {
        if h.is_dump() || !h.selected() {
            continue;
        }
        let locals: Vec<LocalMigration> = h
            .files
            .iter()
            .enumerate()
            .map(|(i, (_, sql))| LocalMigration::new(format!("{:04}_m", i + 1), sql.clone()))
            .collect();
        let mut db = Scratch::open(dialect);
        let mut all_reversible = true;
        for i in 0..locals.len() {
            let at = format!("{dialect}/{}/{}", h.name, h.files[i].0);
            let upto = &locals[..=i];
            let id = &locals[i].id;
            deploy(&mut db, dialect, upto, OrderingPolicy::Strict)
                .unwrap_or_else(|e| panic!("{at}: up: {e}"));
            let before = schema_of(dialect, &locals[..i]);
            let after = schema_of(dialect, upto);
            let history = History::new(dialect, upto.to_vec(), read_records(&mut db, dialect));
            let plan = match down(&history, id, &DownOptions::default()) {
                Ok(p) => p,
                Err(e) => {
                    assert_eq!(e.code, Code::DownIrreversible, "{at}: {e}");
                    refused += 1;
                    all_reversible = false;
                    continue;
                }
            };
            // Rows a data statement wrote stay: the down says so, and running the
            // migration again would trip on them, so it is not run here.
            if plan.migrations[0]
                .notes
                .iter()
                .any(|n| n.code == Code::DataStatement)
            {
                data += 1;
                all_reversible = false;
                continue;
            }
            run_down(&mut db, &plan).unwrap_or_else(|e| {
                panic!(
                    "{at}: down refused: {e}\n{:#?}",
                    plan.migrations[0].statements
                )
            });
            if let Some(m) = mismatch(&before, &live(&mut db), order_matters) {
                panic!(
                    "{at}: after down:\n  {m}\n{:#?}",
                    plan.migrations[0].statements
                );
            }
            assert_eq!(
                state_of(&mut db, dialect, upto, id),
                State::RolledBack,
                "{at}"
            );
            deploy(&mut db, dialect, upto, OrderingPolicy::Strict)
                .unwrap_or_else(|e| panic!("{at}: up again: {e}"));
            if let Some(m) = mismatch(&after, &live(&mut db), order_matters) {
                panic!("{at}: after up → down → up:\n  {m}");
            }
            reversed += 1;
        }
        if all_reversible {
            let at = format!("{dialect}/{}", h.name);
            let history = History::new(dialect, locals.clone(), read_records(&mut db, dialect));
            let plan = down_to(&history, None, &DownOptions::default())
                .unwrap_or_else(|e| panic!("{at}: down_to: {e}"));
            assert_eq!(plan.migrations.len(), locals.len(), "{at}");
            run_down(&mut db, &plan).unwrap_or_else(|e| panic!("{at}: down_to refused: {e}"));
            if let Some(m) = mismatch(&Schema::empty(dialect), &live(&mut db), true) {
                panic!("{at}: after down_to(none):\n  {m}");
            }
            deploy(&mut db, dialect, &locals, OrderingPolicy::Strict).unwrap();
            if let Some(m) = mismatch(&schema_of(dialect, &locals), &live(&mut db), order_matters) {
                panic!("{at}: after down_to then deploy:\n  {m}");
            }
            emptied += 1;
        }
    }
    eprintln!(
        "{dialect}: {reversed} migrations up → down → up, {refused} refused as irreversible, {data} with data statements the down reports; {emptied} histories emptied by down_to and rebuilt"
    );
    // A `WAYMARK_HISTORY` filter runs a few histories: the floor does not apply.
    assert!(
        reversed >= 20 || std::env::var_os("WAYMARK_HISTORY").is_some(),
        "{dialect}: only {reversed} reversible migrations"
    );
}

#[test]
fn up_down_up_on_postgres() {
    up_down_up(Dialect::Postgres);
}

#[test]
fn up_down_up_on_mariadb() {
    up_down_up(Dialect::Mysql);
}

#[test]
fn up_down_up_on_sqlite() {
    up_down_up(Dialect::Sqlite);
}
