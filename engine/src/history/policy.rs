//! Ordering policies: what to do with a migration older than one already applied (it was
//! merged late, from a parallel branch).
//!
//! - `strict` (default): an error naming both migrations.
//! - `permissive`: run it, with a warning.
//! - `commutative`: run it only if it commutes with every migration applied after its
//!   position: their footprints do not overlap, or replaying the history in both orders gives
//!   the same schema. Otherwise an error naming the objects where they meet.

use super::index::Index;
use super::overlap::{meetings, verb_for, Tense};
use super::LocalMigration;
use crate::compare::{differences, Options};
use crate::diag::{Code, Diagnostic, Severity};
use crate::footprint::Footprint;
use crate::ingest;
use crate::model::Schema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderingPolicy {
    #[default]
    Strict,
    Permissive,
    Commutative,
}

/// The verdict on one migration that sorts before an applied one: `Ok(Some(notes))` when it
/// may run, `Err` when it may not, `Ok(None)` when every newer applied migration is one it
/// depends on (so it is not out of order at all).
pub(crate) fn judge(
    index: &Index,
    late: &LocalMigration,
    policy: OrderingPolicy,
) -> Result<Option<Vec<Diagnostic>>, Diagnostic> {
    let after = applied_after(index, &late.id);
    let Some(newest) = after.last() else {
        return Ok(None);
    };
    let summary = format!(
        "{} is older than {newest}, which is already applied",
        late.id
    );
    match policy {
        OrderingPolicy::Strict => Err(Diagnostic::error(Code::OutOfOrder, summary)
            .with_object(late.id.clone())
            .in_migration(late.id.clone())
            .with_hint(
                "give it a new id after the latest applied migration, or deploy with the \
                 permissive or commutative ordering policy",
            )),
        OrderingPolicy::Permissive => Ok(Some(vec![Diagnostic::warning(
            Code::OutOfOrder,
            format!("{summary}; it runs anyway (permissive policy)"),
        )
        .with_object(late.id.clone())
        .in_migration(late.id.clone())])),
        OrderingPolicy::Commutative => commutes(index, late, &after).map(Some),
    }
}

/// The migrations in the database that sort after `id`, in order, minus those `id` says it
/// depends on (it was written on top of them, so it is not parallel work).
fn applied_after<'a>(index: &Index<'a>, id: &str) -> Vec<&'a str> {
    let deps = index.dependencies_of(id);
    let here = index.pos(id);
    index
        .effective_applied()
        .into_iter()
        .filter(|a| index.pos(a) > here && !deps.contains(a))
        .collect()
}

/// The commutative check. The database's order is: everything applied, then `late`. Id order
/// would have run `late` before `later`. Both are replayed from the common prefix.
fn commutes(
    index: &Index,
    late: &LocalMigration,
    later: &[&str],
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let sql_of = |id: &str| {
        index.local(id).ok_or_else(|| {
            refuse(
                late,
                format!(
                    "cannot check whether {} commutes: {id} is applied but missing locally",
                    late.id
                ),
                None,
            )
        })
    };
    // The common prefix: everything applied except `later` (so the newer migrations `late`
    // depends on are in it too).
    let later_set: BTreeSet<&str> = later.iter().copied().collect();
    let mut base = Schema::empty(index.history.dialect);
    for id in index
        .effective_applied()
        .into_iter()
        .filter(|a| !later_set.contains(a))
    {
        apply(&mut base, sql_of(id)?).map_err(|d| unreplayable(late, id, d))?;
    }

    // Footprints of the later ones as they ran, and of `late` where the database will run it.
    let mut deployed = base.clone();
    let mut later_fps: Vec<(&str, Footprint)> = Vec::with_capacity(later.len());
    for id in later {
        let fp = apply(&mut deployed, sql_of(id)?).map_err(|d| unreplayable(late, id, d))?;
        later_fps.push((id, fp));
    }
    let mut intended = base;
    let late_fp = apply(&mut intended, late);
    let deployed_result = apply(&mut deployed, late);

    let first_meeting = |fp: &Footprint| {
        later_fps
            .iter()
            .find_map(|(id, other)| meetings(fp, other).into_iter().next().map(|m| (*id, m)))
    };
    let late_fp = match (late_fp, deployed_result) {
        (Ok(fp), Ok(_)) => fp,
        (Ok(fp), Err(d)) => {
            // It runs on the prefix but not after the later ones. Best: the object the error
            // names and the latest migration that changed it; else where the footprints meet.
            let culprit = d.object.as_deref().and_then(|object| {
                later_fps.iter().rev().find_map(|(id, other)| {
                    verb_for(other, object, Tense::Past).map(|verb| (*id, object, verb))
                })
            });
            let (text, object) = match (culprit, first_meeting(&fp)) {
                (Some((id, object, verb)), _) => {
                    let own = verb_for(&fp, object, Tense::Present).unwrap_or("uses");
                    let text = format!("{} {own} {object}, which {id} {verb}", late.id);
                    (text, Some(object.to_string()))
                }
                (None, Some((id, m))) => (m.describe(&late.id, id), Some(m.object)),
                (None, None) => (late.id.clone(), d.object.clone()),
            };
            let text = format!(
                "{text}; it cannot run after what was applied since: {}",
                d.message
            );
            return Err(refuse(late, text, object));
        }
        (Err(d), _) => return Err(d.in_migration(late.id.clone())),
    };
    let Some((_, meeting)) = first_meeting(&late_fp) else {
        return Ok(Vec::new());
    };

    // The footprints meet: replay the rest of id order and compare the schemas.
    for (id, _) in &later_fps {
        if let Err(d) = apply(&mut intended, index.local(id).expect("replayed above")) {
            let text = format!(
                "{}; {id} could not have run after it: {}",
                meeting_text(&later_fps, &late_fp, late),
                d.message
            );
            return Err(refuse(late, text, Some(meeting.object)));
        }
    }
    let diffs = differences(
        &deployed,
        &intended,
        Options {
            view_definitions: true,
        },
    );
    if diffs.is_empty() {
        return Ok(Vec::new());
    }
    if diffs.iter().all(|d| d.path.ends_with(" (order)")) {
        return Ok(vec![Diagnostic::warning(
            Code::ColumnOrderDiffers,
            format!(
                "{} commutes with the migrations applied since, but columns end up in another order than in id order: {}",
                late.id, diffs[0]
            ),
        )
        .with_object(late.id.clone())
        .in_migration(late.id.clone())
        .with_hint("harmless unless something depends on column positions (SELECT *, INSERT without a column list)")]);
    }
    let text = format!(
        "{}; the schema would differ from id order at {}",
        meeting_text(&later_fps, &late_fp, late),
        diffs[0].path
    );
    Err(refuse(late, text, Some(meeting.object)))
}

fn meeting_text(later: &[(&str, Footprint)], late_fp: &Footprint, late: &LocalMigration) -> String {
    let all: Vec<String> = later
        .iter()
        .flat_map(|(id, fp)| {
            meetings(late_fp, fp)
                .into_iter()
                .map(move |m| m.describe(&late.id, id))
        })
        .collect();
    all.join("; ")
}

/// Applies one migration; its footprint, or the first error.
pub(crate) fn apply(schema: &mut Schema, m: &LocalMigration) -> Result<Footprint, Diagnostic> {
    let applied = ingest::apply_sql(schema, &m.sql).map_err(|d| d.in_migration(m.id.clone()))?;
    Ok(applied.footprint)
}

/// The applied history itself does not replay, so nothing can be said about commuting.
fn unreplayable(late: &LocalMigration, id: &str, d: Diagnostic) -> Diagnostic {
    let text = format!(
        "cannot check whether {} commutes: replaying {id} failed: {}",
        late.id, d.message
    );
    refuse(late, text, None)
}

fn refuse(late: &LocalMigration, message: String, object: Option<String>) -> Diagnostic {
    let d = Diagnostic::new(Code::NonCommutative, Severity::Error, message)
        .in_migration(late.id.clone())
        .with_hint(format!(
            "{} conflicts with what ran after it: give it a new id after the latest applied \
             migration and rewrite it against the current schema",
            late.id
        ));
    d.with_object(object.unwrap_or_else(|| late.id.clone()))
}
