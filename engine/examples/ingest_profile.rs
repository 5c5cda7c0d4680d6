//! Reads the shared 5,000-table schema many times, for a profiler: `ingest_profile DATA_DIR [N]`.
use waymark::{ingest, Dialect};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, n) = (&args[0], args.get(1).map_or("5000", String::as_str));
    let sql = std::fs::read_to_string(format!("{dir}/current_{n}.sql")).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..5 {
        std::hint::black_box(ingest::parse_schema(Dialect::Postgres, &sql).unwrap());
    }
    eprintln!("{:?} per read", t.elapsed() / 5);
}
