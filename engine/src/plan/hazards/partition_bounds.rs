//! `may-fail-check`: a partition attached again under a new bound.
//!
//! ATTACH PARTITION checks every row of the partition against its new bound, and the
//! parent's default partition against the values the bound takes from it: rows outside
//! fail the step. The partition is also detached meanwhile, so its rows are out of the
//! parent's reads until it is back.

use super::{hazard, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::Change;

pub(super) fn check(change: &Change, _: &Context, out: &mut Vec<Diagnostic>) {
    let Change::AlterTableOptions {
        table,
        previous,
        next,
    } = change
    else {
        return;
    };
    let Some(b) = &next.partition_of else {
        return;
    };
    let from = match &previous.partition_of {
        Some(a) if a == b => return,
        Some(a) => format!("is detached from {} and", a.parent),
        None => "is".to_string(),
    };
    out.push(hazard(
        Code::MayFailCheck,
        table.to_string(),
        format!(
            "table {table} {from} attached to {} {}: this fails if a row of it lies outside the bound, or a row of the default partition inside it",
            b.parent, b.bound
        ),
        "move rows that do not fit into their partition first",
    ));
}
