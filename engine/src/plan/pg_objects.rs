//! Domains, extensions and comments in the plan: their footprints, and what every other
//! change owes them.
//!
//! - A domain is created before the columns (and domains) of its type and dropped after
//!   them; it needs its base type (an enum or another domain) and the functions its checks
//!   and default call.
//! - An extension may bring the types, functions and operator classes anything else uses,
//!   and nothing says which: new extensions are created before every other change, and
//!   dropped ones after. An extension moved to another schema only orders against itself.
//! - A comment is set once its object exists.

use super::deps::{Footprint, Res, Sides};
use super::routines::called_in;
use crate::diff::{Change, CommentOn};
use crate::model::{Column, Domain, Extension, Schema};
use std::collections::BTreeSet;

/// The footprint of a domain, extension or comment change.
pub(super) fn footprint(change: &Change, sides: &Sides, f: &mut Footprint) {
    use Change::*;
    let (prev, next) = (sides.previous, sides.next);
    match change {
        CreateDomain { domain } => {
            f.creates.insert(Res::Domain(domain.name.clone()));
            domain_needs(domain, next, &mut f.needs_next);
        }
        DropDomain { domain } => {
            f.removes.insert(Res::Domain(domain.name.clone()));
            domain_needs(domain, prev, &mut f.needs_prev);
        }
        AlterDomain { previous, next: n } => {
            f.alters.insert(Res::Domain(n.name.clone()));
            f.needs_next.extend(called_in(&domain_texts(n), next));
            f.needs_prev
                .extend(called_in(&domain_texts(previous), prev));
        }
        CreateExtension { extension } => {
            f.creates.insert(Res::Extension(extension.name.clone()));
            if !prev.extensions.contains_key(&extension.name) {
                f.creates.insert(Res::ExtensionsCreated);
            }
            namespace(extension, &mut f.needs_next);
        }
        DropExtension { extension } => {
            f.removes.insert(Res::Extension(extension.name.clone()));
            if !next.extensions.contains_key(&extension.name) {
                f.removes.insert(Res::ExtensionsDropped);
            }
            namespace(extension, &mut f.needs_prev);
        }
        SetComment { on, .. } => {
            f.needs_next.extend(commented(on));
        }
        _ => {}
    }
}

/// What every other change adds: the domains its columns are typed with, and the order
/// around new and dropped extensions.
pub(super) fn extra(change: &Change, sides: &Sides, f: &mut Footprint) {
    use Change::*;
    let (prev, next) = (sides.previous, sides.next);
    match change {
        CreateExtension { .. } | DropExtension { .. } | CreateSchema { .. } | DropSchema { .. } => {
            return
        }
        _ => {}
    }
    f.needs_next.insert(Res::ExtensionsCreated);
    f.needs_prev.insert(Res::ExtensionsDropped);
    if prev.domains.is_empty() && next.domains.is_empty() {
        return;
    }
    let typed =
        |columns: &mut dyn Iterator<Item = &Column>, schema: &Schema, out: &mut BTreeSet<Res>| {
            for c in columns {
                out.extend(domain_of(&c.data_type, schema));
            }
        };
    match change {
        CreateTable { table } => typed(&mut table.columns.iter(), next, &mut f.needs_next),
        DropTable { table } => typed(&mut table.columns.iter(), prev, &mut f.needs_prev),
        AddColumn { column, .. } => typed(&mut std::iter::once(column), next, &mut f.needs_next),
        DropColumn { column, .. } => typed(&mut std::iter::once(column), prev, &mut f.needs_prev),
        AlterColumn {
            previous, next: n, ..
        } => {
            typed(&mut std::iter::once(previous), prev, &mut f.needs_prev);
            typed(&mut std::iter::once(n), next, &mut f.needs_next);
        }
        _ => {}
    }
}

fn namespace(e: &Extension, out: &mut BTreeSet<Res>) {
    out.extend(e.schema.clone().map(Res::Namespace));
}

/// The domain `data_type` names (arrays of it too), if `schema` has it.
fn domain_of(data_type: &str, schema: &Schema) -> Option<Res> {
    schema
        .domains
        .values()
        .find(|d| d.is_type_of(data_type))
        .map(|d| Res::Domain(d.name.clone()))
}

fn domain_needs(d: &Domain, schema: &Schema, out: &mut BTreeSet<Res>) {
    out.extend(d.name.schema.clone().map(Res::Namespace));
    out.extend(domain_of(&d.data_type, schema));
    let base = d.data_type.trim_end_matches("[]").replace('"', "");
    if let Some(e) = schema.enums.keys().find(|k| k.to_string() == base) {
        out.insert(Res::EnumType(e.clone()));
    }
    out.extend(called_in(&domain_texts(d), schema));
}

fn domain_texts(d: &Domain) -> Vec<&str> {
    let mut out: Vec<&str> = d.checks.iter().map(|c| c.expr.as_str()).collect();
    out.extend(d.default.as_deref());
    out
}

/// What must exist for a comment to be set on it.
fn commented(on: &CommentOn) -> Vec<Res> {
    match on {
        CommentOn::Index { table, name } | CommentOn::Constraint { table, name } => vec![
            Res::Table(table.clone()),
            Res::Name(table.clone(), name.clone()),
        ],
        CommentOn::View { name, .. } => vec![Res::Relation(name.clone())],
        CommentOn::Type { name } => vec![Res::EnumType(name.clone())],
    }
}
