//! Canonicalisation: one spelling for every type, expression and implicit name, so that a
//! schema read from SQL, from a snapshot or from a live database compares equal when the
//! database would consider it equal.

pub mod expr;
pub mod ident;
pub mod names;
pub mod types;

pub use expr::{normalize_expr, normalize_expr_text};
pub use ident::{ident, object_name};
pub use types::canonical_type;
