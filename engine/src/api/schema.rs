//! JSON Schemas of every operation's input and output, made from the Rust types that read and
//! write them, so the TypeScript and Python types generated from them (`scripts/gen-types`)
//! cannot drift from the JSON.

use super::output::*;
use super::*;
use crate::history::{DeployPlan, Prelude, Status};
use crate::introspect::IntrospectionQuery;
use crate::recover::{DownPlan, RecoveryPlan};
use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::JsonSchema;
use serde_json::Map;

/// One operation: its name and `$ref`s into the definitions of its side.
pub struct OperationSchema {
    pub name: &'static str,
    /// Into `ApiSchema::input_definitions`.
    pub input: Value,
    /// Into `ApiSchema::output_definitions`.
    pub output: Value,
}

/// Inputs are described as the engine reads them (a field with a default may be left out),
/// outputs as it writes them (a field it skips when empty may be absent), so a type on both
/// sides may have two definitions.
pub struct ApiSchema {
    /// In `OPERATIONS` order.
    pub operations: Vec<OperationSchema>,
    /// The diagnostic an operation fails with, into `output_definitions`.
    pub error: Value,
    pub input_definitions: Map<String, Value>,
    pub output_definitions: Map<String, Value>,
}

/// `version` reads nothing.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct VersionInput {}

pub fn api_schema() -> ApiSchema {
    let settings = SchemaSettings::draft2020_12();
    let mut inputs = settings.clone().for_deserialize().into_generator();
    let mut outputs = settings.for_serialize().into_generator();
    let mut gens = (&mut inputs, &mut outputs);
    let mut operations = vec![
        op::<VersionInput, VersionOutput>("version", &mut gens),
        op::<LoadInput, LoadOutput>("load", &mut gens),
        op::<PairInput, DiffOutput>("diff", &mut gens),
        op::<PairInput, PlanOutput>("plan", &mut gens),
        op::<LintInput, LintOutput>("lint", &mut gens),
        op::<HistoryInput, Status>("status", &mut gens),
        op::<DeployInput, DeployPlan>("deploy_plan", &mut gens),
        op::<RecoverInput, RecoveryPlan>("recover", &mut gens),
        op::<ResolveInput, Statements>("resolve", &mut gens),
        op::<DownInput, DownPlan>("down", &mut gens),
        op::<DownInput, DownPlan>("down_to", &mut gens),
        op::<QueriesInput, Vec<IntrospectionQuery>>("introspection_queries", &mut gens),
        op::<RowsInput, FromRowsOutput>("from_rows", &mut gens),
        op::<PreludeInput, Prelude>("prelude", &mut gens),
        op::<FailureInput<DeployPlan>, Statements>("deploy_failure", &mut gens),
        op::<FailureInput<RecoveryPlan>, Statements>("resume_failure", &mut gens),
        op::<crate::cli::Input, crate::cli::Step>("cli_step", &mut gens),
        op::<crate::cli::ProgressInput, crate::cli::Output>("cli_progress", &mut gens),
    ];
    // The table above is kept in any order; the output follows `OPERATIONS`.
    operations.sort_by_key(|o| OPERATIONS.iter().position(|n| *n == o.name));
    let error = outputs.subschema_for::<Diagnostic>().to_value();
    ApiSchema {
        operations,
        error,
        input_definitions: inputs.take_definitions(true),
        output_definitions: outputs.take_definitions(true),
    }
}

fn op<I: JsonSchema, O: JsonSchema>(
    name: &'static str,
    (inputs, outputs): &mut (&mut SchemaGenerator, &mut SchemaGenerator),
) -> OperationSchema {
    OperationSchema {
        name,
        input: inputs.subschema_for::<I>().to_value(),
        output: outputs.subschema_for::<O>().to_value(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An operation added to `dispatch` without a schema would get no types.
    #[test]
    fn every_operation_has_a_schema() {
        let names: Vec<&str> = api_schema().operations.iter().map(|o| o.name).collect();
        assert_eq!(names, OPERATIONS);
    }
}
