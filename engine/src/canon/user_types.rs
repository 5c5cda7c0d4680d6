//! PostgreSQL user types (enums, domains) written with quotes: `"UserRole"` keeps its case,
//! so a column of that type names it `UserRole`, as the catalogs do, and SQL written from the
//! model quotes it again.

use super::ident::object_name;
use crate::dialect::Dialect;
use sqlparser::ast::{ArrayElemTypeDef, DataType};

/// The model's spelling of a type naming a user type with a quoted part (arrays of it too):
/// the name as the catalogs store it, without the default namespace. `None` for any other
/// type, which `canonical_type` spells.
pub fn quoted_user_type(dialect: Dialect, dt: &DataType) -> Option<String> {
    if dialect != Dialect::Postgres {
        return None;
    }
    let mut dims = 0;
    let mut t = dt;
    while let DataType::Array(ArrayElemTypeDef::SquareBracket(inner, None)) = t {
        dims += 1;
        t = inner;
    }
    let DataType::Custom(name, modifiers) = t else {
        return None;
    };
    let quoted = name
        .0
        .iter()
        .any(|p| p.as_ident().is_some_and(|i| i.quote_style.is_some()));
    if !quoted || !modifiers.is_empty() {
        return None;
    }
    Some(format!(
        "{}{}",
        object_name(dialect, name),
        "[]".repeat(dims)
    ))
}

/// A model type as PostgreSQL DDL takes it: a user type whose name has upper case letters
/// is quoted (`"UserRole"[]`, `app."Mood"`); built-in types are lower case and stay as
/// they are.
pub fn pg_type_sql(data_type: &str) -> String {
    let base = data_type.trim_end_matches("[]");
    if !base.chars().any(|c| c.is_ascii_uppercase()) {
        return data_type.to_string();
    }
    let dims = &data_type[base.len()..];
    let quote = |part: &str| {
        let plain = part
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if plain {
            part.to_string()
        } else {
            format!("\"{}\"", part.replace('"', "\"\""))
        }
    };
    let name = match base.split_once('.') {
        Some((schema, name)) => format!("{}.{}", quote(schema), quote(name)),
        None => quote(base),
    };
    format!("{name}{dims}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_names_that_need_it() {
        assert_eq!(pg_type_sql("UserRole[]"), "\"UserRole\"[]");
        assert_eq!(pg_type_sql("app.Mood"), "app.\"Mood\"");
        assert_eq!(
            pg_type_sql("character varying(20)[]"),
            "character varying(20)[]"
        );
        assert_eq!(pg_type_sql("mood"), "mood");
    }
}
