//! Waymark's pure core: no files, sockets, clocks or randomness. Hosts pass data in and run
//! the SQL that comes out. See `../shared/DESIGN.md` and `docs/` for the JSON shapes.

pub mod canon;
pub mod compare;
pub mod diag;
pub mod dialect;
pub mod footprint;
pub mod ingest;
pub mod introspect;
pub mod model;
// pub mod replay; (enabled once ingest::apply_sql lands)
pub mod snapshot;

pub use diag::{Code, Diagnostic, Location, Severity};
pub use dialect::Dialect;
pub use model::*;
