//! sqldef's rename annotations (`-- @renamed from=old`, or in `/* */`) inside `desired`,
//! turned into the engine's rename hints. On a `CREATE TABLE` line the annotation renames the
//! table; on a column line inside one it renames that column. Annotations on indexes, enum
//! types and enum values have no engine hint and are left out: the plan then drops and
//! re-creates, which reaches the same schema.

use waymark::diff::RenameHints;
use waymark::{Dialect, QualifiedName, Schema};

const MARK: &str = "@renamed from=";

/// Line starts that are table members, not columns.
const NOT_COLUMNS: &[&str] = &[
    "constraint",
    "index",
    "key",
    "unique",
    "primary",
    "foreign",
    "check",
    "fulltext",
    "spatial",
    "exclude",
    "like",
    "period",
];

pub fn hints(dialect: Dialect, desired: &str) -> RenameHints {
    let mut out = RenameHints::default();
    let mut table: Option<QualifiedName> = None;
    for line in desired.lines() {
        let (code, old) = match line.find(MARK) {
            Some(at) => {
                let start = [line[..at].rfind("--"), line[..at].rfind("/*")]
                    .into_iter()
                    .flatten()
                    .max()
                    .unwrap_or(at);
                let old = name(dialect, &line[at + MARK.len()..]).map(|(n, _)| n);
                (&line[..start], old)
            }
            None => (line, None),
        };
        let code = code.trim_start();
        if let Some(rest) = strip_words(code, &["create", "table"]) {
            let rest = strip_words(rest, &["if", "not", "exists"]).unwrap_or(rest);
            table = qualified(dialect, rest);
            if let (Some(new), Some(old)) = (&table, old) {
                out.tables
                    .push((QualifiedName::new(new.schema.clone(), old), new.clone()));
            }
            continue;
        }
        if strip_words(code, &["create"]).is_some() {
            table = None;
            continue;
        }
        let (Some(t), Some(old)) = (&table, old) else {
            continue;
        };
        if let Some((new, quoted)) = name(dialect, code) {
            if quoted || !NOT_COLUMNS.contains(&new.to_ascii_lowercase().as_str()) {
                out.columns.push((t.clone(), old, new));
            }
        }
    }
    out
}

/// Keeps the hints whose old name exists in `previous`, as sqldef ignores the others; a hint
/// whose old name is still in `next` stays, for the engine to refuse (sqldef errors there).
pub fn keep_applicable(hints: RenameHints, previous: &Schema) -> RenameHints {
    let dialect = previous.dialect;
    let tables: Vec<_> = hints
        .tables
        .into_iter()
        .filter(|(old, new)| old != new && find_table(previous, old).is_some())
        .collect();
    let columns = hints
        .columns
        .into_iter()
        .filter(|(table, old, new)| {
            let was = tables
                .iter()
                .find(|(_, n)| n == table)
                .map_or(table, |(o, _)| o);
            old != new
                && find_table(previous, was)
                    .is_some_and(|t| t.columns.iter().any(|c| same_column(dialect, &c.name, old)))
        })
        .collect();
    RenameHints { tables, columns }
}

fn find_table<'s>(schema: &'s Schema, name: &QualifiedName) -> Option<&'s waymark::Table> {
    schema.tables.get(name).or_else(|| {
        // SQLite table names are case-insensitive.
        (schema.dialect == Dialect::Sqlite)
            .then(|| {
                schema.tables.values().find(|t| {
                    t.name.schema == name.schema && t.name.name.eq_ignore_ascii_case(&name.name)
                })
            })
            .flatten()
    })
}

fn same_column(dialect: Dialect, a: &str, b: &str) -> bool {
    match dialect {
        Dialect::Postgres => a == b,
        _ => a.eq_ignore_ascii_case(b),
    }
}

/// `text` without the leading `words` (case-insensitive, whitespace between), or `None`.
fn strip_words<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    let mut rest = text.trim_start();
    for w in words {
        let head = rest.get(..w.len())?;
        let after = &rest[w.len()..];
        if !head.eq_ignore_ascii_case(w) || after.starts_with(|c: char| is_bare(c)) {
            return None;
        }
        rest = after.trim_start();
    }
    Some(rest)
}

fn is_bare(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// The identifier at the start of `text`, as the server stores it, and whether it was quoted.
fn name(dialect: Dialect, text: &str) -> Option<(String, bool)> {
    ident(dialect, text).map(|(n, quoted, _)| (n, quoted))
}

fn ident(dialect: Dialect, text: &str) -> Option<(String, bool, &str)> {
    let text = text.trim_start();
    let close = match text.chars().next()? {
        '"' => '"',
        '`' => '`',
        '[' => ']',
        _ => {
            let end = text.find(|c: char| !is_bare(c)).unwrap_or(text.len());
            if end == 0 {
                return None;
            }
            let bare = &text[..end];
            let stored = match dialect {
                Dialect::Postgres => bare.to_lowercase(),
                _ => bare.to_string(),
            };
            return Some((stored, false, &text[end..]));
        }
    };
    let end = text[1..].find(close)? + 1;
    Some((text[1..end].to_string(), true, &text[end + 1..]))
}

/// `a.b.c` → the last two parts; the default namespace becomes `None`, as in the model.
fn qualified(dialect: Dialect, text: &str) -> Option<QualifiedName> {
    let mut parts = Vec::new();
    let mut rest = text;
    loop {
        let (part, _, after) = ident(dialect, rest)?;
        parts.push(part);
        match after.trim_start().strip_prefix('.') {
            Some(more) => rest = more,
            None => break,
        }
    }
    let name = parts.pop()?;
    let schema = parts.pop().filter(|s| {
        !matches!(
            (dialect, s.as_str()),
            (Dialect::Postgres, "public") | (Dialect::Sqlite, "main")
        )
    });
    Some(QualifiedName::new(schema, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_column_annotations() {
        let sql = "CREATE TABLE \"public\".\"Users\" ( -- @renamed from=\"old users\"\n  \
                   \"NewName\" text, -- @renamed from=OldName\n  \
                   INDEX idx (x), -- @renamed from=old_idx\n  \
                   b int /* @renamed from=a */\n);\n\
                   CREATE INDEX i2 /* @renamed from=i1 */ ON t (x);\n\
                   CREATE TYPE e AS ENUM (\n  'x' /* @renamed from=y */\n);\n";
        let h = hints(Dialect::Postgres, sql);
        let users = QualifiedName::bare("Users");
        assert_eq!(
            h.tables,
            vec![(QualifiedName::bare("old users"), users.clone())]
        );
        assert_eq!(
            h.columns,
            vec![
                (users.clone(), "oldname".into(), "NewName".into()),
                (users, "a".into(), "b".into())
            ]
        );
    }
}
