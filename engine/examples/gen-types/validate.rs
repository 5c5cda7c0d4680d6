//! Checks the cross-binding vectors (tests/vectors) against the schemas the types come from, so
//! a shape the Rust writes by hand (a `Serialize` impl, a `with` module) cannot make the types
//! lie. Only the keywords `ir::convert` understands are checked; the rest is documentation.

use serde_json::{Map, Value};
use std::path::Path;
use waymark::api::schema::ApiSchema;

/// The problems found, one line each.
pub fn vectors(dir: &Path, api: &ApiSchema) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let Some(op) = api.operations.iter().find(|o| v["op"] == o.name) else {
            continue; // an unknown op is what some error vectors test
        };
        let mut check = |what: &str, schema: &Value, defs: &Map<String, Value>, value: &Value| {
            if let Err(e) = valid(schema, defs, value, what) {
                problems.push(format!("{name}: {e}"));
            }
        };
        if let Some(e) = v.get("error") {
            check("error", &api.error, &api.output_definitions, e);
        } else {
            check("input", &op.input, &api.input_definitions, &v["input"]);
            check("output", &op.output, &api.output_definitions, &v["output"]);
        }
    }
    problems
}

fn valid(s: &Value, defs: &Map<String, Value>, v: &Value, at: &str) -> Result<(), String> {
    let m = match s {
        Value::Bool(true) => return Ok(()),
        Value::Object(m) => m,
        _ => return Err(format!("{at}: unsupported schema {s}")),
    };
    if let Some(r) = m.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        let def = defs
            .get(name)
            .ok_or_else(|| format!("{at}: no definition {name}"))?;
        return valid(def, defs, v, at);
    }
    if let Some(c) = m.get("const") {
        if c != v {
            return Err(format!("{at}: {v} is not {c}"));
        }
    }
    if let Some(Value::Array(values)) = m.get("enum") {
        if !values.contains(v) {
            return Err(format!(
                "{at}: {v} is none of {}",
                Value::Array(values.clone())
            ));
        }
    }
    if let Some(Value::Array(alts)) = m.get("oneOf") {
        let ok = alts
            .iter()
            .filter(|a| valid(a, defs, v, at).is_ok())
            .count();
        if ok != 1 {
            return Err(format!("{at}: {v} matches {ok} of oneOf"));
        }
    }
    if let Some(Value::Array(alts)) = m.get("anyOf") {
        if !alts.iter().any(|a| valid(a, defs, v, at).is_ok()) {
            return Err(format!("{at}: {v} matches nothing in anyOf"));
        }
    }
    if let Some(t) = m.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.iter().any(|t| is_type(t, v)) {
            return Err(format!("{at}: {v} is not {}", types.join(" or ")));
        }
    }
    if let Value::Object(obj) = v {
        object(m, defs, obj, at)?;
    }
    if let Value::Array(items) = v {
        if let Some(Value::Array(prefix)) = m.get("prefixItems") {
            if prefix.len() != items.len() {
                return Err(format!("{at}: {} items, not {}", items.len(), prefix.len()));
            }
            for (i, (s, x)) in prefix.iter().zip(items).enumerate() {
                valid(s, defs, x, &format!("{at}[{i}]"))?;
            }
        } else if let Some(s) = m.get("items") {
            for (i, x) in items.iter().enumerate() {
                valid(s, defs, x, &format!("{at}[{i}]"))?;
            }
        }
    }
    Ok(())
}

fn object(
    m: &Map<String, Value>,
    defs: &Map<String, Value>,
    obj: &Map<String, Value>,
    at: &str,
) -> Result<(), String> {
    let empty = Map::new();
    let props = m
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for r in m
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let r = r.as_str().unwrap_or_default();
        if !obj.contains_key(r) {
            return Err(format!("{at}: `{r}` is missing"));
        }
    }
    for (k, x) in obj {
        let here = format!("{at}.{k}");
        match (props.get(k), m.get("additionalProperties")) {
            (Some(s), _) => valid(s, defs, x, &here)?,
            (None, Some(Value::Bool(false))) => return Err(format!("{here}: not in the schema")),
            (None, Some(s)) => valid(s, defs, x, &here)?,
            // A closed type says which keys it has; a key the types do not know is a lie.
            (None, None) if !props.is_empty() => return Err(format!("{here}: not in the schema")),
            (None, None) => {}
        }
    }
    Ok(())
}

fn is_type(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => false,
    }
}
