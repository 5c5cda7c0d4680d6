//! Times `waymark::api::call_json` on input files, for the bindings benchmark
//! (scripts/bench-bindings): each binding runs the same files, and their medians are set
//! against this one. Usage: api_bench OP RUNS FILE...; prints one JSON line per file.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [op, runs, files @ ..] = args.as_slice() else {
        eprintln!("usage: api_bench OP RUNS FILE...");
        std::process::exit(2);
    };
    let runs: usize = runs.parse().expect("RUNS is a number");
    for file in files {
        let input = std::fs::read_to_string(file).expect("readable input");
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            let out = waymark::api::call_json(op, &input).expect("the call succeeds");
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(out);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{{\"binding\":\"rust\",\"file\":\"{file}\",\"ms\":{:.3}}}",
            times[times.len() / 2]
        );
    }
}
