//! The planner: turns a diff's changes into executable steps. So far only the execution
//! order, from an explicit dependency graph (`order`); see `deps` for what each change needs.

mod deps;
mod order;

pub use order::order;
