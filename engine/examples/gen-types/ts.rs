//! TypeScript declarations for the npm packages.

use crate::ir::{camel, pascal, Api, Field, Member, Ty};
use std::fmt::Write;

/// What differs between the two packages: how the engine gets ready.
pub struct Package<'a> {
    /// Declarations before the common functions.
    pub setup: &'a str,
    /// The op functions `index.js` exports, by op name.
    pub ops: &'a [String],
}

pub fn render(api: &Api, pkg: &Package) -> String {
    let mut out = String::new();
    out.push_str(crate::HEADER_TS);
    out.push('\n');
    for d in &api.defs {
        doc(&mut out, d.doc.as_deref(), "");
        match &d.ty {
            Ty::Object(fields) if !fields.is_empty() => {
                writeln!(out, "export interface {} {}", d.name, object(fields, "")).unwrap();
            }
            Ty::Union(members) => {
                writeln!(out, "export type {} ={};", d.name, union_lines(members, "")).unwrap();
            }
            ty => writeln!(out, "export type {} = {};", d.name, ts(ty, "")).unwrap(),
        }
        out.push('\n');
    }

    out.push_str("// Each operation's input and output, by the name its own functions use.\n");
    for (name, ty) in &api.aliases {
        writeln!(out, "export type {name} = {};", ts(ty, "")).unwrap();
    }
    out.push('\n');
    out.push_str(
        "/** Every operation, with its input and output. */\nexport interface Operations {\n",
    );
    for op in &api.ops {
        let p = pascal(op.name);
        writeln!(
            out,
            "  {}: {{ input: {p}Input; output: {p}Output }};",
            op.name
        )
        .unwrap();
    }
    out.push_str("}\n\nexport type OperationName = keyof Operations;\n\n");
    out.push_str(
        "/**\n * What every function throws: an `Error` carrying the engine's diagnostic. A panic \
         inside the\n * engine is one too, with code `internal-error`.\n */\n\
         export interface WaymarkError extends Error {\n  code: Code;\n  diagnostic: Diagnostic;\n}\n\n",
    );
    out.push_str(pkg.setup);
    out.push_str(
        "\n/** Runs an operation on a plain object; returns a plain object. */\n\
         export function call<Op extends OperationName>(\n  op: Op,\n  input: Operations[Op][\"input\"],\n\
         ): Operations[Op][\"output\"];\n\n\
         /** Runs an operation on JSON text; returns JSON text (what the parity vectors compare). */\n\
         export function callJson(op: OperationName, input: string): string;\n\n\
         /** Every operation's name. */\n\
         export function operations(): OperationName[];\n\n",
    );
    for name in pkg.ops {
        let op =
            api.ops.iter().find(|o| o.name == name).unwrap_or_else(|| {
                panic!("index.js exports an op `{name}` the engine does not have")
            });
        let p = pascal(op.name);
        // `version` reads nothing, so it may be called with nothing.
        let q = if crate::takes_nothing(api, &op.input) {
            "?"
        } else {
            ""
        };
        writeln!(
            out,
            "export function {}(input{q}: {p}Input): {p}Output;",
            camel(op.name)
        )
        .unwrap();
    }
    out
}

fn doc(out: &mut String, text: Option<&str>, indent: &str) {
    let Some(text) = text else { return };
    let text = text.replace("*/", "*\\/");
    if !text.contains('\n') {
        writeln!(out, "{indent}/** {text} */").unwrap();
        return;
    }
    writeln!(out, "{indent}/**").unwrap();
    for line in text.lines() {
        let sep = if line.is_empty() { "" } else { " " };
        writeln!(out, "{indent} *{sep}{line}").unwrap();
    }
    writeln!(out, "{indent} */").unwrap();
}

fn object(fields: &[Field], indent: &str) -> String {
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    for f in fields {
        doc(&mut out, f.doc.as_deref(), &inner);
        let q = if f.optional { "?" } else { "" };
        writeln!(out, "{inner}{}{q}: {};", key(&f.name), ts(&f.ty, &inner)).unwrap();
    }
    out.push_str(indent);
    out.push('}');
    out
}

/// `\n  | A\n  | B`, each member with its doc.
fn union_lines(members: &[Member], indent: &str) -> String {
    let inner = format!("{indent}  ");
    let mut out = String::new();
    for m in members {
        out.push('\n');
        doc(&mut out, m.doc.as_deref(), &inner);
        write!(out, "{inner}| {}", ts(&m.ty, &inner)).unwrap();
    }
    out
}

fn key(name: &str) -> String {
    let ident = name.chars().enumerate().all(|(i, c)| {
        c == '_' || c == '$' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())
    });
    if ident && !name.is_empty() {
        name.to_string()
    } else {
        serde_json::to_string(name).unwrap()
    }
}

fn ts(ty: &Ty, indent: &str) -> String {
    match ty {
        Ty::Any => "unknown".into(),
        Ty::Null => "null".into(),
        Ty::Bool => "boolean".into(),
        Ty::Int | Ty::Float => "number".into(),
        Ty::Str => "string".into(),
        Ty::Lit(v) => v.to_string(),
        Ty::Ref(n) => n.clone(),
        Ty::Array(t) => match **t {
            Ty::Union(_) | Ty::Object(_) => format!("Array<{}>", ts(t, indent)),
            _ => format!("{}[]", ts(t, indent)),
        },
        Ty::Tuple(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|t| ts(t, indent))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Ty::Map(t) => format!("Record<string, {}>", ts(t, indent)),
        Ty::Object(fields) if fields.is_empty() => "Record<string, never>".into(),
        Ty::Object(fields) => object(fields, indent),
        Ty::Union(members) if members.iter().any(|m| matches!(m.ty, Ty::Object(_))) => {
            union_lines(members, indent)
        }
        Ty::Union(members) => members
            .iter()
            .map(|m| ts(&m.ty, indent))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}
