//! What the planner hands back: ordered steps, each with its SQL both ways, what it risks
//! and whether it can be undone. See `docs/plan.md`.

use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::diff::Change;
use serde::{Deserialize, Serialize};

/// Whether the down SQL brings back what the up SQL changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reversibility {
    /// Schema and data come back.
    Reversible,
    /// The schema comes back, the data does not (a dropped column returns empty).
    Lossy,
    /// No down SQL can undo it; `down` is empty.
    Irreversible,
}

/// Planner options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PlanOptions {
    /// Postgres only: CREATE INDEX CONCURRENTLY outside a transaction, constraints added
    /// NOT VALID then validated, SET NOT NULL through a validated check.
    #[serde(default)]
    pub online: bool,
}

/// One unit of work. Usually one change; a SQLite table rebuild folds every change to
/// that table into one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Step {
    /// Human lines, e.g. `+ table posts`.
    pub summary: Vec<String>,
    pub changes: Vec<Change>,
    /// Statements, without trailing semicolons.
    pub up: Vec<String>,
    /// Statements that undo `up`, run in this order; empty when irreversible.
    pub down: Vec<String>,
    pub reversibility: Reversibility,
    /// Warnings whose codes start with the category: `data-loss-`, `may-fail-`,
    /// `table-rewrite`, `long-lock-`, `breaks-app-`.
    pub hazards: Vec<Diagnostic>,
    /// Objects touched, as `table users`, `column users.email`, `view v`, `enum mood`.
    pub touches: Vec<String>,
    /// False when the step must run outside a transaction block (Postgres CREATE INDEX
    /// CONCURRENTLY, an enum value used by later steps) or the dialect's DDL commits
    /// implicitly (MySQL).
    pub transactional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Plan {
    pub dialect: Dialect,
    pub steps: Vec<Step>,
    /// `possible-rename` and other advice that did not change the plan.
    pub suggestions: Vec<Diagnostic>,
}

impl Plan {
    /// The up SQL of every step, in order, one statement per line group.
    pub fn up_script(&self) -> String {
        script(self.steps.iter().map(|s| &s.up))
    }

    /// The down SQL: steps in reverse order, each one's down statements in order.
    /// Irreversible steps contribute nothing and are named in a comment.
    pub fn down_script(&self) -> String {
        let mut out = String::new();
        for step in self.steps.iter().rev() {
            if step.reversibility == Reversibility::Irreversible {
                for line in &step.summary {
                    out.push_str(&format!("-- irreversible: {line}\n"));
                }
            }
            out.push_str(&script(std::iter::once(&step.down)));
        }
        out
    }

    /// One line per change, in execution order.
    pub fn summary(&self) -> Vec<String> {
        self.steps.iter().flat_map(|s| s.summary.clone()).collect()
    }

    /// The least reversible class among the steps (`Reversible` for an empty plan).
    pub fn reversibility(&self) -> Reversibility {
        least_reversible(self.steps.iter().map(|s| s.reversibility))
    }
}

/// The least reversible class of several (`Reversible` for none).
pub(crate) fn least_reversible(classes: impl Iterator<Item = Reversibility>) -> Reversibility {
    classes.max().unwrap_or(Reversibility::Reversible)
}

fn script<'a>(groups: impl Iterator<Item = &'a Vec<String>>) -> String {
    let mut out = String::new();
    for stmt in groups.flatten() {
        out.push_str(stmt);
        out.push_str(";\n");
    }
    out
}
