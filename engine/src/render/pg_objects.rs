//! PostgreSQL SQL for domains, extensions and comments, and the COMMENT ON statements that
//! complete a created index, constraint, view or enum type (its comment comes with it).

use super::ddl::{self, literal, qname, quote};
use super::{unsupported, Ctx, Rendered};
use crate::canon::user_types::pg_type_sql;
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::diff::{Change, CommentOn};
use crate::model::{Check, Domain, EnumType, QualifiedName, Table, View};

const D: Dialect = Dialect::Postgres;

/// The statements of a domain, extension or comment change.
pub(super) fn statements(change: &Change) -> Result<Vec<String>, Diagnostic> {
    use Change::*;
    Ok(match change {
        CreateDomain { domain } => create_domain(domain),
        DropDomain { domain } => vec![format!("DROP DOMAIN {}", qname(D, &domain.name))],
        AlterDomain { previous, next } => alter_domain(change, previous, next)?,
        CreateExtension { extension } => {
            let mut s = format!(
                "CREATE EXTENSION IF NOT EXISTS {}",
                quote(D, &extension.name)
            );
            if let Some(schema) = &extension.schema {
                s.push_str(&format!(" SCHEMA {}", quote(D, schema)));
            }
            vec![s]
        }
        DropExtension { extension } => {
            vec![format!("DROP EXTENSION {}", quote(D, &extension.name))]
        }
        SetComment { on, next, .. } => vec![comment(on, next.as_ref())],
        other => {
            return Err(unsupported(
                other,
                D,
                "not a domain, extension or comment change",
            ))
        }
    })
}

/// `COMMENT ON ... IS 'text'` (or `IS NULL`).
pub(crate) fn comment(on: &CommentOn, text: Option<&String>) -> String {
    let text = text.map_or("NULL".to_string(), |c| literal(D, c));
    let target = match on {
        CommentOn::Index { table, name } => {
            format!("INDEX {}", qname(D, &ddl::sibling(table, name)))
        }
        CommentOn::Constraint { table, name } => {
            format!("CONSTRAINT {} ON {}", quote(D, name), qname(D, table))
        }
        CommentOn::View { name, materialized } => {
            let kind = if *materialized {
                "MATERIALIZED VIEW"
            } else {
                "VIEW"
            };
            format!("{kind} {}", qname(D, name))
        }
        CommentOn::Type { name } => format!("TYPE {}", qname(D, name)),
    };
    format!("COMMENT ON {target} IS {text}")
}

fn check_clause(c: &Check) -> String {
    ddl::check_clause(D, c)
}

/// A check without its comment: what ALTER DOMAIN adds or drops.
fn bare(c: &Check) -> Check {
    Check {
        comment: None,
        ..c.clone()
    }
}

fn domain_comment(d: &Domain) -> String {
    let text = d
        .comment
        .as_ref()
        .map_or("NULL".to_string(), |c| literal(D, c));
    format!("COMMENT ON DOMAIN {} IS {text}", qname(D, &d.name))
}

fn check_comment(d: &Domain, c: &Check) -> String {
    let text = c
        .comment
        .as_ref()
        .map_or("NULL".to_string(), |t| literal(D, t));
    format!(
        "COMMENT ON CONSTRAINT {} ON DOMAIN {} IS {text}",
        quote(D, c.name.as_deref().unwrap_or_default()),
        qname(D, &d.name)
    )
}

fn create_domain(d: &Domain) -> Vec<String> {
    let mut s = format!(
        "CREATE DOMAIN {} AS {}",
        qname(D, &d.name),
        pg_type_sql(&d.data_type)
    );
    if let Some(c) = &d.collation {
        s.push_str(&format!(" COLLATE {}", quote(D, c)));
    }
    if let Some(default) = &d.default {
        s.push(' ');
        s.push_str(&ddl::default_clause(D, default));
    }
    if d.not_null {
        s.push_str(" NOT NULL");
    }
    for c in &d.checks {
        s.push(' ');
        s.push_str(&check_clause(c));
    }
    let mut out = vec![s];
    if d.comment.is_some() {
        out.push(domain_comment(d));
    }
    out.extend(
        d.checks
            .iter()
            .filter(|c| c.comment.is_some())
            .map(|c| check_comment(d, c)),
    );
    out
}

/// What ALTER DOMAIN can do: default, NOT NULL, checks, comments. A new base type or
/// collation would need the domain recreated, and every column of its type with it.
fn alter_domain(change: &Change, p: &Domain, n: &Domain) -> Result<Vec<String>, Diagnostic> {
    if p.data_type != n.data_type || p.collation != n.collation {
        return Err(unsupported(
            change,
            D,
            "ALTER DOMAIN cannot change a domain's base type or collation; the domain and the columns of its type would have to be recreated",
        ));
    }
    let alter = |action: String| format!("ALTER DOMAIN {} {action}", qname(D, &n.name));
    let stripped = |d: &Domain| -> Vec<Check> { d.checks.iter().map(bare).collect() };
    let (kept_p, kept_n) = (stripped(p), stripped(n));
    let mut out = Vec::new();
    for c in p.checks.iter().filter(|c| !kept_n.contains(&bare(c))) {
        let name = c
            .name
            .as_ref()
            .ok_or_else(|| unsupported(change, D, "the check has no name to drop it by"))?;
        out.push(alter(format!("DROP CONSTRAINT {}", quote(D, name))));
    }
    if p.default != n.default {
        out.push(alter(match &n.default {
            Some(d) => format!("SET {}", ddl::default_clause(D, d)),
            None => "DROP DEFAULT".into(),
        }));
    }
    if p.not_null != n.not_null {
        out.push(alter(
            if n.not_null {
                "SET NOT NULL"
            } else {
                "DROP NOT NULL"
            }
            .into(),
        ));
    }
    for c in n.checks.iter().filter(|c| !kept_p.contains(&bare(c))) {
        out.push(alter(format!("ADD {}", check_clause(c))));
        if c.comment.is_some() {
            out.push(check_comment(n, c));
        }
    }
    for c in &n.checks {
        let before = p.checks.iter().find(|o| bare(o) == bare(c));
        if before.is_some_and(|o| o.comment != c.comment) {
            out.push(check_comment(n, c));
        }
    }
    if p.comment != n.comment {
        out.push(domain_comment(n));
    }
    Ok(out)
}

/// The COMMENT ON statements that give a created object its comment, after `rendered`.
/// Also refuses to recreate an enum a domain is based on: DROP TYPE of the old enum would
/// fail on the domain.
pub(super) fn finish(
    change: &Change,
    ctx: &Ctx,
    mut rendered: Rendered,
) -> Result<Rendered, Diagnostic> {
    use Change::*;
    let enum_comment = |e: &EnumType| {
        e.comment.as_ref().map(|c| {
            comment(
                &CommentOn::Type {
                    name: e.name.clone(),
                },
                Some(c),
            )
        })
    };
    let view_comment = |v: &View| {
        v.comment.as_ref().map(|c| {
            comment(
                &CommentOn::View {
                    name: v.name.clone(),
                    materialized: v.materialized,
                },
                Some(c),
            )
        })
    };
    let member = |table: &QualifiedName,
                  on: fn(QualifiedName, String) -> CommentOn,
                  name: Option<&String>,
                  text: Option<&String>| {
        match (name, text) {
            (Some(n), Some(t)) => Some(comment(&on(table.clone(), n.clone()), Some(t))),
            _ => None,
        }
    };
    let index = |table: QualifiedName, name: String| CommentOn::Index { table, name };
    let constraint = |table: QualifiedName, name: String| CommentOn::Constraint { table, name };
    let extra: Vec<String> = match change {
        CreateTable { table } => table_comments(table),
        AddIndex { table, index: i } => member(table, index, Some(&i.name), i.comment.as_ref())
            .into_iter()
            .collect(),
        AddPrimaryKey {
            table,
            primary_key: k,
        } => member(table, constraint, k.name.as_ref(), k.comment.as_ref())
            .into_iter()
            .collect(),
        AddUnique { table, unique: k } => {
            member(table, constraint, k.name.as_ref(), k.comment.as_ref())
                .into_iter()
                .collect()
        }
        AddForeignKey {
            table,
            foreign_key: k,
        } => member(table, constraint, k.name.as_ref(), k.comment.as_ref())
            .into_iter()
            .collect(),
        AddCheck { table, check: k } => {
            member(table, constraint, k.name.as_ref(), k.comment.as_ref())
                .into_iter()
                .collect()
        }
        CreateView { view } | ReplaceView { next: view, .. } => {
            view_comment(view).into_iter().collect()
        }
        CreateEnum { enum_type } => enum_comment(enum_type).into_iter().collect(),
        ReplaceEnum { next, .. } => {
            based_on_enum(change, &next.name, ctx)?;
            enum_comment(next).into_iter().collect()
        }
        DropEnumValue { name, .. } => {
            based_on_enum(change, name, ctx)?;
            ctx.next
                .enums
                .get(name)
                .and_then(enum_comment)
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    };
    rendered.statements.extend(extra);
    Ok(rendered)
}

/// The comments of a new table's indexes and constraints (its own and its columns' come
/// with CREATE TABLE).
fn table_comments(t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |on: CommentOn, text: Option<&String>| {
        if let Some(text) = text {
            out.push(comment(&on, Some(text)));
        }
    };
    let constraint = |name: &String| CommentOn::Constraint {
        table: t.name.clone(),
        name: name.clone(),
    };
    for i in &t.indexes {
        add(
            CommentOn::Index {
                table: t.name.clone(),
                name: i.name.clone(),
            },
            i.comment.as_ref(),
        );
    }
    if let Some(pk) = &t.primary_key {
        if let Some(n) = &pk.name {
            add(constraint(n), pk.comment.as_ref());
        }
    }
    for (name, text) in t
        .uniques
        .iter()
        .map(|u| (&u.name, &u.comment))
        .chain(t.foreign_keys.iter().map(|f| (&f.name, &f.comment)))
        .chain(t.checks.iter().map(|c| (&c.name, &c.comment)))
    {
        if let Some(n) = name {
            add(constraint(n), text.as_ref());
        }
    }
    out
}

fn based_on_enum(change: &Change, name: &QualifiedName, ctx: &Ctx) -> Result<(), Diagnostic> {
    let text = name.to_string();
    let based = [ctx.previous, ctx.next]
        .iter()
        .flat_map(|s| s.domains.values())
        .any(|d| d.data_type.trim_end_matches("[]") == text);
    if based {
        return Err(unsupported(
            change,
            D,
            "a domain is based on the enum, which would have to be recreated with it",
        ));
    }
    Ok(())
}
