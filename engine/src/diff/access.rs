//! PostgreSQL access control on a table present on both sides: privileges, row-level security
//! and policies (see `crate::model::access`).
//!
//! Privileges are compared per role, column (or the whole table) and grant option: what only
//! the previous side holds is revoked, what only the next side holds is granted. A privilege that gains or loses the
//! grant option is revoked and granted again (the planner revokes first). A policy whose
//! definition changed is replaced; the renderer alters it in place where ALTER POLICY can.
//!
//! A created or dropped table carries its grants, row security and policies inside the table.

use super::change::Change;
use crate::model::{Grant, Policy, QualifiedName, RowSecurity, Table};
use std::collections::BTreeMap;

pub(super) fn diff_table(prev: &Table, next: &Table, out: &mut Vec<Change>) {
    let table = &next.name;
    diff_grants(table, &prev.grants, &next.grants, out);
    if prev.row_security != next.row_security {
        out.push(Change::SetRowSecurity {
            table: table.clone(),
            previous: prev.row_security,
            next: next.row_security,
        });
    }
    let by_name = |ps: &[Policy]| -> BTreeMap<String, Policy> {
        ps.iter().map(|p| (p.name.clone(), p.clone())).collect()
    };
    let (p, n) = (by_name(&prev.policies), by_name(&next.policies));
    for (name, old) in &p {
        match n.get(name) {
            None => out.push(Change::DropPolicy {
                table: table.clone(),
                policy: old.clone(),
            }),
            Some(new) if new != old => out.push(Change::ReplacePolicy {
                table: table.clone(),
                previous: old.clone(),
                next: new.clone(),
            }),
            Some(_) => {}
        }
    }
    for (name, new) in &n {
        if !p.contains_key(name) {
            out.push(Change::CreatePolicy {
                table: table.clone(),
                policy: new.clone(),
            });
        }
    }
}

fn diff_grants(table: &QualifiedName, prev: &[Grant], next: &[Grant], out: &mut Vec<Change>) {
    let key = |g: &Grant| {
        (
            g.role.clone(),
            g.column.clone(),
            g.sequence.clone(),
            g.with_grant_option,
        )
    };
    let p: BTreeMap<_, &Grant> = prev.iter().map(|g| (key(g), g)).collect();
    let n: BTreeMap<_, &Grant> = next.iter().map(|g| (key(g), g)).collect();
    let missing = |from: &Grant, other: Option<&&Grant>| -> Option<Grant> {
        let privileges: Vec<String> = from
            .privileges
            .iter()
            .filter(|x| other.is_none_or(|o| !o.privileges.contains(x)))
            .cloned()
            .collect();
        (!privileges.is_empty()).then(|| Grant {
            privileges,
            ..from.clone()
        })
    };
    for (k, g) in &p {
        if let Some(grant) = missing(g, n.get(k)) {
            out.push(Change::RevokePrivileges {
                table: table.clone(),
                grant,
            });
        }
    }
    for (k, g) in &n {
        if let Some(grant) = missing(g, p.get(k)) {
            out.push(Change::GrantPrivileges {
                table: table.clone(),
                grant,
            });
        }
    }
}

pub(super) fn subject(c: &Change) -> (QualifiedName, String, &'static str) {
    use Change::*;
    let part = |t: &QualifiedName, p: &str, kind| (t.clone(), p.to_string(), kind);
    match c {
        GrantPrivileges { table, grant } => part(table, &grantee(grant), "grant_privileges"),
        RevokePrivileges { table, grant } => part(table, &grantee(grant), "revoke_privileges"),
        SetRowSecurity { table, .. } => part(table, "", "set_row_security"),
        CreatePolicy { table, policy } => part(table, &policy.name, "create_policy"),
        DropPolicy { table, policy } => part(table, &policy.name, "drop_policy"),
        ReplacePolicy { table, next, .. } => part(table, &next.name, "replace_policy"),
        other => unreachable!("not an access change: {other:?}"),
    }
}

pub(super) fn inverse(c: Change) -> Change {
    use Change::*;
    match c {
        GrantPrivileges { table, grant } => RevokePrivileges { table, grant },
        RevokePrivileges { table, grant } => GrantPrivileges { table, grant },
        SetRowSecurity {
            table,
            previous,
            next,
        } => SetRowSecurity {
            table,
            previous: next,
            next: previous,
        },
        CreatePolicy { table, policy } => DropPolicy { table, policy },
        DropPolicy { table, policy } => CreatePolicy { table, policy },
        ReplacePolicy {
            table,
            previous,
            next,
        } => ReplacePolicy {
            table,
            previous: next,
            next: previous,
        },
        other => other,
    }
}

/// `role`, `role (column)` for a column's privileges, `role (sequence s)` for a sequence's.
fn grantee(g: &Grant) -> String {
    match (&g.sequence, &g.column) {
        (Some(s), _) => format!("{} (sequence {s})", g.role),
        (None, Some(c)) => format!("{} ({c})", g.role),
        (None, None) => g.role.clone(),
    }
}

/// `SELECT, UPDATE`, `SELECT, UPDATE (column)` or `USAGE on sequence s`.
fn privileges(g: &Grant) -> String {
    let list = g.privileges.join(", ");
    match (&g.sequence, &g.column) {
        (Some(s), _) => format!("{list} on sequence {s}"),
        (None, Some(c)) => format!("{list} ({c})"),
        (None, None) => list,
    }
}

/// `off`, `enabled`, `enabled, forced`, `forced`.
pub(crate) fn row_security_label(r: RowSecurity) -> &'static str {
    match (r.enabled, r.forced) {
        (false, false) => "off",
        (true, false) => "enabled",
        (true, true) => "enabled, forced",
        (false, true) => "forced",
    }
}

/// The summary line: `+ grant users: INSERT, SELECT to app`, `~ policy users.tenant`.
pub(super) fn line(c: &Change) -> Option<String> {
    use Change::*;
    let option = |g: &Grant| {
        if g.with_grant_option {
            " with grant option"
        } else {
            ""
        }
    };
    Some(match c {
        GrantPrivileges { table, grant } => format!(
            "+ grant {table}: {} to {}{}",
            privileges(grant),
            grant.role,
            option(grant)
        ),
        RevokePrivileges { table, grant } => format!(
            "- grant {table}: {} from {}{}",
            privileges(grant),
            grant.role,
            option(grant)
        ),
        SetRowSecurity {
            table,
            previous,
            next,
        } => format!(
            "~ table {table}: row security {} → {}",
            row_security_label(*previous),
            row_security_label(*next)
        ),
        CreatePolicy { table, policy } => format!("+ policy {table}.{}", policy.name),
        DropPolicy { table, policy } => format!("- policy {table}.{}", policy.name),
        ReplacePolicy { table, next, .. } => format!("~ policy {table}.{}", next.name),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::diff::{diff, Change, MigrationPair, RenameHints};
    use crate::ingest::parse_schema;
    use crate::Dialect;

    fn changes(a: &str, b: &str) -> Vec<Change> {
        let p = parse_schema(Dialect::Postgres, a).unwrap().0;
        let n = parse_schema(Dialect::Postgres, b).unwrap().0;
        let pair = MigrationPair {
            previous: &p,
            next: &n,
        };
        diff(pair, &RenameHints::default()).unwrap().changes
    }

    const A: &str = "CREATE TABLE t (id int, v text);
        GRANT SELECT, INSERT ON t TO a; GRANT UPDATE (v) ON t TO b WITH GRANT OPTION;
        ALTER TABLE t ENABLE ROW LEVEL SECURITY;
        CREATE POLICY p ON t USING (id > 0); CREATE POLICY q ON t USING (true);";
    const B: &str = "CREATE TABLE t (id int, v text);
        GRANT SELECT ON t TO a WITH GRANT OPTION; GRANT UPDATE (v) ON t TO b;
        ALTER TABLE t FORCE ROW LEVEL SECURITY;
        CREATE POLICY p ON t USING (id > 1); CREATE POLICY r ON t USING (true);";

    #[test]
    fn grants_rls_and_policies_diff_and_mirror() {
        let up = changes(A, B);
        let lines = crate::diff::summary(&up);
        assert_eq!(
            lines,
            [
                "~ table t: row security enabled → forced",
                "+ grant t: SELECT to a with grant option",
                "- grant t: INSERT, SELECT from a",
                "+ grant t: UPDATE (v) to b",
                "- grant t: UPDATE (v) from b with grant option",
                "~ policy t.p",
                "- policy t.q",
                "+ policy t.r",
            ]
        );
        let mut back: Vec<Change> = up.iter().map(Change::inverse).collect();
        back.sort_by_cached_key(Change::subject);
        assert_eq!(back, changes(B, A));
        assert!(changes(A, A).is_empty());
    }
}
