//! Plans the shared 5,000-table pair many times, for a profiler: `plan_profile DATA_DIR [N]`.
use waymark::diff::{MigrationPair, RenameHints};
use waymark::plan::{plan, PlanOptions};
use waymark::{ingest, Dialect};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n) = (&args[0], args.get(1).map_or("5000", String::as_str));
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}_{n}.sql")).unwrap();
    let a = ingest::parse_schema(Dialect::Postgres, &read("current"))
        .unwrap()
        .0;
    let b = ingest::parse_schema(Dialect::Postgres, &read("desired"))
        .unwrap()
        .0;
    let t = std::time::Instant::now();
    for _ in 0..30 {
        let p = plan(
            MigrationPair {
                previous: &a,
                next: &b,
            },
            &RenameHints::default(),
            &PlanOptions::default(),
        )
        .unwrap();
        std::hint::black_box((p.up_script(), p.down_script()));
    }
    eprintln!("{:?} per plan", t.elapsed() / 30);
}
