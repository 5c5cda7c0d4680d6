//! PostgreSQL SQL for privileges, row-level security and policies.

use super::ddl::{qname, quote, sibling};
use super::{unsupported, Ctx};
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::diff::Change;
use crate::model::{Grant, Policy, PolicyCommand, QualifiedName, RowSecurity, Table};

const D: Dialect = Dialect::Postgres;

/// The SQL of a privilege, row security or policy change.
pub(super) fn statements(change: &Change, ctx: &Ctx) -> Result<Vec<String>, Diagnostic> {
    use Change::*;
    if ctx.dialect != D {
        return Err(unsupported(
            change,
            ctx.dialect,
            "privileges, row-level security and policies are modelled for PostgreSQL only",
        ));
    }
    Ok(match change {
        GrantPrivileges { table, grant: g } => vec![grant(table, g)],
        RevokePrivileges { table, grant: g } => {
            let mut out = vec![revoke(table, g)];
            out.extend(column_grants_back(table, g, ctx));
            out
        }
        SetRowSecurity {
            table,
            previous,
            next,
        } => row_security(table, *previous, *next),
        CreatePolicy { table, policy } => vec![create_policy(table, policy)],
        DropPolicy { table, policy } => vec![drop_policy(table, policy)],
        ReplacePolicy {
            table,
            previous,
            next,
        } => replace_policy(table, previous, next),
        other => unreachable!("not an access change: {other:?}"),
    })
}

/// What completes a new table: its grants, row security and policies.
pub(crate) fn create_table_extras(table: &Table) -> Vec<String> {
    let name = &table.name;
    let mut out: Vec<String> = table.grants.iter().map(|g| grant(name, g)).collect();
    out.extend(row_security(
        name,
        RowSecurity::default(),
        table.row_security,
    ));
    out.extend(table.policies.iter().map(|p| create_policy(name, p)));
    out
}

/// A role as GRANT, REVOKE and CREATE POLICY take it: `public` is the keyword PUBLIC.
fn role(name: &str) -> String {
    if name == "public" {
        "PUBLIC".into()
    } else {
        quote(D, name)
    }
}

/// `SELECT, UPDATE`, or `SELECT ("c"), UPDATE ("c")` for a column's privileges.
fn privileges(g: &Grant) -> String {
    let column = match (&g.sequence, &g.column) {
        (None, Some(c)) => format!(" ({})", quote(D, c)),
        _ => String::new(),
    };
    let list: Vec<String> = g
        .privileges
        .iter()
        .map(|p| format!("{p}{column}"))
        .collect();
    list.join(", ")
}

fn grant(table: &QualifiedName, g: &Grant) -> String {
    let option = if g.with_grant_option {
        " WITH GRANT OPTION"
    } else {
        ""
    };
    format!(
        "GRANT {} ON {} TO {}{option}",
        privileges(g),
        object(table, g),
        role(&g.role)
    )
}

/// `TABLE "t"`, or `SEQUENCE "s"` (in the table's schema) for a sequence's privileges.
fn object(table: &QualifiedName, g: &Grant) -> String {
    match &g.sequence {
        Some(s) => format!("SEQUENCE {}", qname(D, &sibling(table, s))),
        None => format!("TABLE {}", qname(D, table)),
    }
}

/// Revoking a privilege takes its grant option along, so a grant with the option is
/// revoked the same way as one without.
fn revoke(table: &QualifiedName, g: &Grant) -> String {
    format!(
        "REVOKE {} ON {} FROM {}",
        privileges(g),
        object(table, g),
        role(&g.role)
    )
}

/// Revoking a privilege from the table revokes it from every column too: the column
/// privileges the role keeps (those of the schema being reached) are granted again.
fn column_grants_back(table: &QualifiedName, revoked: &Grant, ctx: &Ctx) -> Vec<String> {
    if revoked.column.is_some() || revoked.sequence.is_some() {
        return Vec::new();
    }
    let Some(t) = ctx.next.tables.get(table) else {
        return Vec::new();
    };
    kept_column_grants(t, revoked)
        .map(|g| grant(table, &g))
        .collect()
}

/// The column privileges of `t` that revoking `revoked` (a table privilege) also takes.
pub(crate) fn kept_column_grants<'a>(
    t: &'a Table,
    revoked: &'a Grant,
) -> impl Iterator<Item = Grant> + 'a {
    t.grants
        .iter()
        .filter(move |g| g.role == revoked.role && g.column.is_some() && g.sequence.is_none())
        .filter_map(move |g| {
            let privileges: Vec<String> = g
                .privileges
                .iter()
                .filter(|p| revoked.privileges.contains(p))
                .cloned()
                .collect();
            (!privileges.is_empty()).then(|| Grant {
                privileges,
                ..g.clone()
            })
        })
}

fn row_security(table: &QualifiedName, prev: RowSecurity, next: RowSecurity) -> Vec<String> {
    let t = qname(D, table);
    let mut out = Vec::new();
    if prev.enabled != next.enabled {
        let verb = if next.enabled { "ENABLE" } else { "DISABLE" };
        out.push(format!("ALTER TABLE {t} {verb} ROW LEVEL SECURITY"));
    }
    if prev.forced != next.forced {
        let verb = if next.forced { "FORCE" } else { "NO FORCE" };
        out.push(format!("ALTER TABLE {t} {verb} ROW LEVEL SECURITY"));
    }
    out
}

fn roles(p: &Policy) -> String {
    let list: Vec<String> = p.roles.iter().map(|r| role(r)).collect();
    if list.is_empty() {
        "PUBLIC".into()
    } else {
        list.join(", ")
    }
}

fn create_policy(table: &QualifiedName, p: &Policy) -> String {
    let mut out = format!("CREATE POLICY {} ON {}", quote(D, &p.name), qname(D, table));
    if p.restrictive {
        out.push_str(" AS RESTRICTIVE");
    }
    if p.command != PolicyCommand::All {
        out.push_str(&format!(" FOR {}", p.command.keyword()));
    }
    out.push_str(&format!(" TO {}", roles(p)));
    if let Some(e) = &p.using {
        out.push_str(&format!(" USING ({e})"));
    }
    if let Some(e) = &p.with_check {
        out.push_str(&format!(" WITH CHECK ({e})"));
    }
    out
}

fn drop_policy(table: &QualifiedName, p: &Policy) -> String {
    format!("DROP POLICY {} ON {}", quote(D, &p.name), qname(D, table))
}

/// ALTER POLICY changes roles and sets expressions; it cannot change the command or the
/// kind, nor take an expression away. Anything else is a drop and a create.
fn replace_policy(table: &QualifiedName, prev: &Policy, next: &Policy) -> Vec<String> {
    let in_place = prev.command == next.command
        && prev.restrictive == next.restrictive
        && (prev.using.is_none() || next.using.is_some())
        && (prev.with_check.is_none() || next.with_check.is_some());
    if !in_place {
        return vec![drop_policy(table, prev), create_policy(table, next)];
    }
    let mut out = format!(
        "ALTER POLICY {} ON {}",
        quote(D, &next.name),
        qname(D, table)
    );
    if prev.roles != next.roles {
        out.push_str(&format!(" TO {}", roles(next)));
    }
    if let (true, Some(e)) = (prev.using != next.using, &next.using) {
        out.push_str(&format!(" USING ({e})"));
    }
    if let (true, Some(e)) = (prev.with_check != next.with_check, &next.with_check) {
        out.push_str(&format!(" WITH CHECK ({e})"));
    }
    vec![out]
}
