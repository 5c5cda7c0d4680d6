//! The names servers give to constraints and indexes declared without one. Ingestion uses
//! these so a replayed schema carries the same names the live database shows.

use crate::dialect::Dialect;

/// What an implicit name is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    PrimaryKey,
    Unique,
    ForeignKey,
    Check,
    Index,
    Exclusion,
}

/// Postgres' implicit name (`ChooseConstraintName`/`ChooseRelationName`): `table_cols_suffix`,
/// truncated to 63 bytes, with a number appended until it is free among `taken`.
pub fn postgres(table: &str, columns: &[&str], kind: Kind, taken: &dyn Fn(&str) -> bool) -> String {
    let label = match kind {
        Kind::PrimaryKey => "pkey",
        Kind::Unique => "key",
        Kind::ForeignKey => "fkey",
        Kind::Check => "check",
        Kind::Index => "idx",
        Kind::Exclusion => "excl",
    };
    let cols = if kind == Kind::PrimaryKey {
        String::new()
    } else {
        columns.join("_")
    };
    let mut n = 0u32;
    loop {
        let suffix = if n == 0 {
            label.to_string()
        } else {
            format!("{label}{n}")
        };
        let name = make_object_name(table, &cols, &suffix, 63);
        if !taken(&name) {
            return name;
        }
        n += 1;
    }
}

/// Postgres `makeObjectName`: shortens the longer of the two name parts until everything fits.
pub(crate) fn make_object_name(name1: &str, name2: &str, label: &str, max: usize) -> String {
    let overhead = label.len() + 1 + if name2.is_empty() { 0 } else { 1 };
    let (mut l1, mut l2) = (name1.len(), name2.len());
    while l1 + l2 + overhead > max {
        if l1 > l2 {
            l1 -= 1;
        } else {
            l2 -= 1;
        }
    }
    let cut = |s: &str, mut n: usize| {
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s[..n].to_string()
    };
    let mut out = cut(name1, l1);
    if !name2.is_empty() {
        out.push('_');
        out.push_str(&cut(name2, l2));
    }
    out.push('_');
    out.push_str(label);
    out
}

/// MySQL/MariaDB: an unnamed index or unique key takes its first column's name, then
/// `name_2`, `name_3`, ...
pub fn mysql_index(first_column: &str, taken: &dyn Fn(&str) -> bool) -> String {
    if !taken(first_column) {
        return first_column.to_string();
    }
    (2..)
        .map(|n| format!("{first_column}_{n}"))
        .find(|c| !taken(c))
        .expect("an unused suffix exists")
}

/// MySQL/MariaDB: unnamed foreign keys are `table_ibfk_N`, N one past the highest in use.
pub fn mysql_foreign_key(table: &str, existing: &[&str]) -> String {
    let prefix = format!("{table}_ibfk_");
    let max = existing
        .iter()
        .filter_map(|n| n.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", max + 1)
}

/// MariaDB: an unnamed table-level CHECK is `CONSTRAINT_N`; a column-level one takes the
/// column's name.
pub fn mysql_check(column: Option<&str>, taken: &dyn Fn(&str) -> bool) -> String {
    if let Some(c) = column {
        return c.to_string();
    }
    (1..)
        .map(|n| format!("CONSTRAINT_{n}"))
        .find(|c| !taken(c))
        .expect("an unused number exists")
}

/// Whether a dialect keeps constraint names that introspection can read back. SQLite does
/// not report them through its pragmas, so the model leaves them out there.
pub fn keeps_constraint_names(dialect: Dialect) -> bool {
    dialect != Dialect::Sqlite
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_names() {
        let free = |_: &str| false;
        assert_eq!(
            postgres("users", &[], Kind::PrimaryKey, &free),
            "users_pkey"
        );
        assert_eq!(
            postgres("users", &["email"], Kind::Unique, &free),
            "users_email_key"
        );
        assert_eq!(
            postgres("posts", &["user_id"], Kind::ForeignKey, &free),
            "posts_user_id_fkey"
        );
        assert_eq!(
            postgres("users", &["email"], Kind::Index, &|n| n
                == "users_email_idx"),
            "users_email_idx1"
        );
        let long = "a".repeat(70);
        let name = postgres(&long, &["b"], Kind::Unique, &free);
        assert_eq!(name.len(), 63);
        assert!(name.ends_with("_b_key"));
    }

    #[test]
    fn mysql_names() {
        assert_eq!(mysql_index("email", &|n| n == "email"), "email_2");
        assert_eq!(
            mysql_foreign_key("posts", &["posts_ibfk_1", "other"]),
            "posts_ibfk_2"
        );
        assert_eq!(mysql_check(None, &|n| n == "CONSTRAINT_1"), "CONSTRAINT_2");
    }
}
