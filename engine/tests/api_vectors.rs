//! The cross-binding vectors (tests/vectors/*.json: `op`, `input`, and the expected `output` or
//! `error`) through the Rust API. The Node (native and WASM) and Python suites run the same
//! files and must produce the same bytes. `WAYMARK_BLESS=1` rewrites the expected parts.

use serde_json::{json, Value};
use std::path::PathBuf;
use waymark::api::call_json;

fn vectors() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// What a vector expects: the output, or the error's diagnostic.
fn expected_of(v: &Value) -> Value {
    match v.get("error") {
        Some(e) => json!({ "error": e }),
        None => json!({ "output": v["output"] }),
    }
}

fn actual(op: &str, input: &Value) -> Value {
    match call_json(op, &input.to_string()) {
        Ok(text) => json!({ "output": serde_json::from_str::<Value>(&text).unwrap() }),
        Err(d) => json!({ "error": d }),
    }
}

#[test]
fn vectors_hold() {
    let bless = std::env::var("WAYMARK_BLESS").is_ok();
    let files = vectors();
    assert!(files.len() >= 20, "only {} vectors", files.len());
    let mut wrong = Vec::new();
    for path in &files {
        let mut v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let op = v["op"].as_str().expect("op").to_string();
        let got = actual(&op, &v["input"]);
        if bless {
            let o = v.as_object_mut().unwrap();
            o.remove("output");
            o.remove("error");
            for (k, val) in got.as_object().unwrap() {
                o.insert(k.clone(), val.clone());
            }
            let text = serde_json::to_string_pretty(&v).unwrap() + "\n";
            std::fs::write(path, text).unwrap();
        } else if expected_of(&v) != got {
            wrong.push(format!(
                "{}:\n  expected {}\n  got      {}",
                path.display(),
                expected_of(&v),
                got
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Bad input of every kind gets a typed error with a stable code, never a panic.
#[test]
fn bad_input_is_a_diagnostic() {
    for (op, input, code) in [
        ("plan", "not json", "invalid-input"),
        ("plan", "[]", "invalid-input"),
        ("nope", "{}", "unknown-operation"),
        (
            "load",
            r#"{"dialect":"db2","source":{"kind":"empty"}}"#,
            "unknown-dialect",
        ),
        ("load", r#"{"dialect":"sqlite"}"#, "invalid-input"),
        (
            "load",
            r#"{"dialect":"sqlite","source":{"kind":"sql","sql":"CREATE TABLE ("}}"#,
            "syntax-error",
        ),
    ] {
        let e = call_json(op, input).unwrap_err();
        assert_eq!(e.code.as_str(), code, "{op} {input}: {e}");
    }
    let huge = format!(
        r#"{{"dialect":"sqlite","source":{{"kind":"sql","sql":"{}"}}}}"#,
        "x".repeat(5_000_000)
    );
    assert_eq!(
        call_json("load", &huge).unwrap_err().code.as_str(),
        "syntax-error"
    );
}
