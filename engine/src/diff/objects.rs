//! PostgreSQL domains and extensions, and comments on indexes, views, enum types and
//! constraints.
//!
//! - Domains match by name; a domain on both sides that differs in anything is one
//!   `alter_domain` carrying both sides (the renderer says what ALTER DOMAIN can do).
//! - Extensions match by name; one that moved to another schema is dropped and created.
//! - A comment lives on its object, so a new or recreated object brings its comment along.
//!   An object on both sides that differs only in its comment is a `set_comment`, not a
//!   drop and an add.

use super::change::Change;
use crate::model::{
    Check, Domain, Extension, ForeignKey, Index, PrimaryKey, QualifiedName, Schema,
    UniqueConstraint, View,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The object a `set_comment` is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "object", rename_all = "snake_case")]
pub enum CommentOn {
    /// An index that is not a key's or constraint's own.
    Index { table: QualifiedName, name: String },
    /// A primary key, unique constraint, foreign key or check of a table.
    Constraint { table: QualifiedName, name: String },
    View {
        name: QualifiedName,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        materialized: bool,
    },
    /// An enum type.
    Type { name: QualifiedName },
}

impl CommentOn {
    /// `index users.users_email_idx`, `view active_users`.
    pub fn label(&self) -> String {
        match self {
            CommentOn::Index { table, name } => format!("index {table}.{name}"),
            CommentOn::Constraint { table, name } => format!("constraint {table}.{name}"),
            CommentOn::View { name, .. } => format!("view {name}"),
            CommentOn::Type { name } => format!("type {name}"),
        }
    }

    /// The object, and its part inside a table: the sort key of the change.
    fn subject(&self) -> (QualifiedName, String) {
        match self {
            CommentOn::Index { table, name } | CommentOn::Constraint { table, name } => {
                (table.clone(), name.clone())
            }
            CommentOn::View { name, .. } | CommentOn::Type { name } => {
                (name.clone(), String::new())
            }
        }
    }
}

/// A model object that carries a comment.
pub(super) trait Commented: Clone + PartialEq {
    fn comment(&self) -> Option<&String>;
    fn without_comment(&self) -> Self;
    /// What a comment on it is on; `None` for an unnamed member (SQLite), which has none.
    fn comment_on(&self, table: &QualifiedName) -> Option<CommentOn>;
}

macro_rules! commented_member {
    ($t:ty, $kind:ident, |$s:ident| $name:expr) => {
        impl Commented for $t {
            fn comment(&self) -> Option<&String> {
                self.comment.as_ref()
            }
            fn without_comment(&self) -> Self {
                Self {
                    comment: None,
                    ..self.clone()
                }
            }
            fn comment_on(&self, table: &QualifiedName) -> Option<CommentOn> {
                let $s = self;
                let name: Option<&String> = $name;
                name.map(|n| CommentOn::$kind {
                    table: table.clone(),
                    name: n.clone(),
                })
            }
        }
    };
}

commented_member!(Index, Index, |i| Some(&i.name));
commented_member!(PrimaryKey, Constraint, |p| p.name.as_ref());
commented_member!(UniqueConstraint, Constraint, |u| u.name.as_ref());
commented_member!(ForeignKey, Constraint, |f| f.name.as_ref());
commented_member!(crate::model::Exclusion, Constraint, |x| x.name.as_ref());
commented_member!(Check, Constraint, |c| c.name.as_ref());

/// `set_comment` when `prev` and `next` are the same object but for its comment.
pub(super) fn comment_only<T: Commented>(
    prev: &T,
    next: &T,
    table: &QualifiedName,
) -> Option<Change> {
    if prev == next || prev.without_comment() != next.without_comment() {
        return None;
    }
    Some(Change::SetComment {
        on: next.comment_on(table)?,
        previous: prev.comment().cloned(),
        next: next.comment().cloned(),
    })
}

fn strip_view(v: &View) -> View {
    View {
        comment: None,
        ..v.clone()
    }
}

/// Whether two views differ in their comment only (and so need no replacing).
pub(super) fn view_comment_only(prev: &View, next: &View) -> bool {
    prev != next && strip_view(prev) == strip_view(next)
}

pub(super) fn diff(prev: &Schema, next: &Schema, out: &mut Vec<Change>) {
    by_key(&prev.extensions, &next.extensions, |p, n| match (p, n) {
        (Some(p), Some(n)) if p != n => {
            out.push(Change::DropExtension {
                extension: p.clone(),
            });
            out.push(Change::CreateExtension {
                extension: n.clone(),
            });
        }
        (Some(p), None) => out.push(Change::DropExtension {
            extension: p.clone(),
        }),
        (None, Some(n)) => out.push(Change::CreateExtension {
            extension: n.clone(),
        }),
        _ => {}
    });
    by_key(&prev.domains, &next.domains, |p, n| match (p, n) {
        (Some(p), Some(n)) if p != n => out.push(Change::AlterDomain {
            previous: p.clone(),
            next: n.clone(),
        }),
        (Some(p), None) => out.push(Change::DropDomain { domain: p.clone() }),
        (None, Some(n)) => out.push(Change::CreateDomain { domain: n.clone() }),
        _ => {}
    });
    for (name, n) in &next.views {
        if let Some(p) = prev.views.get(name).filter(|p| view_comment_only(p, n)) {
            out.push(Change::SetComment {
                on: CommentOn::View {
                    name: name.clone(),
                    materialized: n.materialized,
                },
                previous: p.comment.clone(),
                next: n.comment.clone(),
            });
        }
    }
    for (name, n) in &next.enums {
        if let Some(p) = prev.enums.get(name).filter(|p| p.comment != n.comment) {
            out.push(Change::SetComment {
                on: CommentOn::Type { name: name.clone() },
                previous: p.comment.clone(),
                next: n.comment.clone(),
            });
        }
    }
}

fn by_key<K: Ord, T>(
    prev: &BTreeMap<K, T>,
    next: &BTreeMap<K, T>,
    mut f: impl FnMut(Option<&T>, Option<&T>),
) {
    for (k, p) in prev {
        f(Some(p), next.get(k));
    }
    for (k, n) in next {
        if !prev.contains_key(k) {
            f(None, Some(n));
        }
    }
}

fn extension_label(e: &Extension) -> QualifiedName {
    QualifiedName::bare(e.name.clone())
}

pub(super) fn subject(c: &Change) -> (QualifiedName, String, &'static str) {
    use Change::*;
    let domain = |d: &Domain, kind| (d.name.clone(), String::new(), kind);
    match c {
        CreateDomain { domain: d } => domain(d, "create_domain"),
        DropDomain { domain: d } => domain(d, "drop_domain"),
        AlterDomain { next, .. } => domain(next, "alter_domain"),
        CreateExtension { extension } => (
            extension_label(extension),
            String::new(),
            "create_extension",
        ),
        DropExtension { extension } => {
            (extension_label(extension), String::new(), "drop_extension")
        }
        SetComment { on, .. } => {
            let (object, part) = on.subject();
            (object, part, "set_comment")
        }
        other => unreachable!("not a domain, extension or comment change: {other:?}"),
    }
}

pub(super) fn inverse(c: Change) -> Change {
    use Change::*;
    match c {
        CreateDomain { domain } => DropDomain { domain },
        DropDomain { domain } => CreateDomain { domain },
        AlterDomain { previous, next } => AlterDomain {
            previous: next,
            next: previous,
        },
        CreateExtension { extension } => DropExtension { extension },
        DropExtension { extension } => CreateExtension { extension },
        SetComment { on, previous, next } => SetComment {
            on,
            previous: next,
            next: previous,
        },
        other => other,
    }
}

/// The summary line: `+ domain email`, `~ domain email: default none → 'x'`,
/// `+ extension pgcrypto`, `~ comment on index users.users_email_idx`.
pub(super) fn line(c: &Change) -> Option<String> {
    use Change::*;
    Some(match c {
        CreateDomain { domain } => format!("+ domain {}", domain.name),
        DropDomain { domain } => format!("- domain {}", domain.name),
        AlterDomain { previous, next } => {
            format!("~ domain {}: {}", next.name, domain_changes(previous, next))
        }
        CreateExtension { extension } => format!("+ extension {}", extension.name),
        DropExtension { extension } => format!("- extension {}", extension.name),
        SetComment { on, .. } => format!("~ comment on {}", on.label()),
        _ => return None,
    })
}

/// `default none → 200; not null`, what differs between two versions of a domain.
fn domain_changes(p: &Domain, n: &Domain) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
    let mut parts = Vec::new();
    if p.data_type != n.data_type {
        parts.push(format!("type {} → {}", p.data_type, n.data_type));
    }
    if p.collation != n.collation {
        parts.push(format!(
            "collation {} → {}",
            opt(&p.collation),
            opt(&n.collation)
        ));
    }
    if p.default != n.default {
        parts.push(format!("default {} → {}", opt(&p.default), opt(&n.default)));
    }
    if p.not_null != n.not_null {
        let null = |d: &Domain| if d.not_null { "not null" } else { "null" };
        parts.push(format!("{} → {}", null(p), null(n)));
    }
    let names = |d: &Domain, other: &Domain| -> Vec<String> {
        let kept: Vec<Check> = other.checks.iter().map(Check::without_comment).collect();
        d.checks
            .iter()
            .filter(|c| !kept.contains(&c.without_comment()))
            .map(|c| c.name.clone().unwrap_or_else(|| c.expr.clone()))
            .collect()
    };
    let (dropped, added) = (names(p, n), names(n, p));
    if !dropped.is_empty() {
        parts.push(format!("- check {}", dropped.join(", ")));
    }
    if !added.is_empty() {
        parts.push(format!("+ check {}", added.join(", ")));
    }
    let comments = |d: &Domain| -> Vec<(Check, Option<String>)> {
        d.checks
            .iter()
            .map(|c| (c.without_comment(), c.comment.clone()))
            .collect()
    };
    let commented = comments(n)
        .into_iter()
        .any(|(c, text)| comments(p).iter().any(|(o, t)| *o == c && *t != text));
    if p.comment != n.comment || commented {
        parts.push("comment".into());
    }
    parts.join("; ")
}
