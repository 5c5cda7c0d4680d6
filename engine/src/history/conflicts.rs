//! Conflicts between pending migrations, for CI before a deploy: two new migrations written on
//! parallel branches that change the same object. Pairs where one builds on the other (it uses
//! what the other created, or says so in `depends_on`) are one line of work, not a conflict.
//! A conflict whose two orders give the same schema is a warning; otherwise an error.

use super::index::Index;
use super::overlap::{builds_on, meetings, Meeting};
use super::policy::apply;
use super::status::{status_of, State};
use super::{History, LocalMigration, OrderingPolicy};
use crate::compare::{differences, Options};
use crate::diag::{Code, Diagnostic, Severity};
use crate::footprint::Footprint;
use crate::model::Schema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The two migrations, in id order.
    pub first: String,
    pub second: String,
    /// The objects both change, e.g. `users`, `users.email`.
    pub objects: Vec<String>,
    /// Running them in either order gives the same schema.
    pub commutes: bool,
    pub diagnostic: Diagnostic,
}

/// Every conflicting pair among the migrations not applied yet.
pub fn conflicts(history: &History) -> Result<Vec<Conflict>, Diagnostic> {
    let index = Index::new(history)?;
    let status = status_of(&index, OrderingPolicy::Permissive);
    let pending: Vec<&LocalMigration> = status
        .entries
        .iter()
        .filter(|e| {
            matches!(e.state, State::Pending | State::OutOfOrder) && e.replaced_by.is_none()
        })
        .filter_map(|e| index.local(&e.id))
        .collect();
    if pending.len() < 2 {
        return Ok(Vec::new());
    }
    // The database's schema, then each pending migration in id order: the state before each
    // and its footprint there (`None` when it fails there).
    let mut schema = Schema::empty(history.dialect);
    for id in index.effective_applied() {
        if let Some(m) = index.local(id) {
            apply(&mut schema, m)?;
        }
    }
    let mut before: Vec<Schema> = Vec::with_capacity(pending.len());
    let mut fps: Vec<Option<Footprint>> = Vec::with_capacity(pending.len());
    for m in &pending {
        before.push(schema.clone());
        let fp = apply(&mut schema, m).ok();
        if fp.is_none() {
            schema = before.last().expect("pushed").clone();
        }
        fps.push(fp);
    }
    let mut out = Vec::new();
    for (i, a) in pending.iter().enumerate() {
        let Some(fa) = &fps[i] else { continue };
        for (j, b) in pending.iter().enumerate().skip(i + 1) {
            let declared = index.dependencies_of(&b.id).contains(a.id.as_str());
            if declared || fps[j].as_ref().is_some_and(|fb| builds_on(fb, fa)) {
                continue;
            }
            // `b` where `a` would have been: if it cannot run there, it needs `a` (or something
            // between them) and is not parallel work.
            let Ok(fb) = apply(&mut before[i].clone(), b) else {
                continue;
            };
            let met = meetings(fa, &fb);
            if met.is_empty() {
                continue;
            }
            let outcome = either_way(&before[i], a, b);
            out.push(conflict(a, b, met, outcome));
        }
    }
    Ok(out)
}

/// What running two migrations in either order from one state gives.
enum Outcome {
    Same,
    Differs(String),
    Fails {
        first: String,
        second: String,
        error: String,
    },
}

fn either_way(start: &Schema, a: &LocalMigration, b: &LocalMigration) -> Outcome {
    let run = |first: &LocalMigration, second: &LocalMigration| {
        let mut s = start.clone();
        apply(&mut s, first)
            .and_then(|_| apply(&mut s, second))
            .map(|_| s)
    };
    let fails =
        |first: &LocalMigration, second: &LocalMigration, error: Diagnostic| Outcome::Fails {
            first: first.id.clone(),
            second: second.id.clone(),
            error: error.message,
        };
    match (run(a, b), run(b, a)) {
        (Ok(x), Ok(y)) => match differences(
            &x,
            &y,
            Options {
                view_definitions: true,
            },
        )
        .first()
        {
            None => Outcome::Same,
            Some(d) => Outcome::Differs(d.path.clone()),
        },
        (Err(e), _) => fails(a, b, e),
        (_, Err(e)) => fails(b, a, e),
    }
}

fn conflict(
    a: &LocalMigration,
    b: &LocalMigration,
    met: Vec<Meeting>,
    outcome: Outcome,
) -> Conflict {
    let what = met
        .iter()
        .map(|m| m.label.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let objects: Vec<String> = met.into_iter().map(|m| m.object).collect();
    let commutes = matches!(outcome, Outcome::Same);
    let severity = if commutes {
        Severity::Warning
    } else {
        Severity::Error
    };
    let outcome = match outcome {
        Outcome::Same => "either order gives the same schema".to_string(),
        Outcome::Differs(path) => format!("the order they run in changes the schema at {path}"),
        Outcome::Fails {
            first,
            second,
            error,
        } => format!("{second} fails after {first}: {error}"),
    };
    let diagnostic = Diagnostic::new(
        Code::MigrationConflict,
        severity,
        format!("these two new migrations both change {what}: {} and {}; {outcome}", a.id, b.id),
    )
    .with_object(objects[0].clone())
    .in_migration(b.id.clone())
    .with_hint(format!(
        "rebase one branch onto the other and regenerate {} on top of {}, or list {} in its depends_on",
        b.id, a.id, a.id
    ));
    Conflict {
        first: a.id.clone(),
        second: b.id.clone(),
        objects,
        commutes,
        diagnostic,
    }
}
