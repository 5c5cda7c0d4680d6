//! CREATE [OR REPLACE] [MATERIALIZED] VIEW: the definition and the relations it reads.

use super::ctx::{Ctx, Touch};
use crate::diag::{Code, Diagnostic};
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::{QualifiedName, View};
use sqlparser::ast::{visit_relations, CreateView, Query, Visit, Visitor};
use std::collections::BTreeSet;
use std::ops::ControlFlow;

/// Names that WITH clauses define anywhere in the query; they are not relations.
struct CteNames(BTreeSet<String>);

impl Visitor for CteNames {
    type Break = ();
    fn pre_visit_query(&mut self, q: &Query) -> ControlFlow<()> {
        if let Some(with) = &q.with {
            for cte in &with.cte_tables {
                self.0.insert(cte.alias.name.value.to_lowercase());
            }
        }
        ControlFlow::Continue(())
    }
}

/// The tables and views `q` reads, canonical and sorted.
pub fn reads(ctx: &Ctx, q: &Query) -> Vec<QualifiedName> {
    let mut ctes = CteNames(BTreeSet::new());
    let _ = q.visit(&mut ctes);
    let mut out = BTreeSet::new();
    let _ = visit_relations(q, |name| {
        let single = name.0.len() == 1;
        let n = ctx.name(name);
        if !(single && ctes.0.contains(&n.name.to_lowercase())) {
            // Point at the stored spelling where the table exists (SQLite is case-insensitive).
            out.insert(ctx.find_table(&n).unwrap_or(n));
        }
        ControlFlow::<()>::Continue(())
    });
    out.into_iter().collect()
}

pub fn create(ctx: &mut Ctx, cv: &CreateView) -> Result<(), Diagnostic> {
    let name = ctx.name(&cv.name);
    let label = name.to_string();
    if cv.temporary {
        ctx.unsupported_statement("CREATE TEMPORARY VIEW");
        return Ok(());
    }
    if ctx.find_table(&name).is_some() || (ctx.schema.views.contains_key(&name) && !cv.or_replace) {
        if cv.if_not_exists {
            return Ok(());
        }
        return Err(ctx.error(
            Code::DuplicateTable,
            label.clone(),
            format!("relation `{label}` already exists"),
            "use CREATE OR REPLACE VIEW, or drop it first",
        ));
    }
    super::create_table::require_namespace(ctx, &name)?;
    if !cv.columns.is_empty() {
        ctx.unsupported_clause("view column list", &label);
    }
    let reads = reads(ctx, &cv.query);
    for r in &reads {
        let kind = if ctx.schema.views.contains_key(r) {
            ObjectKind::View
        } else {
            ObjectKind::Table
        };
        ctx.touch(Touch::Read, ObjectRef::whole(kind, r));
    }
    let replaced = ctx.schema.views.insert(
        name.clone(),
        View {
            name: name.clone(),
            definition: cv.query.to_string(),
            reads,
            materialized: cv.materialized,
            comment: None,
        },
    );
    let what = if replaced.is_some() {
        Touch::Alter
    } else {
        Touch::Create
    };
    ctx.touch(what, ObjectRef::whole(ObjectKind::View, &name));
    Ok(())
}
