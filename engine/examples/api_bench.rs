//! Times `waymark::api::call_json` on input files, for the bindings benchmark
//! (scripts/bench-bindings): each binding runs the same files, and their medians are set
//! against this one. Usage: api_bench OP RUNS FILE...; prints one JSON line per file.
//! Every harness first warms up the same way (100 calls or 2 s, whichever ends first), so a JIT
//! (V8's tier-up of WASM) is measured warm, as a long-lived host runs it.

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
        let start = Instant::now();
        for _ in 0..100 {
            std::hint::black_box(waymark::api::call_json(op, &input).expect("the call succeeds"));
            if start.elapsed().as_secs_f64() > 2.0 {
                break;
            }
        }
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
