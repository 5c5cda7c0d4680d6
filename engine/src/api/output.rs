//! The outputs that are not an engine type of their own. They are named structs rather than
//! `json!` so that their JSON Schema, and the TypeScript and Python types generated from it
//! (`scripts/gen-types`), come from the same Rust that writes the JSON.

use crate::diag::Diagnostic;
use crate::diff::Change;
use crate::plan::{Plan, Reversibility};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(super) struct VersionOutput {
    /// The engine's version.
    pub version: &'static str,
    /// Every operation this engine answers.
    pub operations: &'static [&'static str],
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(super) struct LoadOutput {
    #[cfg_attr(feature = "schema", schemars(with = "crate::snapshot::Envelope"))]
    pub schema: Value,
    /// What the SQL produced besides the schema: unsupported statements and the like.
    pub notes: Vec<Diagnostic>,
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(super) struct DiffOutput {
    pub changes: Vec<Change>,
    /// One line per change, for people.
    pub summary: Vec<String>,
    /// `possible-rename` warnings: drops and adds that may be renames.
    pub suggestions: Vec<Diagnostic>,
    pub notes: Vec<Diagnostic>,
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(super) struct PlanOutput {
    /// The up SQL of every step, one statement per line group.
    pub up: String,
    /// The down SQL: steps in reverse order; irreversible steps named in a comment.
    pub down: String,
    pub summary: Vec<String>,
    /// The least reversible step's.
    pub reversibility: Reversibility,
    pub plan: Plan,
    pub notes: Vec<Diagnostic>,
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(super) struct LintOutput<'a> {
    /// Every hazard of every step, in step order.
    pub hazards: Vec<LintHazard<'a>>,
    pub reversibility: Reversibility,
    pub summary: Vec<String>,
    pub notes: Vec<Diagnostic>,
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(super) struct LintHazard<'a> {
    /// The summary lines of the step with the hazard.
    pub step: &'a [String],
    pub reversibility: Reversibility,
    pub hazard: &'a Diagnostic,
}

/// Writes to run, in order.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(super) struct Statements {
    pub statements: Vec<String>,
}

#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(super) struct FromRowsOutput {
    #[cfg_attr(feature = "schema", schemars(with = "crate::snapshot::Envelope"))]
    pub schema: Value,
}
