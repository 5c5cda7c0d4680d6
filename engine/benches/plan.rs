//! Diff + plan + render on the shared synthetic schemas (../shared/bench), issue 3.
//! Run through `scripts/bench`, which generates the inputs, runs drizzle-kit on the same files
//! and records BENCHMARKS.md.
//!
//! Usage: plan DATA_DIR [SIZES...]; prints a plain table.
//! `plan --memory DATA_DIR N` (started by the bench itself, one process per measurement so the
//! peak is not inherited from a previous size) prints the heap peak of one run at N tables.

// As in the library: `Diagnostic` is large but only travels on the error path.
#![allow(clippy::result_large_err)]

use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};
use waymark::diff::{MigrationPair, RenameHints};
use waymark::plan::{plan, Plan, PlanOptions};
use waymark::{ingest, snapshot, Diagnostic, Dialect, Schema};

/// Counts heap bytes in use and their peak, once `COUNTING` is set (only in `--memory` runs,
/// so the timed runs pay one relaxed load per allocation and nothing else).
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static CURRENT: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grow(bytes: isize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            grow(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            grow(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        if COUNTING.load(Ordering::Relaxed) {
            CURRENT.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            grow(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Heap bytes allocated and not freed while `f` ran, at their highest.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = f();
    (out, (PEAK.load(Ordering::Relaxed) - base).max(0) as usize)
}

/// Peak resident set of this process (Linux `VmHWM`), for comparison with Node's `maxRSS`.
fn vm_hwm_bytes() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// How many times to run a measurement at `n` tables: fewer at 5,000.
fn runs_for(n: usize) -> (usize, usize) {
    if n >= 5000 {
        (5, 5)
    } else if n >= 1000 {
        (7, 15)
    } else {
        (9, 41)
    }
}

/// Runs `f` at least `min` and at most `max` times, stopping after `budget`; the median.
fn measure(n: usize, budget: Duration, mut f: impl FnMut()) -> Duration {
    let (min, max) = runs_for(n);
    let start = Instant::now();
    let mut runs = Vec::new();
    while runs.len() < min || (start.elapsed() < budget && runs.len() < max) {
        let t = Instant::now();
        f();
        runs.push(t.elapsed());
    }
    median(runs)
}

/// Runs the closures in turn, round after round, so that drift in the machine's load hits
/// them alike; the median of each.
fn measure_rounds<const K: usize>(
    n: usize,
    budget: Duration,
    mut fs: [&mut dyn FnMut(); K],
) -> [Duration; K] {
    let (min, max) = runs_for(n);
    let start = Instant::now();
    let mut runs: [Vec<Duration>; K] = std::array::from_fn(|_| Vec::new());
    while runs[0].len() < min || (start.elapsed() < budget && runs[0].len() < max) {
        for (f, r) in fs.iter_mut().zip(runs.iter_mut()) {
            let t = Instant::now();
            f();
            r.push(t.elapsed());
        }
    }
    runs.map(median)
}

fn read(dir: &str, name: &str) -> String {
    let path = format!("{dir}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(sql: &str) -> Schema {
    ingest::parse_schema(Dialect::Postgres, sql)
        .expect("waymark reads the generated schema")
        .0
}

/// plan() and both scripts; what a host asks for when it plans a migration.
fn plan_and_render(previous: &Schema, next: &Schema) -> Result<(Plan, String, String), Diagnostic> {
    let plan = plan(
        MigrationPair { previous, next },
        &RenameHints::default(),
        &PlanOptions::default(),
    )?;
    let up = plan.up_script();
    let down = plan.down_script();
    Ok((plan, up, down))
}

fn end_to_end(current: &str, desired: &str) -> Result<(Plan, String, String), Diagnostic> {
    let a = parse(current);
    let b = parse(desired);
    plan_and_render(&a, &b)
}

fn bare_parse(current: &str, desired: &str) {
    for sql in [current, desired] {
        Parser::parse_sql(&PostgreSqlDialect {}, sql).expect("sqlparser parses the schema");
    }
}

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

/// Heap measurements at `n` tables, in a fresh process: one end-to-end run, one models → plan
/// run, and where the end-to-end peak goes (parsing one file, one model kept in memory).
struct Memory {
    /// Peak above the two SQL texts of parse + parse + plan + scripts.
    e2e: usize,
    /// Peak above the two loaded models of plan + scripts.
    models: usize,
    /// Peak of parse_schema on current_N.sql alone.
    parse_one: usize,
    /// Bytes still held by the Schema that parse produced.
    schema: usize,
    /// Peak resident set of the whole process (VmHWM).
    max_rss: usize,
}

fn memory(dir: &str, n: usize) {
    let current = read(dir, &format!("current_{n}.sql"));
    let desired = read(dir, &format!("desired_{n}.sql"));
    let (a, b) = (parse(&current), parse(&desired));
    let (ja, jb) = (snapshot::to_json(&a), snapshot::to_json(&b));
    drop((a, b));
    COUNTING.store(true, Ordering::Relaxed);
    let (_, e2e) = peak_of(|| end_to_end(&current, &desired).map(|(p, _, _)| p.steps.len()));
    let before = CURRENT.load(Ordering::Relaxed);
    let (kept, parse_one) = peak_of(|| parse(&current));
    let schema = (CURRENT.load(Ordering::Relaxed) - before).max(0) as usize;
    drop(kept);
    let (a, b) = (
        snapshot::from_json(&ja).expect("snapshot loads"),
        snapshot::from_json(&jb).expect("snapshot loads"),
    );
    let (_, models) = peak_of(|| plan_and_render(&a, &b).map(|(p, _, _)| p.steps.len()));
    let max_rss = vm_hwm_bytes().unwrap_or(0);
    println!("{e2e} {models} {parse_one} {schema} {max_rss}");
}

/// Starts this binary again with `--memory`, so each size's peak is its own.
fn memory_in_child(dir: &str, n: usize) -> Option<Memory> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new(exe)
        .args(["--memory", dir, &n.to_string()])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let f: Vec<usize> = text
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    (f.len() == 5).then(|| Memory {
        e2e: f[0],
        models: f[1],
        parse_one: f[2],
        schema: f[3],
        max_rss: f[4],
    })
}

/// Applies the up script to the current schema and plans again towards the desired one:
/// a correct plan leaves nothing to do.
fn round_trip(current: &str, desired: &Schema, up: &str) -> String {
    let applied = match ingest::parse_schema(Dialect::Postgres, &format!("{current}\n{up}")) {
        Ok((s, _)) => s,
        Err(e) => return format!("up script does not replay: {e}"),
    };
    match plan_and_render(&applied, desired) {
        Ok((p, _, _)) if p.steps.is_empty() => "ok".into(),
        Ok((p, _, _)) => format!("{} steps left after applying up", p.steps.len()),
        Err(e) => format!("re-plan failed: {e}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--memory") {
        let n = args[2].parse().expect("size");
        memory(&args[1], n);
        return;
    }
    let dir = args.first().expect("usage: plan DATA_DIR [SIZES...]");
    let sizes: Vec<usize> = if args.len() > 1 {
        args[1..].iter().map(|s| s.parse().expect("size")).collect()
    } else {
        vec![10, 100, 1000, 5000]
    };
    let budget = Duration::from_secs(3);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut results = Vec::new();
    for &n in &sizes {
        let current = read(dir, &format!("current_{n}.sql"));
        let desired = read(dir, &format!("desired_{n}.sql"));
        let reference: serde_json::Value =
            serde_json::from_str(&read(dir, &format!("changes_{n}.json"))).expect("changes json");
        let reference = reference.as_array().map_or(0, Vec::len);
        // The JSON snapshot path: models saved by to_json, loaded by from_json.
        let (ja, jb) = (
            snapshot::to_json(&parse(&current)),
            snapshot::to_json(&parse(&desired)),
        );
        let load = measure(n, budget, || {
            snapshot::from_json(&ja).expect("snapshot loads");
            snapshot::from_json(&jb).expect("snapshot loads");
        });
        let a = snapshot::from_json(&ja).expect("snapshot loads");
        let b = snapshot::from_json(&jb).expect("snapshot loads");
        let outcome = plan_and_render(&a, &b);
        let (status, steps) = match &outcome {
            Ok((p, up, _)) => {
                let check = round_trip(&current, &b, up);
                if check != "ok" {
                    notes.push(format!("{n} tables: round trip: {check}"));
                }
                (
                    format!(
                        "ok ({} up / {} down statements; round trip {check})",
                        p.steps.iter().map(|s| s.up.len()).sum::<usize>(),
                        p.steps.iter().map(|s| s.down.len()).sum::<usize>()
                    ),
                    p.steps.len().to_string(),
                )
            }
            Err(e) => {
                notes.push(format!(
                    "{n} tables: plan() failed: [{}] {}{}",
                    e.code,
                    e.message,
                    e.object
                        .as_deref()
                        .map(|o| format!(" (object {o})"))
                        .unwrap_or_default()
                ));
                (format!("ERROR {}", e.code), "-".into())
            }
        };
        let models = measure(n, budget, || {
            let _ = plan_and_render(&a, &b);
        });
        let [e2e, bare, parse_both] = measure_rounds(
            n,
            budget,
            [
                &mut || {
                    let _ = end_to_end(&current, &desired);
                },
                &mut || bare_parse(&current, &desired),
                &mut || {
                    parse(&current);
                    parse(&desired);
                },
            ],
        );
        let mem = memory_in_child(dir, n);
        let ms_of = |d: Duration| (d.as_secs_f64() * 1e6).round() / 1e3;
        results.push(serde_json::json!({
            "bench": "plan",
            "tables": n,
            "reference_changes": reference,
            "steps": outcome.as_ref().ok().map(|(p, _, _)| p.steps.len()),
            "up_statements": outcome.as_ref().ok().map(|(p, _, _)| p.steps.iter().map(|s| s.up.len()).sum::<usize>()),
            "error": outcome.as_ref().err().map(|e| format!("[{}] {}", e.code, e.message)),
            "models_ms": ms_of(models),
            "load_snapshots_ms": ms_of(load),
            "e2e_ms": ms_of(e2e),
            "sqlparser_ms": ms_of(bare),
            "parse_both_ms": ms_of(parse_both),
            "heap_peak_e2e_bytes": mem.as_ref().map(|m| m.e2e),
            "heap_peak_models_bytes": mem.as_ref().map(|m| m.models),
            "heap_peak_parse_one_bytes": mem.as_ref().map(|m| m.parse_one),
            "schema_bytes": mem.as_ref().map(|m| m.schema),
            "max_rss_bytes": mem.as_ref().map(|m| m.max_rss),
        }));
        rows.push(vec![
            n.to_string(),
            reference.to_string(),
            steps,
            ms(models),
            ms(load),
            ms(e2e),
            ms(bare),
            format!("{:.2}x", e2e.as_secs_f64() / bare.as_secs_f64()),
            ms(parse_both),
            format!("{:.2}x", parse_both.as_secs_f64() / bare.as_secs_f64()),
            mem.as_ref().map_or("-".into(), |m| mb(m.e2e)),
            mem.as_ref().map_or("-".into(), |m| mb(m.parse_one)),
            mem.as_ref().map_or("-".into(), |m| mb(m.schema)),
            mem.as_ref().map_or("-".into(), |m| mb(m.models)),
            mem.as_ref().map_or("-".into(), |m| mb(m.max_rss)),
            status,
        ]);
    }
    let header = [
        "tables",
        "changes (reference)",
        "steps",
        "models -> plan+scripts",
        "load 2 snapshots",
        "SQL -> plan+scripts",
        "sqlparser both files",
        "e2e / sqlparser",
        "parse_schema both",
        "parse / sqlparser",
        "heap peak e2e",
        "peak parse 1 file",
        "1 model held",
        "heap peak models",
        "max RSS (process)",
        "plan()",
    ];
    print_table(&header, &rows);
    // For scripts/bench, which prints these beside drizzle-kit's.
    let lines: Vec<String> = results.iter().map(|r| r.to_string()).collect();
    let out = format!("{dir}/results_plan.jsonl");
    std::fs::write(&out, lines.join("\n") + "\n").unwrap_or_else(|e| panic!("{out}: {e}"));
    for note in notes {
        println!("note: {note}");
    }
}

fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut width: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&width)
            .map(|(c, w)| format!("{c:>w$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
