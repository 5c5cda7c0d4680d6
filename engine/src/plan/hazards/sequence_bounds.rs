//! `may-fail-sequence-bound`: a sequence's range shrinks ahead of where it counts.
//!
//! An ascending sequence whose MAXVALUE is lowered (a descending one whose MINVALUE is
//! raised) may already stand past the new bound; PostgreSQL refuses the ALTER then, and
//! nothing but a restart (which would hand out values again) brings it back in range. The
//! bound behind the counting direction needs no warning: the plan restarts the sequence
//! there only when it stands outside, where no value repeats.

use super::{altered_column, hazard, member, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::{Change, ColumnAspect};

pub(super) fn check(change: &Change, _: &Context, out: &mut Vec<Diagnostic>) {
    let Some((table, previous, next)) = altered_column(change, ColumnAspect::Sequence) else {
        return;
    };
    let (a, b) = (
        previous.sequence_values(&next.data_type),
        next.sequence_values(&next.data_type),
    );
    let ahead = if b.increment > 0 && b.max < a.max {
        Some(("MAXVALUE", b.max))
    } else if b.increment < 0 && b.min > a.min {
        Some(("MINVALUE", b.min))
    } else {
        None
    };
    if let Some((what, bound)) = ahead {
        let object = member(table, &next.name);
        out.push(hazard(
            Code::MayFailSequenceBound,
            object.clone(),
            format!(
                "the sequence of {object} gets {what} {bound}: the change fails if it has counted past it"
            ),
            format!(
                "compare SELECT pg_sequence_last_value(pg_get_serial_sequence('{table}', '{}')::regclass) with {bound} first",
                next.name
            ),
        ));
    }
}
