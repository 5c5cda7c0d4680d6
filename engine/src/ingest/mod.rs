//! SQL DDL ingestion.
