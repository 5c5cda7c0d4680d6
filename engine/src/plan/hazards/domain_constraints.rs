//! `may-fail-check`, `may-fail-set-not-null` on a domain: ALTER DOMAIN checks every column
//! of the domain's type (and of domains based on it) against a new check or NOT NULL, and
//! one value that breaks it fails the step. A domain no column uses has nothing to check.

use super::{hazard, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::Change;
use crate::model::{Domain, Schema};

pub(super) fn check(change: &Change, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Change::AlterDomain { previous, next } = change else {
        return;
    };
    let columns = columns_of(previous, ctx.previous);
    if columns.is_empty() {
        return;
    }
    let used = columns.join(", ");
    let name = &next.name;
    for c in next.checks.iter().filter(|c| {
        !previous
            .checks
            .iter()
            .any(|p| p.name == c.name && p.expr == c.expr)
    }) {
        let check = c.name.clone().unwrap_or_else(|| c.expr.clone());
        out.push(hazard(
            Code::MayFailCheck,
            format!("{name}.{check}"),
            format!("adding check {check} to domain {name} fails if a value of {used} violates it"),
            format!("find the violating values first (WHERE NOT ({}))", c.expr),
        ));
    }
    if next.not_null && !previous.not_null {
        out.push(hazard(
            Code::MayFailSetNotNull,
            name.to_string(),
            format!("SET NOT NULL on domain {name} fails if {used} holds a NULL"),
            "fill or delete the NULLs first",
        ));
    }
}

/// `table.column` of every column typed with `d`, or with a domain based on it.
fn columns_of(d: &Domain, schema: &Schema) -> Vec<String> {
    let mut domains = vec![d];
    let mut i = 0;
    while i < domains.len() {
        let base = domains[i];
        let based: Vec<&Domain> = schema
            .domains
            .values()
            .filter(|o| base.is_type_of(&o.data_type) && !domains.contains(o))
            .collect();
        domains.extend(based);
        i += 1;
    }
    schema
        .tables
        .values()
        .flat_map(|t| {
            t.columns
                .iter()
                .filter(|c| domains.iter().any(|d| d.is_type_of(&c.data_type)))
                .map(move |c| format!("{}.{}", t.name, c.name))
        })
        .collect()
}
