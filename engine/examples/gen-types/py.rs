//! The Python package's stub: a TypedDict per object, `Literal`s for the enums.

use crate::ir::{pascal, Api, Field, Ty};
use std::fmt::Write;

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// `ops`: the op functions `__init__.py` defines, by op name.
pub fn render(api: &Api, ops: &[String]) -> String {
    let mut r = Renderer::default();
    for d in &api.defs {
        r.def(&d.name, d.doc.as_deref(), &d.ty);
    }
    let mut out = String::new();
    out.push_str(crate::HEADER_PY);
    out.push_str(
        "\nfrom typing import Any, Dict, List, Literal, Optional, Tuple, Union, overload\n\n\
         from typing_extensions import NotRequired, TypedDict\n\n",
    );
    out.push_str(&std::mem::take(&mut r.out));

    out.push_str("# Each operation's input and output, by the name its own function uses.\n");
    for (name, ty) in &api.aliases {
        let t = r.ty(ty, name);
        writeln!(out, "{name} = {t}").unwrap();
    }
    // Objects the aliases made (none today) go after them.
    out.push_str(&r.out);
    out.push_str("\nOperationName = Literal[\n");
    for op in &api.ops {
        writeln!(out, "    \"{}\",", op.name).unwrap();
    }
    out.push_str("]\n\n");
    out.push_str(
        "class WaymarkError(Exception):\n    \
         \"\"\"An engine diagnostic: ``code`` is stable (docs/errors.md).\"\"\"\n\n    \
         diagnostic: Diagnostic\n    code: Code\n    hint: Optional[str]\n    \
         object: Optional[str]\n    location: Optional[Location]\n    \
         def __init__(self, diagnostic: Diagnostic) -> None: ...\n\n\
         def call_json(op: OperationName, input: str) -> str: ...\n\n",
    );
    for op in &api.ops {
        let p = pascal(op.name);
        writeln!(
            out,
            "@overload\ndef call(op: Literal[\"{}\"], input: {p}Input) -> {p}Output: ...",
            op.name
        )
        .unwrap();
    }
    out.push_str("def operations() -> List[OperationName]: ...\n");
    for name in ops {
        let op = api
            .ops
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("__init__.py defines an op `{name}` the engine lacks"));
        let p = pascal(op.name);
        writeln!(out, "def {}(input: {p}Input) -> {p}Output: ...", op.name).unwrap();
    }
    out
}

#[derive(Default)]
struct Renderer {
    out: String,
}

impl Renderer {
    fn def(&mut self, name: &str, doc: Option<&str>, ty: &Ty) {
        match ty {
            Ty::Object(fields) => self.typed_dict(name, doc, fields),
            Ty::Union(members) => {
                comment(&mut self.out, doc, "");
                let lits = members.iter().all(|m| matches!(m.ty, Ty::Lit(_)));
                let mut body = String::new();
                let mut named = Vec::new();
                for (i, m) in members.iter().enumerate() {
                    if lits {
                        comment(&mut body, m.doc.as_deref(), "    ");
                    }
                    let t = match &m.ty {
                        Ty::Lit(v) => v.to_string(),
                        Ty::Object(fields) => {
                            let n = format!("{name}{}", variant_name(fields, i));
                            named.push((n.clone(), m.doc.clone(), fields.clone()));
                            n
                        }
                        other => self.ty(other, name),
                    };
                    writeln!(body, "    {t},").unwrap();
                }
                let head = if lits { "Literal" } else { "Union" };
                writeln!(self.out, "{name} = {head}[\n{body}]\n").unwrap();
                for (n, doc, fields) in named {
                    self.typed_dict(&n, doc.as_deref(), &fields);
                }
            }
            other => {
                comment(&mut self.out, doc, "");
                let t = self.ty(other, name);
                writeln!(self.out, "{name} = {t}\n").unwrap();
            }
        }
    }

    fn typed_dict(&mut self, name: &str, doc: Option<&str>, fields: &[Field]) {
        let mut nested = Vec::new();
        let types: Vec<String> = fields
            .iter()
            .map(|f| {
                let t = match &f.ty {
                    Ty::Object(inner) if !inner.is_empty() => {
                        let n = format!("{name}{}", pascal(&f.name));
                        nested.push((n.clone(), f.doc.clone(), inner.clone()));
                        n
                    }
                    other => {
                        self.ty_nested(other, &format!("{name}{}", pascal(&f.name)), &mut nested)
                    }
                };
                if f.optional {
                    format!("NotRequired[{t}]")
                } else {
                    t
                }
            })
            .collect();
        let mut out = String::new();
        if fields.iter().any(|f| KEYWORDS.contains(&f.name.as_str())) {
            // A key that is a Python keyword (`from`) needs the functional form.
            comment(&mut out, doc, "");
            writeln!(out, "{name} = TypedDict(\n    \"{name}\",\n    {{").unwrap();
            for (f, t) in fields.iter().zip(&types) {
                comment(&mut out, f.doc.as_deref(), "        ");
                writeln!(out, "        \"{}\": {t},", f.name).unwrap();
            }
            out.push_str("    },\n)\n\n");
        } else {
            writeln!(out, "class {name}(TypedDict):").unwrap();
            if let Some(d) = doc {
                writeln!(out, "    {}", docstring(d, "    ")).unwrap();
                if !fields.is_empty() {
                    out.push('\n');
                }
            } else if fields.is_empty() {
                out.push_str("    pass\n");
            }
            for (f, t) in fields.iter().zip(&types) {
                writeln!(out, "    {}: {t}", f.name).unwrap();
                if let Some(d) = &f.doc {
                    writeln!(out, "    {}", docstring(d, "    ")).unwrap();
                }
            }
            out.push('\n');
        }
        self.out.push_str(&out);
        for (n, doc, fields) in nested {
            self.typed_dict(&n, doc.as_deref(), &fields);
        }
    }

    /// A type inside a def; objects in it become TypedDicts named after `ctx`.
    fn ty(&mut self, ty: &Ty, ctx: &str) -> String {
        let mut nested = Vec::new();
        let t = self.ty_nested(ty, ctx, &mut nested);
        for (n, doc, fields) in nested {
            self.typed_dict(&n, doc.as_deref(), &fields);
        }
        t
    }

    fn ty_nested(
        &mut self,
        ty: &Ty,
        ctx: &str,
        nested: &mut Vec<(String, Option<String>, Vec<Field>)>,
    ) -> String {
        match ty {
            Ty::Any => "Any".into(),
            Ty::Null => "None".into(),
            Ty::Bool => "bool".into(),
            Ty::Int => "int".into(),
            Ty::Float => "float".into(),
            Ty::Str => "str".into(),
            Ty::Lit(v) => format!("Literal[{v}]"),
            Ty::Ref(n) => n.clone(),
            Ty::Array(t) => format!("List[{}]", self.ty_nested(t, ctx, nested)),
            Ty::Tuple(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|t| self.ty_nested(t, ctx, nested))
                    .collect();
                format!("Tuple[{}]", items.join(", "))
            }
            Ty::Map(t) => format!("Dict[str, {}]", self.ty_nested(t, ctx, nested)),
            Ty::Object(fields) if fields.is_empty() => "Dict[str, Any]".into(),
            Ty::Object(fields) => {
                nested.push((ctx.to_string(), None, fields.clone()));
                ctx.to_string()
            }
            Ty::Union(members) => {
                let lits: Vec<String> = members
                    .iter()
                    .filter_map(|m| match &m.ty {
                        Ty::Lit(v) => Some(v.to_string()),
                        _ => None,
                    })
                    .collect();
                let mut parts: Vec<String> = Vec::new();
                if !lits.is_empty() {
                    parts.push(format!("Literal[{}]", lits.join(", ")));
                }
                let mut null = false;
                for (i, m) in members.iter().enumerate() {
                    match &m.ty {
                        Ty::Lit(_) => {}
                        Ty::Null => null = true,
                        Ty::Object(fields) => {
                            parts.push(self.ty_nested(
                                &m.ty,
                                &format!("{ctx}{}", variant_name(fields, i)),
                                nested,
                            ));
                        }
                        other => parts.push(self.ty_nested(other, ctx, nested)),
                    }
                }
                let inner = if parts.len() == 1 {
                    parts.pop().expect("one")
                } else {
                    format!("Union[{}]", parts.join(", "))
                };
                if null {
                    format!("Optional[{inner}]")
                } else {
                    inner
                }
            }
        }
    }
}

/// A tagged variant is named by its tag (`create_table` → `CreateTable`), others by position.
fn variant_name(fields: &[Field], i: usize) -> String {
    fields
        .iter()
        .find_map(|f| match &f.ty {
            Ty::Lit(serde_json::Value::String(s)) if !f.optional => Some(pascal(s)),
            _ => None,
        })
        .unwrap_or_else(|| format!("Variant{}", i + 1))
}

fn comment(out: &mut String, doc: Option<&str>, indent: &str) {
    for line in doc.into_iter().flat_map(str::lines) {
        let sep = if line.is_empty() { "" } else { " " };
        writeln!(out, "{indent}#{sep}{line}").unwrap();
    }
}

fn docstring(text: &str, indent: &str) -> String {
    let text = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    if !text.contains('\n') {
        return format!("\"\"\"{text}\"\"\"");
    }
    let body: Vec<String> = text
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect();
    format!("\"\"\"\n{}\n{indent}\"\"\"", body.join("\n"))
}
