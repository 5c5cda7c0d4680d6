//! The native Node addon: JSON text in, JSON text out, through `waymark::api`. No logic lives
//! here. An error's message is the diagnostic as JSON; the package's `index.js` turns it into
//! an `Error` with `code` and `diagnostic`, as the WASM build does.

use napi::{Error, Result, Status};
use napi_derive::napi;

/// Runs `op` on JSON text; returns JSON text.
#[napi]
pub fn call_json(op: String, input: String) -> Result<String> {
    waymark::api::call_json(&op, &input).map_err(|d| {
        let json = waymark::api::error_json(&d);
        Error::new(Status::GenericFailure, json)
    })
}

/// The operation names.
#[napi]
pub fn operations() -> Vec<String> {
    waymark::api::OPERATIONS
        .iter()
        .map(|s| s.to_string())
        .collect()
}
