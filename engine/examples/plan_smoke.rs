//! Prints the plan between two SQL files: `plan_smoke <dialect> <from.sql> <to.sql>`.
use waymark::diff::{MigrationPair, RenameHints};
use waymark::plan::{plan, PlanOptions};
use waymark::Dialect;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let d: Dialect = a[1].parse().unwrap();
    let from = std::fs::read_to_string(&a[2]).unwrap();
    let to = std::fs::read_to_string(&a[3]).unwrap();
    let (p, _) = waymark::ingest::parse_schema(d, &from).unwrap();
    let (n, _) = waymark::ingest::parse_schema(d, &to).unwrap();
    let pair = MigrationPair {
        previous: &p,
        next: &n,
    };
    match plan(pair, &RenameHints::default(), &PlanOptions::default()) {
        Ok(pl) => {
            println!("{}", pl.up_script());
            println!("--- down\n{}", pl.down_script());
            for s in &pl.steps {
                println!("{:?} {:?} {}", s.summary, s.reversibility, s.transactional);
            }
        }
        Err(e) => println!("ERR {e}"),
    }
}
