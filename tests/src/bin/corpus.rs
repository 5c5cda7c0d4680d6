//! Runs the plan oracle over a sqldef corpus file. See `--help`.

use std::collections::BTreeSet;
use std::sync::mpsc;
use std::time::Duration;
use waymark::Dialect;
use waymark_oracle::corpus::{self, report, Entry};
use waymark_oracle::oracle::{self, Verdict};
use waymark_oracle::Scratch;

const HELP: &str = "\
usage: tests/corpus/run <path/to/file.jsonl> [--filter SUBSTR] [--report PATH] [--json] [--timeout SECS]

Runs the plan oracle on every case of a sqldef corpus file (../shared/corpus/sqldef/*.jsonl):
plans `current` -> `desired` with the engine, applies the plan to a real server and checks it
reaches what the server builds from `desired`, re-plans to nothing and rolls back.

  --filter SUBSTR   only cases whose id contains SUBSTR
  --report PATH     where to write the report (default tests/corpus/report-<dialect>.txt)
  --json            one JSON object per case on stdout instead of the summary
  --timeout SECS    per-case limit, default 60; a case over it is classed crashed

Progress goes to stderr. The last line of stdout is always
{\"passed\":N,\"unsupported\":N,\"wrong\":N,\"crashed\":N}.
Servers: PostgreSQL 15 on 127.0.0.1:5432, MariaDB on 127.0.0.1:3306 (scripts/start-databases).";

struct Args {
    path: String,
    filter: String,
    report: Option<String>,
    json: bool,
    timeout: u64,
}

fn args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let (mut path, mut filter, mut report, mut json, mut timeout) =
        (None, String::new(), None, false, 60);
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => return Err(String::new()),
            "--filter" => filter = value("--filter")?,
            "--report" => report = Some(value("--report")?),
            "--json" => json = true,
            "--timeout" => {
                timeout = value("--timeout")?
                    .parse()
                    .map_err(|_| "--timeout takes whole seconds")?
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s if path.is_none() => path = Some(s.to_string()),
            s => return Err(format!("unexpected argument {s}")),
        }
    }
    let path = path.ok_or("no corpus file given")?;
    Ok(Args {
        path,
        filter,
        report,
        json,
        timeout,
    })
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            if e.is_empty() {
                println!("{HELP}");
                std::process::exit(0);
            }
            eprintln!("error: {e}\n\n{HELP}");
            std::process::exit(2);
        }
    };
    let text = std::fs::read_to_string(&args.path).unwrap_or_else(|e| {
        eprintln!("error: {}: {e}", args.path);
        std::process::exit(2)
    });

    // Malformed lines are reported, not fatal.
    let mut results: Vec<(String, Verdict)> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match corpus::entry(line) {
            Ok(e) if e.case.id.contains(&args.filter) => entries.push(e),
            Ok(_) => {}
            Err(e) => results.push((format!("line {}", n + 1), Verdict::Crashed(e))),
        }
    }
    let dialects: BTreeSet<Dialect> = entries.iter().map(|e| e.case.dialect).collect();
    preflight(&dialects);
    oracle::quiet_panics();

    let total = entries.len();
    for (n, entry) in entries.into_iter().enumerate() {
        let id = entry.case.id.clone();
        let verdict = judge_with_timeout(entry, args.timeout);
        if args.json {
            let row =
                serde_json::json!({"id": id, "class": verdict.class(), "reason": verdict.reason()});
            println!("{row}");
        }
        results.push((id, verdict));
        if (n + 1) % 25 == 0 || n + 1 == total {
            let c = report::counts(&results);
            eprintln!(
                "[{}/{total}] passed={} unsupported={} wrong={} crashed={}",
                n + 1,
                c["passed"],
                c["unsupported"],
                c["wrong"],
                c["crashed"]
            );
        }
    }

    let name = match dialects.iter().collect::<Vec<_>>().as_slice() {
        [d] => d.name().to_string(),
        _ => "mixed".to_string(),
    };
    let path = args
        .report
        .unwrap_or_else(|| format!("{}/corpus/report-{name}.txt", env!("CARGO_MANIFEST_DIR")));
    if let Err(e) = std::fs::write(&path, report::render(&results)) {
        eprintln!("error: cannot write the report {path}: {e}");
    }
    if !args.json {
        let counts = report::counts(&results);
        for class in report::CLASSES {
            println!("{class:>12} {}", counts[class]);
        }
        println!("report: {path}");
        println!("most frequent reasons a case is unsupported:");
        for (n, key) in report::histogram(&results, "unsupported")
            .into_iter()
            .take(12)
        {
            println!("{n:>5}  {key}");
        }
    }
    println!("{}", report::counts_json(&results));
}

/// Fails the run early, with the command that starts it, when a server is down.
fn preflight(dialects: &BTreeSet<Dialect>) {
    for &d in dialects {
        if let Err(e) = oracle::guarded("opening a scratch", || drop(Scratch::open(d))) {
            eprintln!(
                "error: {d} is not usable: {e}\nstart the servers with scripts/start-databases"
            );
            std::process::exit(2);
        }
    }
}

/// Each case on its own thread, so a hang cannot stop the run; a case over the limit is
/// abandoned (its scratch namespace may stay behind).
fn judge_with_timeout(entry: Entry, secs: u64) -> Verdict {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(entry.case.id.clone())
        // Deeply nested SQL recurses in the parser; the main thread's size, not 2 MiB.
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(corpus::judge(&entry));
        });
    if let Err(e) = spawned {
        return Verdict::Crashed(format!("cannot start the case thread: {e}"));
    }
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Verdict::Crashed(format!("timed out after {secs}s"))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Verdict::Crashed("the case thread died without a verdict".into())
        }
    }
}
