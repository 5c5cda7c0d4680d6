//! Migration ids and their order.
//!
//! An id is a run of ASCII digits (the prefix), then optionally `_` and a name:
//! `20231109120000_add_users`, `0001_init`, `42`. A prefix of 8 to 20 digits is a timestamp
//! (`YYYYMMDD[HHMMSS[fraction]]`), a shorter one a sequence number. Ids sort by the prefix's
//! numeric value, then by the rest of the id byte-wise, then by the whole id. Timestamps of
//! different precision compare as if padded with zeros on the right, so `20230913_a` (midnight)
//! sorts before `20230913120000_b`. One history uses one layout: mixing timestamps and sequence
//! numbers is an error, because no order between them would mean anything.

use crate::diag::{Code, Diagnostic};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Digits a timestamp prefix may have: `YYYYMMDD` up to nanoseconds.
const TIMESTAMP_DIGITS: std::ops::RangeInclusive<usize> = 8..=20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdLayout {
    Timestamp,
    Sequence,
}

/// A parsed id. `Ord` is the documented sorting rule (within one layout).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MigrationId {
    pub id: String,
    pub layout: IdLayout,
    key: u128,
    /// Byte offset where the part after the prefix starts.
    rest: usize,
}

impl MigrationId {
    pub fn parse(id: &str) -> Result<Self, Diagnostic> {
        let (layout, key, rest) = parts(id)?;
        Ok(MigrationId {
            id: id.to_string(),
            layout,
            key,
            rest,
        })
    }

    pub fn name(&self) -> &str {
        self.id[self.rest..].trim_start_matches('_')
    }

    /// What ids are ordered by: the prefix's value, the rest, the whole id.
    pub(crate) fn order_key(&self) -> (u128, &str, &str) {
        (self.key, &self.id[self.rest..], &self.id)
    }
}

/// The layout, the prefix's value made comparable (a timestamp padded to 20 digits, so
/// precisions compare; 20 digits fit a u128), and where the rest of the id starts. No
/// allocation: the history index parses every id it looks up.
pub(crate) fn parts(id: &str) -> Result<(IdLayout, u128, usize), Diagnostic> {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &id[digits..];
    let separated = rest.is_empty() || rest.starts_with('_');
    if digits == 0 || !separated || digits > *TIMESTAMP_DIGITS.end() {
        return Err(Diagnostic::error(
            Code::InvalidMigrationId,
            format!("migration id `{id}` does not start with a timestamp or sequence number"),
        )
        .with_object(id)
        .with_hint(
            "name migrations like `20231109120000_add_users` or `0001_init` \
             (digits, then `_` and a name)",
        ));
    }
    let value = id.as_bytes()[..digits]
        .iter()
        .fold(0u128, |v, d| v * 10 + u128::from(d - b'0'));
    if TIMESTAMP_DIGITS.contains(&digits) {
        let padding = 10u128.pow((TIMESTAMP_DIGITS.end() - digits) as u32);
        Ok((IdLayout::Timestamp, value * padding, digits))
    } else {
        Ok((IdLayout::Sequence, value, digits))
    }
}

impl Ord for MigrationId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl PartialOrd for MigrationId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The part of an id after its numeric prefix (the whole id when it has none).
pub fn name_part(id: &str) -> &str {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    id[digits..].trim_start_matches('_')
}

/// Parses and sorts ids by the documented rule. Fails on an id without a prefix and on a mix
/// of timestamps and sequence numbers, naming one id of each layout.
pub fn sort_ids<'a>(
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<MigrationId>, Diagnostic> {
    let mut parsed = ids
        .into_iter()
        .map(MigrationId::parse)
        .collect::<Result<Vec<_>, _>>()?;
    check_one_layout(parsed.iter().map(|m| (m.layout, m.id.as_str())))?;
    parsed.sort();
    parsed.dedup();
    Ok(parsed)
}

/// One history, one layout: names one id of each when they are mixed.
pub(crate) fn check_one_layout<'a>(
    ids: impl IntoIterator<Item = (IdLayout, &'a str)>,
) -> Result<(), Diagnostic> {
    let (mut ts, mut seq) = (None, None);
    for (layout, id) in ids {
        match layout {
            IdLayout::Timestamp => ts = ts.or(Some(id)),
            IdLayout::Sequence => seq = seq.or(Some(id)),
        }
        if let (Some(ts), Some(seq)) = (ts, seq) {
            return Err(Diagnostic::error(
                Code::MixedIdLayouts,
                format!("migration ids mix timestamps (`{ts}`) and sequence numbers (`{seq}`)"),
            )
            .with_object(seq)
            .with_hint(
                "use one layout for the whole history: rename the sequence-numbered migrations \
                 with timestamps (or the other way round) before they are applied anywhere",
            ));
        }
    }
    Ok(())
}
