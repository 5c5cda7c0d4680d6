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
    let (Some(a), Some(b)) = (&previous.partition_of, &next.partition_of) else {
        return;
    };
    if a == b {
        return;
    }
    out.push(hazard(
        Code::MayFailCheck,
        table.to_string(),
        format!(
            "partition {table} is detached from {} and attached to {} {}: this fails if a row of it lies outside the new bound, or a row of the default partition inside it",
            a.parent, b.parent, b.bound
        ),
        "move rows that do not fit into their partition first",
    ));
}
