//! Reading the rows a host sends back. Hosts' drivers disagree on types, so the queries select
//! text only; a value is still accepted as a JSON number or bool, and flags in any common
//! spelling. Everything missing is an `InvalidIntrospectionRows` naming query and column.

use super::Row;
use crate::diag::{Code, Diagnostic};
use crate::model::QualifiedName;
use serde_json::Value;
use std::collections::BTreeMap;

/// The rows of one query, with its id for error messages.
pub(crate) struct Rows<'a> {
    pub query: &'a str,
    pub rows: &'a [Row],
}

/// One row of a named query.
#[derive(Clone, Copy)]
pub(crate) struct R<'a> {
    query: &'a str,
    row: &'a Row,
}

pub(crate) fn rows<'a>(
    results: &'a BTreeMap<String, Vec<Row>>,
    query: &'a str,
) -> Result<Rows<'a>, Diagnostic> {
    let rows = results.get(query).ok_or_else(|| {
        invalid(format!("no result for introspection query `{query}`"))
            .with_object(query.to_string())
            .with_hint(
                "run every query from `introspect::queries` and pass all results, keyed by id",
            )
    })?;
    Ok(Rows { query, rows })
}

impl<'a> Rows<'a> {
    pub fn iter(&self) -> impl Iterator<Item = R<'a>> + 'a {
        let query = self.query;
        self.rows.iter().map(move |row| R { query, row })
    }
}

pub(crate) fn invalid(message: String) -> Diagnostic {
    Diagnostic::error(Code::InvalidIntrospectionRows, message)
}

impl<'a> R<'a> {
    pub(crate) fn bad(&self, column: &str, what: &str) -> Diagnostic {
        invalid(format!(
            "introspection query `{}`: column `{column}` {what}",
            self.query
        ))
        .with_object(format!("{}.{column}", self.query))
    }

    fn value(&self, column: &str) -> Result<&'a Value, Diagnostic> {
        self.row.get(column).ok_or_else(|| {
            self.bad(column, "is missing")
                .with_hint("pass each row as an object keyed by the column names the query selects")
        })
    }

    /// Text, or `None` for NULL.
    pub fn opt(&self, column: &str) -> Result<Option<String>, Diagnostic> {
        match self.value(column)? {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            Value::Number(n) => Ok(Some(n.to_string())),
            Value::Bool(b) => Ok(Some(b.to_string())),
            _ => Err(self.bad(column, "must be text, a number, a bool or null")),
        }
    }

    /// Text, `""` never meaning "absent" here; NULL is an error.
    pub fn text(&self, column: &str) -> Result<String, Diagnostic> {
        self.opt(column)?
            .ok_or_else(|| self.bad(column, "is null, but a value is required"))
    }

    /// Text where the empty string means "none" too (comments, MySQL's blank columns).
    pub fn non_empty(&self, column: &str) -> Result<Option<String>, Diagnostic> {
        Ok(self.opt(column)?.filter(|s| !s.is_empty()))
    }

    pub fn flag(&self, column: &str) -> Result<bool, Diagnostic> {
        let text = self.text(column)?;
        match text.to_ascii_lowercase().as_str() {
            "t" | "true" | "1" | "y" | "yes" | "on" => Ok(true),
            "f" | "false" | "0" | "n" | "no" | "off" => Ok(false),
            _ => Err(self.bad(column, &format!("must be a boolean, got `{text}`"))),
        }
    }

    pub fn int(&self, column: &str) -> Result<i64, Diagnostic> {
        let text = self.text(column)?;
        text.trim()
            .parse()
            .map_err(|_| self.bad(column, &format!("must be an integer, got `{text}`")))
    }

    pub fn opt_int(&self, column: &str) -> Result<Option<i64>, Diagnostic> {
        match self.opt(column)? {
            None => Ok(None),
            Some(_) => self.int(column).map(Some),
        }
    }

    /// The model's name for the object a row names in `column`: qualified by the row's `nsp`
    /// unless that is the `default` namespace. Rows of the one-namespace queries of MySQL and
    /// SQLite carry no `nsp`: their objects are all in `default`.
    pub fn key(&self, default: &str, column: &str) -> Result<QualifiedName, Diagnostic> {
        let ns = match self.row.contains_key("nsp") {
            true => self.opt("nsp")?,
            false => None,
        };
        Ok(super::build::qualified(ns, default, self.text(column)?))
    }

    /// A list the query aggregated as a JSON array (so names may hold any character).
    /// NULL is the empty list; a driver may also hand the array over already parsed.
    pub fn list<T: serde::de::DeserializeOwned>(&self, column: &str) -> Result<Vec<T>, Diagnostic> {
        let value = self.value(column)?;
        let parsed = match value {
            Value::Null => return Ok(Vec::new()),
            Value::String(s) => serde_json::from_str(s),
            other => serde_json::from_value(other.clone()),
        };
        parsed.map_err(|e| self.bad(column, &format!("must be a JSON array: {e}")))
    }
}

/// An object in the model that a row refers to but no row created.
pub(crate) fn unknown(query: &str, what: &str) -> Diagnostic {
    invalid(format!(
        "introspection query `{query}` refers to unknown {what}"
    ))
    .with_hint("pass the results of one run of all queries")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one(row: Value) -> BTreeMap<String, Vec<Row>> {
        let mut m = BTreeMap::new();
        m.insert("q".to_string(), vec![row.as_object().unwrap().clone()]);
        m
    }

    #[test]
    fn accepts_text_numbers_and_bools() {
        let results =
            one(json!({"a": "1", "b": 2, "c": true, "d": null, "e": "[\"x\",\"y\"]", "f": ["z"]}));
        let rows = rows(&results, "q").unwrap();
        let r = rows.iter().next().unwrap();
        assert_eq!(r.int("a").unwrap(), 1);
        assert_eq!(r.int("b").unwrap(), 2);
        assert!(r.flag("c").unwrap());
        assert_eq!(r.opt("d").unwrap(), None);
        assert_eq!(r.list::<String>("e").unwrap(), vec!["x", "y"]);
        assert_eq!(r.list::<String>("f").unwrap(), vec!["z"]);
        assert!(r.list::<String>("d").unwrap().is_empty());
    }

    #[test]
    fn missing_query_or_column_is_named() {
        let results = one(json!({"a": "1"}));
        let err = rows(&results, "other").err().unwrap();
        assert_eq!(err.code, Code::InvalidIntrospectionRows);
        assert!(err.message.contains("`other`"));
        let rows = rows(&results, "q").unwrap();
        let err = rows.iter().next().unwrap().text("nope").unwrap_err();
        assert_eq!(err.code, Code::InvalidIntrospectionRows);
        assert!(err.message.contains("`q`") && err.message.contains("`nope`"));
    }
}
