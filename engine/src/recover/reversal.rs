//! Undoing a plan: its steps' down SQL in reverse order, each keeping the class of the step it
//! undoes. A step that dropped a column is Lossy: the column comes back empty.

use super::prechecks::{pre_checks, PreCheck};
use crate::dialect::Dialect;
use crate::diff::Change;
use crate::plan::hazards::narrows;
use crate::plan::{least_reversible, Plan, Reversibility};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReverseStep {
    /// What is undone, as the forward step's summary lines.
    pub undoes: Vec<String>,
    /// Statements, without trailing semicolons; empty when the step cannot be undone.
    pub sql: Vec<String>,
    pub reversibility: Reversibility,
    /// What does not come back, in plain words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lost: Vec<String>,
    pub transactional: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reversal {
    pub steps: Vec<ReverseStep>,
    /// Queries that must return 0 before the reversal runs: it drops what they count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pre_checks: Vec<PreCheck>,
}

impl Reversal {
    pub fn of(plan: &Plan) -> Reversal {
        let steps: Vec<ReverseStep> = plan
            .steps
            .iter()
            .rev()
            .map(|s| ReverseStep {
                undoes: s.summary.clone(),
                sql: s.down.clone(),
                reversibility: s.reversibility,
                lost: s
                    .changes
                    .iter()
                    .filter_map(|c| lost(plan.dialect, c))
                    .collect(),
                transactional: s.transactional,
            })
            .collect();
        let undone: Vec<Change> = plan
            .steps
            .iter()
            .rev()
            .flat_map(|s| s.changes.iter().rev().map(Change::inverse))
            .collect();
        Reversal {
            steps,
            pre_checks: pre_checks(plan.dialect, &undone),
        }
    }

    /// The least reversible class among the steps (`Reversible` when there are none).
    pub fn reversibility(&self) -> Reversibility {
        least_reversible(self.steps.iter().map(|s| s.reversibility))
    }

    /// Every statement in order; irreversible steps add nothing.
    pub fn statements(&self) -> Vec<String> {
        self.steps.iter().flat_map(|s| s.sql.clone()).collect()
    }

    pub fn script(&self) -> String {
        let mut out = String::new();
        for step in &self.steps {
            if step.reversibility == Reversibility::Irreversible {
                for line in &step.undoes {
                    out.push_str(&format!("-- cannot be undone: {line}\n"));
                }
            }
            for stmt in &step.sql {
                out.push_str(stmt);
                out.push_str(";\n");
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// What undoing a forward change cannot bring back.
fn lost(dialect: Dialect, change: &Change) -> Option<String> {
    match change {
        Change::DropColumn { table, column, .. } => Some(format!(
            "column {table}.{} comes back empty: its values were dropped",
            column.name
        )),
        Change::DropTable { table } => Some(format!(
            "table {} comes back empty: its rows were dropped",
            table.name
        )),
        Change::AlterColumn {
            table,
            previous,
            next,
            ..
        } if narrows(dialect, &previous.data_type, &next.data_type) => Some(format!(
            "values of column {table}.{} cut to fit {} stay cut",
            next.name, next.data_type
        )),
        Change::DropEnumValue { name, value, .. } => Some(format!(
            "rows that held '{value}' of {name} do not get it back"
        )),
        _ => None,
    }
}
