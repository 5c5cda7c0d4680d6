//! Canonicalisation: one spelling for every type, expression and implicit name, so that a
//! schema read from SQL, from a snapshot or from a live database compares equal when the
//! database would consider it equal.

pub mod collation;
pub mod definition;
pub mod expr;
pub mod ident;
pub mod names;
pub mod opclass;
pub mod policy_expr;
pub mod types;
pub mod user_types;

pub use expr::{normalize_expr, normalize_expr_text};
pub use ident::{ident, object_name};
pub use types::canonical_type;
