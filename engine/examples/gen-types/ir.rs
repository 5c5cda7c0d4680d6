//! The engine's JSON Schemas as a small type language both renderers share. Only the schema
//! keywords schemars writes for the engine's types are understood; anything else stops the
//! generator rather than produce a type that lies.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use waymark::api::schema::ApiSchema;

#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Any,
    Null,
    Bool,
    Int,
    Float,
    Str,
    Lit(Value),
    Ref(String),
    Array(Box<Ty>),
    Tuple(Vec<Ty>),
    /// An object with arbitrary keys.
    Map(Box<Ty>),
    Object(Vec<Field>),
    Union(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    pub optional: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub doc: Option<String>,
    pub ty: Ty,
}

pub struct Def {
    pub name: String,
    pub doc: Option<String>,
    pub ty: Ty,
}

pub struct Op {
    /// As the engine names it: `deploy_plan`.
    pub name: &'static str,
    pub input: Ty,
    pub output: Ty,
}

pub struct Api {
    /// Sorted by name.
    pub defs: Vec<Def>,
    pub ops: Vec<Op>,
    /// `<Op>Input` and `<Op>Output` names for the ops whose type has another name.
    pub aliases: Vec<(String, Ty)>,
    pub error: Ty,
}

const REF_PREFIX: &str = "#/$defs/";

/// `deploy_plan` → `DeployPlan`.
pub fn pascal(s: &str) -> String {
    s.split(['_', '-'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `deploy_plan` → `deployPlan`.
pub fn camel(s: &str) -> String {
    let p = pascal(s);
    let mut c = p.chars();
    c.next()
        .map(|f| f.to_ascii_lowercase().to_string() + c.as_str())
        .unwrap_or_default()
}

pub fn build(schema: ApiSchema) -> Api {
    let names: Vec<&str> = schema.operations.iter().map(|o| o.name).collect();
    assert_eq!(
        names,
        waymark::api::OPERATIONS,
        "every operation needs its types in waymark::api::schema"
    );
    let mut inputs = schema.input_definitions;
    let outputs = schema.output_definitions;
    let mut in_roots: Vec<Value> = schema.operations.iter().map(|o| o.input.clone()).collect();

    // An op's own input struct (`HistoryInput`) takes the op's name (`StatusInput`); one that
    // several ops share (`PairInput`) keeps its own and the ops get aliases.
    let mut uses: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for o in &schema.operations {
        if let Some(n) = ref_name(&o.input) {
            uses.entry(n).or_default().push(o.name);
        }
    }
    let mut renames = BTreeMap::new();
    for (n, ops) in &uses {
        let wanted = format!("{}Input", pascal(ops[0]));
        if ops.len() == 1 && *n != wanted {
            assert!(
                !inputs.contains_key(&wanted) && !outputs.contains_key(&wanted),
                "`{wanted}` names two types"
            );
            assert!(
                !inputs.values().any(|d| refers_to(d, n)),
                "{n} is an operation's input and part of another type"
            );
            renames.insert(n.clone(), wanted);
        }
    }
    inputs = inputs
        .into_iter()
        .map(|(k, mut v)| {
            rename_refs(&mut v, &renames);
            (renames.get(&k).cloned().unwrap_or(k), v)
        })
        .collect();
    for r in &mut in_roots {
        rename_refs(r, &renames);
    }

    let defs = merge(inputs, outputs)
        .into_iter()
        .map(|(name, s)| Def {
            doc: doc(&s),
            ty: convert(&s),
            name,
        })
        .collect::<Vec<_>>();
    let names: BTreeSet<&str> = defs.iter().map(|d| d.name.as_str()).collect();

    let mut ops = Vec::new();
    let mut aliases = Vec::new();
    for (o, input) in schema.operations.iter().zip(&in_roots) {
        let op = Op {
            name: o.name,
            input: convert(input),
            output: convert(&o.output),
        };
        for (suffix, ty) in [("Input", &op.input), ("Output", &op.output)] {
            let alias = format!("{}{suffix}", pascal(o.name));
            if *ty != Ty::Ref(alias.clone()) {
                assert!(!names.contains(alias.as_str()), "`{alias}` names two types");
                aliases.push((alias, ty.clone()));
            }
        }
        ops.push(op);
    }
    Api {
        defs,
        ops,
        aliases,
        error: convert(&schema.error),
    }
}

/// One definition per name. A type both read and written is declared as written: what the
/// engine writes it also reads, and it reads more (fields with a default may be left out,
/// which `narrower` checks is the only difference), so a host can pass back what it got.
fn merge(inputs: Map<String, Value>, outputs: Map<String, Value>) -> BTreeMap<String, Value> {
    let mut all: BTreeMap<String, Value> = inputs.into_iter().collect();
    for (name, out) in outputs {
        if let Some(input) = all.get(&name) {
            assert!(
                narrower(&without_defaults(&out), &without_defaults(input)),
                "`{name}` is written in a shape the engine does not read back"
            );
        }
        all.insert(name, out);
    }
    all
}

/// Whether `out` is `input` with more properties required.
fn narrower(out: &Value, input: &Value) -> bool {
    match (out, input) {
        (Value::Object(o), Value::Object(i)) => {
            let keys: BTreeSet<&String> = o.keys().chain(i.keys()).collect();
            keys.into_iter().all(|k| match (o.get(k), i.get(k)) {
                (Some(Value::Array(or)), Some(Value::Array(ir))) if k == "required" => {
                    ir.iter().all(|r| or.contains(r))
                }
                (Some(ov), Some(iv)) => narrower(ov, iv),
                _ => false,
            })
        }
        (Value::Array(o), Value::Array(i)) => {
            o.len() == i.len() && o.iter().zip(i).all(|(a, b)| narrower(a, b))
        }
        _ => out == input,
    }
}

fn without_defaults(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != "default")
                .map(|(k, v)| (k.clone(), without_defaults(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_defaults).collect()),
        other => other.clone(),
    }
}

fn ref_name(v: &Value) -> Option<String> {
    let r = v.get("$ref")?.as_str()?;
    Some(
        r.strip_prefix(REF_PREFIX)
            .expect("a local $ref")
            .to_string(),
    )
}

fn refers_to(v: &Value, name: &str) -> bool {
    match v {
        Value::Object(m) => {
            ref_name(v).as_deref() == Some(name) || m.values().any(|x| refers_to(x, name))
        }
        Value::Array(a) => a.iter().any(|x| refers_to(x, name)),
        _ => false,
    }
}

fn rename_refs(v: &mut Value, renames: &BTreeMap<String, String>) {
    match v {
        Value::Object(m) => {
            if let Some(new) = ref_name(&Value::Object(m.clone())).and_then(|n| renames.get(&n)) {
                m.insert("$ref".into(), Value::String(format!("{REF_PREFIX}{new}")));
            }
            m.values_mut().for_each(|x| rename_refs(x, renames));
        }
        Value::Array(a) => a.iter_mut().for_each(|x| rename_refs(x, renames)),
        _ => {}
    }
}

fn doc(s: &Value) -> Option<String> {
    s.get("description")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Keywords that say nothing a TypeScript or Python type can.
const IGNORED: &[&str] = &[
    "description",
    "default",
    "format",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "title",
    "$schema",
];

pub fn convert(s: &Value) -> Ty {
    let m = match s {
        Value::Bool(true) => return Ty::Any,
        Value::Object(m) => m,
        _ => panic!("unsupported schema {s}"),
    };
    for k in m.keys() {
        let known = IGNORED.contains(&k.as_str())
            || [
                "$ref",
                "const",
                "enum",
                "oneOf",
                "anyOf",
                "type",
                "items",
                "prefixItems",
                "properties",
                "required",
                "additionalProperties",
            ]
            .contains(&k.as_str());
        assert!(known, "unsupported schema keyword `{k}` in {s}");
    }
    if let Some(name) = ref_name(s) {
        return Ty::Ref(name);
    }
    if let Some(c) = m.get("const") {
        return Ty::Lit(c.clone());
    }
    if let Some(Value::Array(values)) = m.get("enum") {
        return union(
            values
                .iter()
                .map(|v| Member {
                    doc: None,
                    ty: Ty::Lit(v.clone()),
                })
                .collect(),
        );
    }
    if let Some(Value::Array(alts)) = m.get("oneOf").or_else(|| m.get("anyOf")) {
        assert!(
            !m.contains_key("properties") && !m.contains_key("type"),
            "unsupported: a union beside other keywords in {s}"
        );
        return union(
            alts.iter()
                .map(|a| Member {
                    doc: doc(a),
                    ty: convert(a),
                })
                .collect(),
        );
    }
    match m.get("type") {
        None => Ty::Any,
        Some(Value::Array(types)) => union(
            types
                .iter()
                .map(|t| {
                    let mut one = m.clone();
                    one.insert("type".into(), t.clone());
                    one.remove("description");
                    Member {
                        doc: None,
                        ty: convert(&Value::Object(one)),
                    }
                })
                .collect(),
        ),
        Some(Value::String(t)) => match t.as_str() {
            "null" => Ty::Null,
            "boolean" => Ty::Bool,
            "integer" => Ty::Int,
            "number" => Ty::Float,
            "string" => Ty::Str,
            "array" => match (m.get("prefixItems"), m.get("items")) {
                (Some(Value::Array(items)), _) => Ty::Tuple(items.iter().map(convert).collect()),
                (None, Some(items)) => Ty::Array(Box::new(convert(items))),
                _ => Ty::Array(Box::new(Ty::Any)),
            },
            "object" => object(m),
            other => panic!("unsupported type `{other}`"),
        },
        Some(other) => panic!("unsupported type {other}"),
    }
}

fn object(m: &Map<String, Value>) -> Ty {
    let extra = m.get("additionalProperties");
    let Some(Value::Object(props)) = m.get("properties") else {
        return match extra {
            // `deny_unknown_fields` and nothing else: an empty object.
            Some(Value::Bool(false)) => Ty::Object(Vec::new()),
            None => Ty::Map(Box::new(Ty::Any)),
            Some(v) => Ty::Map(Box::new(convert(v))),
        };
    };
    assert!(
        matches!(extra, None | Some(Value::Bool(false))),
        "unsupported: properties with additionalProperties"
    );
    let required: BTreeSet<&str> = m
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields: Vec<Field> = props
        .iter()
        .map(|(name, s)| Field {
            name: name.clone(),
            optional: !required.contains(name.as_str()),
            doc: doc(s),
            ty: convert(s),
        })
        .collect();
    // Keys come sorted, as the engine writes them; a variant's tag reads best first.
    fields.sort_by_key(|f| !matches!(f.ty, Ty::Lit(_)) || f.optional);
    Ty::Object(fields)
}

/// Nested unions spliced in, repeats dropped, and a union of one is that one.
fn union(members: Vec<Member>) -> Ty {
    let mut out: Vec<Member> = Vec::new();
    for m in members {
        let parts = match m.ty {
            Ty::Union(inner) if m.doc.is_none() => inner,
            ty => vec![Member { doc: m.doc, ty }],
        };
        for p in parts {
            if !out.iter().any(|o| o.ty == p.ty) {
                out.push(p);
            }
        }
    }
    if out.len() == 1 && out[0].doc.is_none() {
        return out.pop().expect("one").ty;
    }
    Ty::Union(out)
}
