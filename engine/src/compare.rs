//! Structural comparison of two schemas with readable differences. The oracle uses it to
//! prove that a replayed or planned schema equals what a real server reports.

use crate::model::Schema;
use serde::Serialize;
use serde_json::Value;

/// One difference: where it is and what each side has (`None`: absent on that side).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    pub path: String,
    pub left: Option<Value>,
    pub right: Option<Value>,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &Option<Value>| v.as_ref().map_or("(absent)".to_string(), |v| v.to_string());
        write!(
            f,
            "{}: {} ≠ {}",
            self.path,
            show(&self.left),
            show(&self.right)
        )
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Compare view definitions as text. Off when the two sides come from different sources:
    /// servers print a view's SELECT in their own words, so only name and `reads` compare.
    pub view_definitions: bool,
}

pub fn differences(left: &Schema, right: &Schema, options: Options) -> Vec<Difference> {
    // A schema read from SQL does not know the database's default collation: it reads
    // against the other side's, and the default itself is no difference then.
    use crate::canon::collation::resolved;
    let l_resolved = resolved(left, right);
    let r_resolved = resolved(right, left);
    let left = l_resolved.as_ref().unwrap_or(left);
    let right = r_resolved.as_ref().unwrap_or(right);
    let r_spelled = spelled_as(right, left);
    let right = r_spelled.as_ref().unwrap_or(right);
    let mut l = serde_json::to_value(left).expect("schema serialises");
    let mut r = serde_json::to_value(right).expect("schema serialises");
    if !options.view_definitions {
        for v in [&mut l, &mut r] {
            if let Some(Value::Array(views)) = v.get_mut("views") {
                views
                    .iter_mut()
                    .filter_map(Value::as_object_mut)
                    .for_each(|o| {
                        o.remove("definition");
                    });
            }
        }
    }
    let mut out = Vec::new();
    diff_value("", &l, &r, &mut out);
    out
}

/// `right` with the function and trigger definitions that make the same object as `left`'s
/// written as `left` writes them (servers print definitions in their own words); `None`
/// when nothing changes.
fn spelled_as(right: &Schema, left: &Schema) -> Option<Schema> {
    use crate::canon::definition::same_definition;
    let d = left.dialect;
    let functions = right.functions.iter().filter_map(|(k, f)| {
        let l = left.functions.get(k)?;
        (l.definition != f.definition && same_definition(d, &l.definition, &f.definition))
            .then(|| (k.clone(), l.definition.clone()))
    });
    let functions: Vec<_> = functions.collect();
    let triggers = right.triggers.iter().filter_map(|(k, t)| {
        let l = left.triggers.get(k)?;
        (l.definition != t.definition && same_definition(d, &l.definition, &t.definition))
            .then(|| (k.clone(), l.definition.clone()))
    });
    let triggers: Vec<_> = triggers.collect();
    if functions.is_empty() && triggers.is_empty() {
        return None;
    }
    let mut out = right.clone();
    for (k, def) in functions {
        if let Some(f) = out.functions.get_mut(&k) {
            f.definition = def;
        }
    }
    for (k, def) in triggers {
        if let Some(t) = out.triggers.get_mut(&k) {
            t.definition = def;
        }
    }
    Some(out)
}

/// Lists of objects with a `name` are matched by name, so one inserted column shows as one
/// difference instead of shifting every later one.
fn keyed(items: &[Value]) -> Option<Vec<(String, &Value)>> {
    items
        .iter()
        .map(|v| {
            let o = v.as_object()?;
            let name = o.get("name")?.as_str()?;
            let schema = o.get("schema").and_then(Value::as_str);
            Some((
                schema.map_or(name.to_string(), |s| format!("{s}.{name}")),
                v,
            ))
        })
        .collect()
}

fn diff_value(path: &str, l: &Value, r: &Value, out: &mut Vec<Difference>) {
    if l == r {
        return;
    }
    let child = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (l, r) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for k in keys {
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => diff_value(&child(k), x, y, out),
                    (x, y) => out.push(Difference {
                        path: child(k),
                        left: x.cloned(),
                        right: y.cloned(),
                    }),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => match (keyed(a), keyed(b)) {
            (Some(ka), Some(kb)) if unique(&ka) && unique(&kb) => {
                for (name, x) in &ka {
                    match kb.iter().find(|(n, _)| n == name) {
                        Some((_, y)) => diff_value(&format!("{path}[{name}]"), x, y, out),
                        None => out.push(Difference {
                            path: format!("{path}[{name}]"),
                            left: Some((*x).clone()),
                            right: None,
                        }),
                    }
                }
                for (name, y) in &kb {
                    if !ka.iter().any(|(n, _)| n == name) {
                        out.push(Difference {
                            path: format!("{path}[{name}]"),
                            left: None,
                            right: Some((*y).clone()),
                        });
                    }
                }
                let order =
                    |k: &[(String, &Value)]| k.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
                let (oa, ob) = (order(&ka), order(&kb));
                let same_set = oa.len() == ob.len() && oa.iter().all(|n| ob.contains(n));
                if same_set && oa != ob {
                    out.push(Difference {
                        path: format!("{path} (order)"),
                        left: Some(oa.into()),
                        right: Some(ob.into()),
                    });
                }
            }
            _ => out.push(Difference {
                path: path.to_string(),
                left: Some(l.clone()),
                right: Some(r.clone()),
            }),
        },
        _ => out.push(Difference {
            path: path.to_string(),
            left: Some(l.clone()),
            right: Some(r.clone()),
        }),
    }
}

fn unique(k: &[(String, &Value)]) -> bool {
    let set: std::collections::BTreeSet<&String> = k.iter().map(|(n, _)| n).collect();
    set.len() == k.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::Dialect;

    #[test]
    fn names_the_column_that_differs() {
        let mut a = Schema::empty(Dialect::Postgres);
        let mut t = Table::new(QualifiedName::bare("users"));
        t.columns.push(Column::new("id", "integer"));
        t.columns.push(Column::new("email", "text"));
        a.tables.insert(t.name.clone(), t);
        let mut b = a.clone();
        b.tables.values_mut().next().unwrap().columns[1].nullable = false;
        let d = differences(&a, &b, Options::default());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "tables[users].columns[email].nullable");
        assert!(differences(&a, &a, Options::default()).is_empty());
    }
}
