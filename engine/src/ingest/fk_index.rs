//! MySQL/MariaDB foreign keys need an index whose leading columns are the key's. The server
//! creates one when none exists and marks it as its own (`FkGenerated`). Such an index gives
//! way to any later key that starts with its columns: a new index, primary key, or a foreign
//! key's own index (checked on MariaDB 10.11: `sql_table.cc`, `is_foreign_key_prefix`).

use crate::canon::names;
use crate::model::{FkGenerated, ForeignKey, Index, IndexPart, Table};

/// Whether `short` is a prefix of `long` (MySQL column names ignore case).
fn is_prefix<S: AsRef<str>, L: AsRef<str>>(short: &[S], long: &[L]) -> bool {
    short.len() <= long.len()
        && short
            .iter()
            .zip(long)
            .all(|(a, b)| a.as_ref().eq_ignore_ascii_case(b.as_ref()))
}

/// The plain columns of an index; `None` when a part is an expression (never a key prefix).
fn columns(parts: &[IndexPart]) -> Option<Vec<&str>> {
    parts
        .iter()
        .map(|p| (!p.expression).then_some(p.column.as_str()))
        .collect()
}

/// Whether index `i` is one the server made for a foreign key and that a new key over
/// `key` replaces.
pub fn gives_way<S: AsRef<str>>(i: &Index, key: &[S]) -> bool {
    i.fk_generated.0 && columns(&i.parts).is_some_and(|c| is_prefix(&c, key))
}

/// Takes out the first server-made index that a new key over `key` replaces, with its
/// position, so a caller that fails afterwards can put it back.
pub fn take_replaced<S: AsRef<str>>(t: &mut Table, key: &[S]) -> Option<(usize, Index)> {
    let pos = t.indexes.iter().position(|i| gives_way(i, key))?;
    Some((pos, t.indexes.remove(pos)))
}

/// Gives foreign key `fk` of `t` its index, as MariaDB does: none when the primary key or an
/// index of the user's starts with the key's columns, or a longer server-made one does;
/// otherwise a new server-made one, named after the index or constraint name written, else
/// the first column, replacing a server-made one it covers.
pub fn for_foreign_key(t: &mut Table, fk: &ForeignKey, index_name: Option<String>) {
    let key = &fk.columns;
    let pk_covers = t
        .primary_key
        .as_ref()
        .is_some_and(|pk| is_prefix(key, &pk.columns));
    let index_covers = |i: &Index| {
        columns(&i.parts)
            .is_some_and(|c| is_prefix(key, &c) && (!i.fk_generated.0 || c.len() > key.len()))
    };
    if pk_covers || t.indexes.iter().any(index_covers) {
        return;
    }
    take_replaced(t, key);
    let taken = |n: &str| {
        n.eq_ignore_ascii_case("PRIMARY")
            || t.indexes.iter().any(|i| i.name.eq_ignore_ascii_case(n))
    };
    let name = match index_name {
        Some(n) if !taken(&n) => n,
        _ => names::mysql_index(key.first().map_or("fk", String::as_str), &taken),
    };
    t.indexes.push(Index {
        name,
        unique: false,
        parts: key.iter().map(IndexPart::column).collect(),
        predicate: None,
        method: None,
        fk_generated: FkGenerated(true),
        include: Vec::new(),
        nulls_not_distinct: false,
        storage: Vec::new(),
        comment: None,
    });
}
