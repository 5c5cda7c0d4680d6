//! Introspection as data.
