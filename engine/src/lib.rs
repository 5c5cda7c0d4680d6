//! Waymark's pure core: no files, sockets, clocks or randomness. Hosts pass data in and run
//! the SQL that comes out. See `../shared/DESIGN.md` and `docs/` for the JSON shapes.

// `Diagnostic` is the one error type every binding maps; it is large (message, hint, object,
// location) but only travels on the error path, so boxing it would buy nothing measurable.
#![allow(clippy::result_large_err)]

pub mod api;
pub mod canon;
pub mod cli;
pub mod compare;
pub mod diag;
pub mod dialect;
pub mod diff;
pub mod footprint;
pub mod history;
pub mod ingest;
pub mod introspect;
pub mod model;
pub mod plan;
pub mod recover;
pub(crate) mod render;
pub mod replay;
pub mod snapshot;
pub mod source;

pub use diag::{Code, Diagnostic, Location, Severity};
pub use dialect::Dialect;
pub use model::*;
