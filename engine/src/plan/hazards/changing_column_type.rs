//! `data-loss-narrowing-type`, `may-fail-cast`: a column type change that can cut values
//! (shorter, smaller, less precise, another family) or whose cast can fail on them.
//!
//! - Narrowing (see `narrows`): both. Postgres and strict MySQL reject a value that does not
//!   fit; MySQL without strict mode cuts it down instead.
//! - A change of family that keeps every value (integer → text, timestamp →
//!   timestamptz): `may-fail-cast` only. The values survive, but defaults, checks and
//!   expression indexes written for the old type are converted or re-checked with it.
//! - Widening within a family: nothing.
//! - SQLite never fails a cast: a rebuild copies whatever value it finds, converting it by
//!   the new affinity. Only the narrowing warning applies there.
//! - MySQL `enum(...)`/`set(...)` to another list of the same kind is
//!   `dropping_enum_values`'s business: a dropped value is not a narrower type.

use super::type_widths::{classify, mysql_choice_values, Conversion};
use super::{altered_column, hazard, member, narrows, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::{Change, ColumnAspect};
use crate::Dialect;

pub(super) fn check(change: &Change, ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((table, previous, next)) = altered_column(change, ColumnAspect::Type) else {
        return;
    };
    let d = ctx.dialect;
    let (from, to) = (previous.data_type.as_str(), next.data_type.as_str());
    if let (Some((a, _)), Some((b, _))) = (mysql_choice_values(d, from), mysql_choice_values(d, to))
    {
        if a == b {
            return;
        }
    }
    let object = member(table, &next.name);
    if narrows(d, from, to) {
        let loses = if d == Dialect::Sqlite {
            format!(
                "changing column {object} from {from} to {to} converts text that looks like a number (`'007'` becomes 7)"
            )
        } else {
            format!("changing column {object} from {from} to {to} can lose data: values that do not fit {to} are rejected or cut")
        };
        out.push(hazard(
            Code::DataLossNarrowingType,
            object.clone(),
            loses,
            "check that every value fits the new type first; what is cut does not come back on the way down",
        ));
        if d != Dialect::Sqlite {
            out.push(hazard(
                Code::MayFailCast,
                object.clone(),
                format!(
                    "changing column {object} from {from} to {to} fails if a value does not convert to {to}"
                ),
                "find and fix the values that do not convert before migrating",
            ));
        }
    } else if d != Dialect::Sqlite && classify(d, from, to) == Conversion::Convertible {
        out.push(hazard(
            Code::MayFailCast,
            object.clone(),
            format!(
                "changing column {object} from {from} to {to} converts every value; defaults, checks and indexes written for {from} may not convert"
            ),
            "check the column's default, constraints, indexes and application code against the new type",
        ));
    }
}
