//! Ingestion and replay throughput on the shared synthetic schemas (../shared/bench).
//! Run through `scripts/bench`, which generates the inputs and records BENCHMARKS.md.
//!
//! Usage: ingest DATA_DIR [SIZES...]; prints one JSON object per measurement.

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use std::time::{Duration, Instant};
use waymark::replay::{replay, Migration};
use waymark::{ingest, Dialect};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Runs `f` until `budget` is spent (at least 3, at most 25 times) and returns the median.
fn measure(budget: Duration, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut runs = Vec::new();
    while runs.len() < 3 || (start.elapsed() < budget && runs.len() < 25) {
        let t = Instant::now();
        f();
        runs.push(t.elapsed());
    }
    median(runs)
}

/// Splits a generated schema into one migration per table (the CREATE TABLE and its indexes),
/// the shape of a history that grows a schema one table at a time.
fn migrations_of(sql: &str) -> Vec<Migration> {
    sql.split("\n\n")
        .filter(|block| block.contains("CREATE TABLE"))
        .enumerate()
        .map(|(i, block)| Migration::new(format!("{:04}_table", i + 1), block.to_string()))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let dir = args.first().expect("usage: ingest DATA_DIR [SIZES...]");
    let sizes: Vec<usize> = if args.len() > 1 {
        args[1..].iter().map(|s| s.parse().expect("size")).collect()
    } else {
        vec![10, 100, 1000, 5000]
    };
    let budget = Duration::from_secs(3);
    for n in sizes {
        let path = format!("{dir}/current_{n}.sql");
        let sql = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let bare = measure(budget, || {
            Parser::parse_sql(&PostgreSqlDialect {}, &sql)
                .expect("sqlparser parses the generated schema");
        });
        // Reading statements one at a time with their text and position, without building a model.
        let split = measure(budget, || {
            ingest::split_statements(Dialect::Postgres, &sql).expect("splits");
        });
        let mut tables = 0;
        let model = measure(budget, || {
            let (schema, _) = ingest::parse_schema(Dialect::Postgres, &sql)
                .expect("waymark reads the generated schema");
            tables = schema.tables.len();
        });
        let overhead = model.as_secs_f64() / bare.as_secs_f64() - 1.0;
        println!(
            "{{\"bench\":\"parse\",\"tables\":{n},\"bytes\":{},\"sqlparser_ms\":{:.2},\"split_ms\":{:.2},\"waymark_ms\":{:.2},\"overhead_pct\":{:.1},\"model_tables\":{tables}}}",
            sql.len(),
            bare.as_secs_f64() * 1e3,
            split.as_secs_f64() * 1e3,
            model.as_secs_f64() * 1e3,
            overhead * 100.0
        );
        if n == 1000 {
            let history = migrations_of(&sql);
            let mut count = 0;
            let t = measure(budget, || {
                let r = replay(Dialect::Postgres, &history).expect("history replays");
                count = r.schema.tables.len();
            });
            println!(
                "{{\"bench\":\"replay\",\"migrations\":{},\"tables\":{count},\"waymark_ms\":{:.2}}}",
                history.len(),
                t.as_secs_f64() * 1e3
            );
        }
    }
}
