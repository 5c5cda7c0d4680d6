//! History replay: migrations applied in order to an empty schema, in memory.
