//! PostgreSQL access control on a table: the privileges granted on it, row-level security and
//! its policies. Each is absent at the default (nothing granted beyond the owner's own
//! rights, row security off, no policy), so a table that states nothing has none of them, in
//! SQL, in JSON and on the server alike.
//!
//! Roles are written as the server names them; `public` stands for PUBLIC (every role), a
//! role name PostgreSQL reserves for it. The owner's own privileges are implied and never
//! listed.

use serde::{Deserialize, Serialize};

/// The privileges one role holds on a table, or on one column of it, with or without the
/// right to grant them on. A table lists at most one entry per (role, column,
/// `with_grant_option`), and a privilege appears in only one of the two entries of a role
/// and column: holding it with the grant option implies holding it. Column privileges are
/// separate from the table's: holding SELECT on the table does not remove SELECT on a
/// column, though revoking it from the table revokes it from every column too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Grant {
    pub role: String,
    /// A column privilege (`GRANT SELECT (col)`); `None` for the whole table. With
    /// `sequence`, the column whose serial or identity sequence it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// A privilege on the sequence a serial or identity column owns, by the sequence's
    /// name (it lives in the table's schema, and keeps its name when the table or column
    /// is renamed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<String>,
    /// Upper case, sorted: `DELETE`, `INSERT`, `REFERENCES`, `SELECT`, `TRIGGER`,
    /// `TRUNCATE`, `UPDATE` (a column has only `INSERT`, `REFERENCES`, `SELECT`, `UPDATE`;
    /// a sequence `SELECT`, `UPDATE`, `USAGE`).
    pub privileges: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub with_grant_option: bool,
}

/// What `ALL [PRIVILEGES]` means on a PostgreSQL 15 table, sorted.
pub const TABLE_PRIVILEGES: [&str; 7] = [
    "DELETE",
    "INSERT",
    "REFERENCES",
    "SELECT",
    "TRIGGER",
    "TRUNCATE",
    "UPDATE",
];

/// What `ALL [PRIVILEGES]` means on a sequence, sorted.
pub const SEQUENCE_PRIVILEGES: [&str; 3] = ["SELECT", "UPDATE", "USAGE"];

/// `relrowsecurity` and `relforcerowsecurity`: whether policies restrict the rows other roles
/// see, and whether they restrict the table's owner too. Either may be set without the other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RowSecurity {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forced: bool,
}

impl RowSecurity {
    pub fn is_default(&self) -> bool {
        *self == RowSecurity::default()
    }
}

/// The command a policy applies to (`FOR ...`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PolicyCommand {
    #[default]
    All,
    Select,
    Insert,
    Update,
    Delete,
}

impl PolicyCommand {
    pub fn keyword(self) -> &'static str {
        match self {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        }
    }
}

/// A row-level security policy (`CREATE POLICY`), named per table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Policy {
    pub name: String,
    #[serde(default, skip_serializing_if = "is_all")]
    pub command: PolicyCommand,
    /// `AS RESTRICTIVE`; the default is PERMISSIVE.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restrictive: bool,
    /// Sorted role names; `["public"]` when the policy names none.
    pub roles: Vec<String>,
    /// The USING expression, normalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    /// The WITH CHECK expression, normalised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
}

fn is_all(c: &PolicyCommand) -> bool {
    *c == PolicyCommand::All
}

/// The one canonical form of a table's grants: one entry per (role, column, sequence, grant
/// option), a privilege held with the grant option left out of the plain entry, privileges
/// sorted and unique, no empty entry, entries sorted by role, then column (the table's own
/// first), then sequence, then grant option (plain first).
pub fn canonical_grants(grants: &mut Vec<Grant>) {
    type Key = (String, Option<String>, Option<String>, bool);
    let mut merged: std::collections::BTreeMap<Key, Vec<String>> = Default::default();
    for g in grants.drain(..) {
        merged
            .entry((g.role, g.column, g.sequence, g.with_grant_option))
            .or_default()
            .extend(g.privileges);
    }
    for privileges in merged.values_mut() {
        privileges.sort();
        privileges.dedup();
    }
    let optioned: Vec<(Key, Vec<String>)> = merged
        .iter()
        .filter(|((_, _, _, option), _)| *option)
        .map(|((role, column, sequence, _), p)| {
            (
                (role.clone(), column.clone(), sequence.clone(), false),
                p.clone(),
            )
        })
        .collect();
    for (plain_key, with_option) in optioned {
        if let Some(plain) = merged.get_mut(&plain_key) {
            plain.retain(|p| !with_option.contains(p));
        }
    }
    grants.extend(merged.into_iter().filter(|(_, p)| !p.is_empty()).map(
        |((role, column, sequence, with_grant_option), privileges)| Grant {
            role,
            column,
            sequence,
            privileges,
            with_grant_option,
        },
    ));
}

/// Policies sorted by name, each one's roles sorted and unique.
pub fn canonical_policies(policies: &mut [Policy]) {
    for p in policies.iter_mut() {
        p.roles.sort();
        p.roles.dedup();
    }
    policies.sort_by(|a, b| a.name.cmp(&b.name));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(role: &str, privileges: &[&str], with_grant_option: bool) -> Grant {
        Grant {
            role: role.into(),
            column: None,
            sequence: None,
            privileges: privileges.iter().map(|p| p.to_string()).collect(),
            with_grant_option,
        }
    }

    #[test]
    fn grants_merge_and_the_grant_option_wins() {
        let mut grants = vec![
            g("b", &["SELECT"], false),
            g("a", &["UPDATE", "INSERT"], false),
            g("a", &["INSERT"], true),
            g("a", &["SELECT", "UPDATE"], false),
            g("c", &[], false),
        ];
        canonical_grants(&mut grants);
        assert_eq!(
            grants,
            vec![
                g("a", &["SELECT", "UPDATE"], false),
                g("a", &["INSERT"], true),
                g("b", &["SELECT"], false),
            ]
        );
    }
}
