//! Where two migrations' footprints meet, described in words: "20230913_a alters users.email,
//! which 20230914_b renamed". Reading the same object twice is no overlap; writing what the
//! other reads or writes is.

use crate::footprint::{Footprint, ObjectKind, ObjectRef};

/// One place two footprints meet: what the first did to `object`, what the second did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Meeting {
    /// The narrower of the two objects (a column rather than its table).
    pub object: String,
    first_object: String,
    second_object: String,
    /// The object with its kind, e.g. `table users`, `column users.email`.
    pub label: String,
    pub first_verb: &'static str,
    pub second_verb: &'static str,
}

impl Meeting {
    /// `first` is described in the present (it is about to run), `second` in the past.
    pub fn describe(&self, first: &str, second: &str) -> String {
        let (v1, o1, v2, o2) = (
            self.first_verb,
            &self.first_object,
            self.second_verb,
            &self.second_object,
        );
        if o1 == o2 {
            format!("{first} {v1} {o1}, which {second} {v2}")
        } else {
            format!("{first} {v1} {o1}, where {second} {v2} {o2}")
        }
    }
}

/// Every object both footprints touch where at least one writes, deduplicated, in a stable
/// order (the footprints' sets are sorted).
///
/// Every ALTER TABLE also alters its table as a whole, so a whole-table alter meeting anything
/// in that table is weak: it is kept (as the table) only when nothing more precise was found
/// there. `users.email` says more than `users`.
pub(crate) fn meetings(first: &Footprint, second: &Footprint) -> Vec<Meeting> {
    let mut found: Vec<(ObjectRef, bool, Meeting)> = Vec::new();
    for (r, first_writes) in touches(first) {
        for (s, second_writes) in touches(second) {
            if !(first_writes || second_writes) || !overlaps(r, s) {
                continue;
            }
            let weak = whole_alter(first, r) || whole_alter(second, s);
            let object = match (weak, r.part.is_some()) {
                (true, _) if r.part.is_none() => r,
                (true, _) => s,
                (false, true) => r,
                (false, false) if s.part.is_some() => s,
                (false, false) => r,
            };
            // One meeting per object; both sides naming it exactly reads best, so it wins.
            if let Some(i) = found.iter().position(|(o, _, _)| o == object) {
                if found[i].2.first_object == found[i].2.second_object || r != s {
                    continue;
                }
                found.remove(i);
            }
            let m = Meeting {
                object: object.to_string(),
                first_object: r.to_string(),
                second_object: s.to_string(),
                label: label(object),
                first_verb: verb(first, r, Tense::Present),
                second_verb: verb(second, s, Tense::Past),
            };
            found.push((object.clone(), weak, m));
        }
    }
    let strong: Vec<ObjectRef> = found
        .iter()
        .filter(|(_, weak, _)| !weak)
        .map(|(o, _, _)| o.clone())
        .collect();
    let mut out: Vec<Meeting> = found
        .into_iter()
        .filter(|(o, weak, _)| !weak || !strong.iter().any(|s| s.object == o.object))
        .map(|(_, _, m)| m)
        .collect();
    // Messages quote the first: prefer one where both sides name the same object.
    out.sort_by_key(|m| m.first_object != m.second_object);
    out
}

/// The table as a whole, only altered (not created, dropped or renamed).
fn whole_alter(f: &Footprint, r: &ObjectRef) -> bool {
    r.part.is_none()
        && r.kind == ObjectKind::Table
        && f.alters.contains(r)
        && !f.renames.iter().any(|(old, _)| old == r)
}

/// What `f` does (or did) to the object printed as `name`, e.g. `users.email`.
pub(crate) fn verb_for(f: &Footprint, name: &str, tense: Tense) -> Option<&'static str> {
    touches(f)
        .find(|(r, _)| r.to_string() == name)
        .map(|(r, _)| verb(f, r, tense))
}

/// True when `later` uses an object `earlier` brought into being (created, or renamed to):
/// then `later` was written on top of `earlier` and the two are not parallel work.
pub(crate) fn builds_on(later: &Footprint, earlier: &Footprint) -> bool {
    let made: Vec<&ObjectRef> = earlier
        .creates
        .iter()
        .chain(earlier.renames.iter().map(|(_, new)| new))
        .collect();
    touches(later).any(|(r, _)| made.iter().any(|m| overlaps_within(m, r)))
}

fn label(r: &ObjectRef) -> String {
    let kind = match r.kind {
        ObjectKind::Schema => "schema",
        ObjectKind::Table => "table",
        ObjectKind::Column => "column",
        ObjectKind::Index => "index",
        ObjectKind::Constraint => "constraint",
        ObjectKind::Type => "type",
        ObjectKind::View => "view",
        ObjectKind::Trigger => "trigger",
        ObjectKind::Function => "function",
    };
    format!("{kind} {r}")
}

fn touches(f: &Footprint) -> impl Iterator<Item = (&ObjectRef, bool)> {
    f.writes()
        .map(|r| (r, true))
        .chain(f.reads.iter().map(|r| (r, false)))
}

/// The table (type, view, schema) an object belongs to.
fn owner_kind(kind: ObjectKind) -> ObjectKind {
    match kind {
        ObjectKind::Column | ObjectKind::Index | ObjectKind::Constraint | ObjectKind::Trigger => {
            ObjectKind::Table
        }
        k => k,
    }
}

fn in_schema(schema: &ObjectRef, other: &ObjectRef) -> bool {
    schema.kind == ObjectKind::Schema
        && other.object.schema.as_deref() == Some(schema.object.name.as_str())
}

/// Same object, or one contains the other (a table and its column, a schema and its tables).
pub(crate) fn overlaps(a: &ObjectRef, b: &ObjectRef) -> bool {
    if in_schema(a, b) || in_schema(b, a) {
        return true;
    }
    owner_kind(a.kind) == owner_kind(b.kind)
        && a.object == b.object
        && (a.part.is_none() || b.part.is_none() || (a.kind == b.kind && a.part == b.part))
}

/// Like `overlaps`, but only when `made` is `used` or contains it: a created table covers its
/// columns; a created column does not cover the rest of its table.
fn overlaps_within(made: &ObjectRef, used: &ObjectRef) -> bool {
    overlaps(made, used) && (made.part.is_none() || used.part.is_some())
}

#[derive(Clone, Copy)]
pub(crate) enum Tense {
    Present,
    Past,
}

fn verb(f: &Footprint, r: &ObjectRef, tense: Tense) -> &'static str {
    let renamed = f.renames.iter().any(|(old, _)| old == r);
    let (present, past) = if renamed {
        ("renames", "renamed")
    } else if f.drops.contains(r) {
        ("drops", "dropped")
    } else if f.creates.contains(r) {
        ("creates", "created")
    } else if f.alters.contains(r) {
        ("alters", "altered")
    } else {
        ("reads", "read")
    };
    match tense {
        Tense::Present => present,
        Tense::Past => past,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QualifiedName;

    fn col(t: &str, c: &str) -> ObjectRef {
        ObjectRef::part(ObjectKind::Column, &QualifiedName::bare(t), c)
    }

    #[test]
    fn names_the_column_and_both_verbs() {
        let mut a = Footprint::default();
        a.alters.insert(col("users", "email"));
        let mut b = Footprint::default();
        b.alters.insert(col("users", "email"));
        b.creates.insert(col("users", "mail"));
        b.renames
            .push((col("users", "email"), col("users", "mail")));
        let m = meetings(&a, &b);
        assert_eq!(m.len(), 1);
        assert_eq!(
            m[0].describe("20230913_a", "20230914_b"),
            "20230913_a alters users.email, which 20230914_b renamed"
        );
        let mut other = Footprint::default();
        other.alters.insert(col("users", "phone"));
        assert!(meetings(&a, &other).is_empty());
        let mut whole = Footprint::default();
        whole
            .drops
            .insert(ObjectRef::table(&QualifiedName::bare("users")));
        assert_eq!(meetings(&a, &whole)[0].object, "users.email");
    }
}
