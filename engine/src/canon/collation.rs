//! MySQL/MariaDB character sets and collations, as MariaDB 10.11 names them.
//!
//! The model keeps collations only (a collation names its character set). A column's
//! collation is kept only when it differs from its table's, and a table's only when it
//! differs from the database's; SQL leaves the database's default unknown, introspection
//! knows it (`Schema::default_collation`). `effective` resolves both.

use crate::model::{Column, Schema, Table};

/// Each character set's default collation (`information_schema.CHARACTER_SETS` of MariaDB
/// 10.11; `utf8` is `utf8mb3` there).
const DEFAULTS: &[(&str, &str)] = &[
    ("armscii8", "armscii8_general_ci"),
    ("ascii", "ascii_general_ci"),
    ("big5", "big5_chinese_ci"),
    ("binary", "binary"),
    ("cp1250", "cp1250_general_ci"),
    ("cp1251", "cp1251_general_ci"),
    ("cp1256", "cp1256_general_ci"),
    ("cp1257", "cp1257_general_ci"),
    ("cp850", "cp850_general_ci"),
    ("cp852", "cp852_general_ci"),
    ("cp866", "cp866_general_ci"),
    ("cp932", "cp932_japanese_ci"),
    ("dec8", "dec8_swedish_ci"),
    ("eucjpms", "eucjpms_japanese_ci"),
    ("euckr", "euckr_korean_ci"),
    ("gb2312", "gb2312_chinese_ci"),
    ("gbk", "gbk_chinese_ci"),
    ("geostd8", "geostd8_general_ci"),
    ("greek", "greek_general_ci"),
    ("hebrew", "hebrew_general_ci"),
    ("hp8", "hp8_english_ci"),
    ("keybcs2", "keybcs2_general_ci"),
    ("koi8r", "koi8r_general_ci"),
    ("koi8u", "koi8u_general_ci"),
    ("latin1", "latin1_swedish_ci"),
    ("latin2", "latin2_general_ci"),
    ("latin5", "latin5_turkish_ci"),
    ("latin7", "latin7_general_ci"),
    ("macce", "macce_general_ci"),
    ("macroman", "macroman_general_ci"),
    ("sjis", "sjis_japanese_ci"),
    ("swe7", "swe7_swedish_ci"),
    ("tis620", "tis620_thai_ci"),
    ("ucs2", "ucs2_general_ci"),
    ("ujis", "ujis_japanese_ci"),
    ("utf16", "utf16_general_ci"),
    ("utf16le", "utf16le_general_ci"),
    ("utf32", "utf32_general_ci"),
    ("utf8mb3", "utf8mb3_general_ci"),
    ("utf8mb4", "utf8mb4_general_ci"),
];

/// A character set name as the server reports it: lower case, `utf8` is `utf8mb3`.
pub fn charset_name(written: &str) -> String {
    let c = written.trim().to_ascii_lowercase();
    if c == "utf8" {
        "utf8mb3".into()
    } else {
        c
    }
}

/// A collation name as the server reports it: lower case, `utf8_*` is `utf8mb3_*`.
pub fn collation_name(written: &str) -> String {
    let c = written.trim().to_ascii_lowercase();
    match c.strip_prefix("utf8_") {
        Some(rest) => format!("utf8mb3_{rest}"),
        None => c,
    }
}

/// The default collation of a character set, `None` for one this table does not know.
pub fn default_for(charset: &str) -> Option<&'static str> {
    let cs = charset_name(charset);
    DEFAULTS.iter().find(|(c, _)| *c == cs).map(|(_, d)| *d)
}

/// The binary collation of a character set (`BINARY` after a column type), e.g. `latin1_bin`.
pub fn binary_for(charset: &str) -> Option<String> {
    let cs = charset_name(charset);
    match cs.as_str() {
        "binary" => Some("binary".into()),
        _ if default_for(&cs).is_some() => Some(format!("{cs}_bin")),
        _ => None,
    }
}

/// The character set a collation belongs to: `utf8mb4_bin` → `utf8mb4`.
pub fn charset_of(collation: &str) -> &str {
    if collation == "binary" {
        return collation;
    }
    collation.split('_').next().unwrap_or(collation)
}

/// Whether a MySQL column of this canonical type has a collation (text, not JSON: MariaDB
/// fixes JSON at `utf8mb4_bin`).
pub fn has_collation(data_type: &str) -> bool {
    let base = data_type.split(['(', ' ']).next().unwrap_or("");
    matches!(
        base,
        "char"
            | "varchar"
            | "tinytext"
            | "text"
            | "mediumtext"
            | "longtext"
            | "enum"
            | "set"
            | "national"
            | "nchar"
            | "nvarchar"
    )
}

/// The collation a table uses, resolving `None` to the database's default when either side
/// of a comparison knows it (`fallback`). `None` when it stays unknown.
pub fn effective_table(t: &Table, schema: &Schema, fallback: Option<&str>) -> Option<String> {
    t.options
        .collation
        .clone()
        .or_else(|| schema.default_collation.clone())
        .or_else(|| fallback.map(str::to_string))
}

/// A text column that uses its table's collation on both sides changes collation with the
/// table: MySQL keeps a column's collation when the table's default changes, so the column
/// is redefined too.
pub fn follows_table(p: &Column, n: &Column, prev: &Table, next: &Table) -> bool {
    p.collation.is_none()
        && n.collation.is_none()
        && has_collation(&p.data_type)
        && has_collation(&n.data_type)
        && prev.options.collation != next.options.collation
}

/// The canonical form of a table declared in SQL or read from a catalog: a table collation
/// equal to the database's default (when known) goes, and so does a column collation equal
/// to the table's. Only MySQL tables carry collations this way.
pub fn canonicalize(t: &mut Table, database_default: Option<&str>) {
    if t.options.collation.as_deref().is_some()
        && t.options.collation.as_deref() == database_default
    {
        t.options.collation = None;
    }
    let table = t
        .options
        .collation
        .clone()
        .or(database_default.map(str::to_string));
    for c in &mut t.columns {
        canonicalize_column(c, table.as_deref());
    }
}

/// A column collation equal to its table's (`table`: the table's effective collation) goes.
pub fn canonicalize_column(c: &mut Column, table: Option<&str>) {
    if c.collation.is_some() && c.collation.as_deref() == table {
        c.collation = None;
    }
}

/// `schema` as it reads against `other` when only `other` knows the database's default
/// collation: its tables and columns canonicalised against that default, so both sides say
/// the same about the same database. `None` when there is nothing to resolve.
pub fn resolved(schema: &Schema, other: &Schema) -> Option<Schema> {
    let known = match (&schema.default_collation, &other.default_collation) {
        (None, Some(d)) => d.clone(),
        _ => return None,
    };
    let mut s = schema.clone();
    for t in s.tables.values_mut() {
        canonicalize(t, Some(&known));
    }
    s.default_collation = Some(known);
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_mariadb_reports_them() {
        assert_eq!(collation_name("UTF8_BIN"), "utf8mb3_bin");
        assert_eq!(collation_name("utf8mb4_unicode_ci"), "utf8mb4_unicode_ci");
        assert_eq!(default_for("UTF8"), Some("utf8mb3_general_ci"));
        assert_eq!(default_for("latin1"), Some("latin1_swedish_ci"));
        assert_eq!(default_for("klingon"), None);
        assert_eq!(binary_for("utf8mb4").as_deref(), Some("utf8mb4_bin"));
        assert_eq!(charset_of("utf8mb3_general_ci"), "utf8mb3");
        assert!(has_collation("varchar(10)"));
        assert!(has_collation("enum('a','b')"));
        assert!(!has_collation("json"));
        assert!(!has_collation("int unsigned"));
    }
}
