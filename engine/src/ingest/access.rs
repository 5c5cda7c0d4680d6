//! PostgreSQL access control: GRANT and REVOKE of table and column privileges and of
//! privileges on the sequences of serial and identity columns, ALTER TABLE ... ROW LEVEL
//! SECURITY, and CREATE / ALTER / DROP POLICY (see `crate::model::access`).
//!
//! What the model cannot hold is reported and the whole statement ignored, never half
//! applied: privileges on other kinds of objects, grantees named by CURRENT_USER and the
//! like, REVOKE ... CASCADE (which reaches grants the model does not track, those made by
//! the grantee).

use super::ctx::{Ctx, Touch};
use super::StatementKind;
use crate::canon::policy_expr::normalize_policy_expr;
use crate::diag::{Code, Diagnostic};
use crate::footprint::ObjectRef;
use crate::model::{
    canonical_grants, Grant, Identity, Policy, PolicyCommand, QualifiedName, Table,
    SEQUENCE_PRIVILEGES, TABLE_PRIVILEGES,
};
use sqlparser::ast::{
    Action, AlterPolicy, AlterPolicyOperation, AlterTableOperation, CascadeOption, CreatePolicy,
    CreatePolicyCommand, CreatePolicyType, DropPolicy, Expr, GrantObjects, Grantee, GranteeName,
    GranteesType, Ident, ObjectName, Owner, Privileges,
};

/// A privilege as written: on the whole object, or on the columns listed.
type Privilege = (String, Option<Vec<Ident>>);

/// What a GRANT or REVOKE names: a table, or the sequence (by name) of a table's column.
struct Object {
    table: QualifiedName,
    sequence: Option<(String, String)>,
}

/// One privilege on one thing: the table, one of its columns, or a column's sequence.
struct Target {
    privilege: String,
    column: Option<String>,
    sequence: Option<String>,
}

impl Target {
    /// Whether revoking this takes privilege `p` of grant `g` (of the same role): a table
    /// privilege goes from the columns too, never from a sequence.
    fn hits(&self, g: &Grant, p: &str) -> bool {
        self.privilege == p
            && self.sequence == g.sequence
            && (self.column.is_none() || self.sequence.is_some() || self.column == g.column)
    }
}

/// `GRANT privileges [(columns)] ON [TABLE | SEQUENCE] name, ... TO roles [WITH GRANT
/// OPTION]`.
pub fn grant(ctx: &mut Ctx, g: &sqlparser::ast::Grant) -> Result<StatementKind, Diagnostic> {
    if g.as_grantor.is_some() || g.current_grants.is_some() {
        return Ok(skip(ctx, "GRANT with AS or COPY/REVOKE CURRENT GRANTS"));
    }
    let Some((objects, targets, roles)) =
        read(ctx, "GRANT", &g.objects, &g.privileges, &g.grantees)?
    else {
        return Ok(StatementKind::Unsupported);
    };
    if g.with_grant_option && roles.iter().any(|r| r == "public") {
        // PostgreSQL refuses it: grant options can only be granted to roles.
        return Ok(skip(ctx, "GRANT ... TO PUBLIC WITH GRANT OPTION"));
    }
    for (object, targets) in objects.into_iter().zip(targets) {
        let t = ctx.table(&object.table);
        for role in &roles {
            for target in &targets {
                t.grants.push(Grant {
                    role: role.clone(),
                    column: target.column.clone(),
                    sequence: target.sequence.clone(),
                    privileges: vec![target.privilege.clone()],
                    with_grant_option: g.with_grant_option,
                });
            }
        }
        canonical_grants(&mut t.grants);
        ctx.touch(Touch::Alter, ObjectRef::table(&object.table));
    }
    Ok(StatementKind::Ddl)
}

/// `REVOKE [GRANT OPTION FOR] privileges [(columns)] ON [TABLE | SEQUENCE] name, ... FROM
/// roles [RESTRICT]`. Revoking a privilege from the table revokes it from every column too.
pub fn revoke(ctx: &mut Ctx, r: &sqlparser::ast::Revoke) -> Result<StatementKind, Diagnostic> {
    if matches!(r.cascade, Some(CascadeOption::Cascade)) {
        return Ok(skip(ctx, "REVOKE ... CASCADE"));
    }
    let Some((objects, targets, roles)) =
        read(ctx, "REVOKE", &r.objects, &r.privileges, &r.grantees)?
    else {
        return Ok(StatementKind::Unsupported);
    };
    for (object, targets) in objects.into_iter().zip(targets) {
        let t = ctx.table(&object.table);
        let mut demoted = Vec::new();
        for g in t.grants.iter_mut().filter(|g| roles.contains(&g.role)) {
            if r.grant_option_for && !g.with_grant_option {
                continue;
            }
            let (gone, kept): (Vec<String>, Vec<String>) = std::mem::take(&mut g.privileges)
                .into_iter()
                .partition(|p| targets.iter().any(|x| x.hits(g, p)));
            g.privileges = kept;
            if r.grant_option_for && !gone.is_empty() {
                // Only the right to grant goes; the privileges stay.
                demoted.push(Grant {
                    privileges: gone,
                    with_grant_option: false,
                    ..g.clone()
                });
            }
        }
        t.grants.extend(demoted);
        canonical_grants(&mut t.grants);
        ctx.touch(Touch::Alter, ObjectRef::table(&object.table));
    }
    Ok(StatementKind::Ddl)
}

/// The privileges on `object`, columns by their stored names (or an `unknown-column`
/// error).
fn targets(
    ctx: &Ctx,
    object: &Object,
    privileges: &[Privilege],
) -> Result<Vec<Target>, Diagnostic> {
    let table = &ctx.schema.tables[&object.table];
    let mut out = Vec::new();
    for (privilege, columns) in privileges {
        let target = |column: Option<String>| match &object.sequence {
            Some((col, seq)) => Target {
                privilege: privilege.clone(),
                column: Some(col.clone()),
                sequence: Some(seq.clone()),
            },
            None => Target {
                privilege: privilege.clone(),
                column,
                sequence: None,
            },
        };
        match columns {
            None => out.push(target(None)),
            Some(cols) => {
                for c in cols {
                    let stored = ctx.require_column(table, &ctx.ident(c))?;
                    out.push(target(Some(stored)));
                }
            }
        }
    }
    Ok(out)
}

type Read = (Vec<Object>, Vec<Vec<Target>>, Vec<String>);

/// The objects, privileges and roles of a GRANT or REVOKE, or `None` (reported) when any of
/// them is something the model does not hold.
fn read(
    ctx: &mut Ctx,
    what: &str,
    objects: &Option<GrantObjects>,
    privileges: &Privileges,
    grantees: &[Grantee],
) -> Result<Option<Read>, Diagnostic> {
    let (names, on_sequences) = match objects {
        Some(GrantObjects::Tables(names)) => (names, false),
        Some(GrantObjects::Sequences(names)) => (names, true),
        Some(_) => {
            skip(
                ctx,
                &format!("{what} on objects other than tables and sequences"),
            );
            return Ok(None);
        }
        None => {
            skip(ctx, &format!("{what} of a role"));
            return Ok(None);
        }
    };
    let mut found = Vec::new();
    for n in names {
        let written = ctx.name(n);
        let object = if on_sequences {
            owned_sequence(ctx, &written)
        } else {
            ctx.find_table(&written).map(|table| Object {
                table,
                sequence: None,
            })
        };
        match object {
            Some(o) => found.push(o),
            None => {
                let kind = if on_sequences {
                    "the sequence of a serial or identity column"
                } else {
                    "a table"
                };
                skip(
                    ctx,
                    &format!("{what} on `{written}`, which is not {kind} of the schema"),
                );
                return Ok(None);
            }
        }
    }
    let Some(privileges) = object_privileges(privileges, on_sequences) else {
        let on = if on_sequences {
            "a sequence"
        } else {
            "a table"
        };
        skip(ctx, &format!("{what} of `{privileges}` on {on}"));
        return Ok(None);
    };
    let mut roles = Vec::new();
    for g in grantees {
        match grantee(ctx, g) {
            Some(r) => roles.push(r),
            None => {
                skip(ctx, &format!("{what} to or from `{g}`"));
                return Ok(None);
            }
        }
    }
    let mut targets_of = Vec::new();
    for o in &found {
        targets_of.push(targets(ctx, o, &privileges)?);
    }
    Ok(Some((found, targets_of, roles)))
}

/// The serial or identity column whose sequence PostgreSQL named `name`
/// (`<table>_<column>_seq`, when that fits in 63 bytes).
fn owned_sequence(ctx: &Ctx, name: &QualifiedName) -> Option<Object> {
    ctx.schema
        .tables
        .values()
        .filter(|t| t.name.schema == name.schema)
        .find_map(|t| {
            let c = t.columns.iter().find(|c| {
                c.identity.is_some_and(|i| i != Identity::AutoIncrement)
                    && format!("{}_{}_seq", t.name.name, c.name) == name.name
                    && name.name.len() <= 63
            })?;
            Some(Object {
                table: t.name.clone(),
                sequence: Some((c.name.clone(), name.name.clone())),
            })
        })
}

/// Upper-case privilege names, each with the columns it names; `None` for privileges the
/// object does not have.
fn object_privileges(p: &Privileges, on_sequences: bool) -> Option<Vec<Privilege>> {
    let whole = |name: &str| (name.to_string(), None);
    let all: &[&str] = if on_sequences {
        &SEQUENCE_PRIVILEGES
    } else {
        &TABLE_PRIVILEGES
    };
    let actions = match p {
        Privileges::All { .. } => return Some(all.iter().map(|s| whole(s)).collect()),
        Privileges::Actions(actions) => actions,
    };
    actions
        .iter()
        .map(|a| {
            let (name, columns) = match a {
                Action::Select { columns } => ("SELECT", columns.clone()),
                Action::Insert { columns } => ("INSERT", columns.clone()),
                Action::Update { columns } => ("UPDATE", columns.clone()),
                Action::References { columns } => ("REFERENCES", columns.clone()),
                Action::Delete => ("DELETE", None),
                Action::Truncate => ("TRUNCATE", None),
                Action::Trigger => ("TRIGGER", None),
                Action::Usage => ("USAGE", None),
                _ => return None,
            };
            let fits = all.contains(&name) && !(on_sequences && columns.is_some());
            fits.then(|| (name.to_string(), columns))
        })
        .collect()
}

/// The role a grantee names; `public` for PUBLIC. `None` for CURRENT_USER and the like,
/// whose meaning depends on who runs the SQL.
fn grantee(ctx: &Ctx, g: &Grantee) -> Option<String> {
    if g.grantee_type == GranteesType::Public {
        return Some("public".into());
    }
    if !matches!(g.grantee_type, GranteesType::None | GranteesType::Group) {
        return None;
    }
    match &g.name {
        Some(GranteeName::ObjectName(n)) => role_name(ctx, n),
        _ => None,
    }
}

fn role_name(ctx: &Ctx, n: &ObjectName) -> Option<String> {
    let [part] = n.0.as_slice() else {
        return None;
    };
    let id = part.as_ident()?;
    let special = ["CURRENT_USER", "CURRENT_ROLE", "SESSION_USER"];
    if id.quote_style.is_none() && special.contains(&id.value.to_ascii_uppercase().as_str()) {
        return None;
    }
    Some(ctx.ident(id))
}

/// Reports a statement the model ignores as a whole.
fn skip(ctx: &mut Ctx, what: &str) -> StatementKind {
    ctx.unsupported_statement(what);
    StatementKind::Unsupported
}

/// ENABLE / DISABLE / FORCE / NO FORCE ROW LEVEL SECURITY; `false` for other actions.
pub fn row_security(t: &mut Table, op: &AlterTableOperation) -> bool {
    let r = &mut t.row_security;
    match op {
        AlterTableOperation::EnableRowLevelSecurity => r.enabled = true,
        AlterTableOperation::DisableRowLevelSecurity => r.enabled = false,
        AlterTableOperation::ForceRowLevelSecurity => r.forced = true,
        AlterTableOperation::NoForceRowLevelSecurity => r.forced = false,
        _ => return false,
    }
    true
}

/// The table a policy statement names, or an `unknown-table` error. A view (which cannot
/// have policies) is reported by the server the same way.
fn policy_table(
    ctx: &Ctx,
    name: &ObjectName,
    if_exists: bool,
) -> Result<Option<QualifiedName>, Diagnostic> {
    let written = ctx.name(name);
    match ctx.find_table(&written) {
        Some(k) => Ok(Some(k)),
        None if if_exists => Ok(None),
        None => Err(ctx.require_table(&written).unwrap_err()),
    }
}

fn policy_roles(ctx: &Ctx, to: Option<&Vec<Owner>>) -> Option<Vec<String>> {
    let Some(to) = to else {
        return Some(vec!["public".into()]);
    };
    let mut roles = Vec::new();
    for o in to {
        match o {
            Owner::Ident(id) => roles.push(ctx.ident(id)),
            _ => return None,
        }
    }
    // PostgreSQL keeps PUBLIC alone: every role is a member of it.
    if roles.iter().any(|r| r == "public") {
        roles = vec!["public".into()];
    }
    roles.sort();
    roles.dedup();
    Some(roles)
}

/// A policy expression, normalised against the columns of its table.
fn expr(ctx: &Ctx, table: &QualifiedName, e: &Option<Expr>) -> Option<String> {
    let columns = &ctx.schema.tables[table].columns;
    e.as_ref().map(|e| normalize_policy_expr(e, columns))
}

fn duplicate(ctx: &Ctx, table: &QualifiedName, name: &str) -> Diagnostic {
    ctx.error(
        Code::DuplicateConstraint,
        format!("{table}.{name}"),
        format!("policy `{name}` already exists on `{table}`"),
        "drop the policy first, or alter it",
    )
}

fn unknown(ctx: &Ctx, table: &QualifiedName, name: &str) -> Diagnostic {
    ctx.error(
        Code::UnknownConstraint,
        format!("{table}.{name}"),
        format!("policy `{name}` of table `{table}` does not exist"),
        "check the name, or use IF EXISTS",
    )
}

pub fn create_policy(ctx: &mut Ctx, p: &CreatePolicy) -> Result<StatementKind, Diagnostic> {
    let key = policy_table(ctx, &p.table_name, false)?.expect("required");
    let name = ctx.ident(&p.name);
    let Some(roles) = policy_roles(ctx, p.to.as_ref()) else {
        return Ok(skip(
            ctx,
            "CREATE POLICY for CURRENT_USER, CURRENT_ROLE or SESSION_USER",
        ));
    };
    if ctx.schema.tables[&key]
        .policies
        .iter()
        .any(|q| q.name == name)
    {
        return Err(duplicate(ctx, &key, &name));
    }
    let policy = Policy {
        name,
        command: match p.command {
            None | Some(CreatePolicyCommand::All) => PolicyCommand::All,
            Some(CreatePolicyCommand::Select) => PolicyCommand::Select,
            Some(CreatePolicyCommand::Insert) => PolicyCommand::Insert,
            Some(CreatePolicyCommand::Update) => PolicyCommand::Update,
            Some(CreatePolicyCommand::Delete) => PolicyCommand::Delete,
        },
        restrictive: p.policy_type == Some(CreatePolicyType::Restrictive),
        roles,
        using: expr(ctx, &key, &p.using),
        with_check: expr(ctx, &key, &p.with_check),
    };
    let t = ctx.table(&key);
    t.policies.push(policy);
    t.sort_members();
    ctx.touch(Touch::Alter, ObjectRef::table(&key));
    Ok(StatementKind::Ddl)
}

pub fn drop_policy(ctx: &mut Ctx, d: &DropPolicy) -> Result<StatementKind, Diagnostic> {
    let Some(key) = policy_table(ctx, &d.table_name, d.if_exists)? else {
        return Ok(StatementKind::Ddl);
    };
    let name = ctx.ident(&d.name);
    let t = ctx.table(&key);
    let before = t.policies.len();
    t.policies.retain(|p| p.name != name);
    if t.policies.len() == before && !d.if_exists {
        return Err(unknown(ctx, &key, &name));
    }
    ctx.touch(Touch::Alter, ObjectRef::table(&key));
    Ok(StatementKind::Ddl)
}

pub fn alter_policy(ctx: &mut Ctx, a: &AlterPolicy) -> Result<StatementKind, Diagnostic> {
    let key = policy_table(ctx, &a.table_name, false)?.expect("required");
    let name = ctx.ident(&a.name);
    let Some(at) = ctx.schema.tables[&key]
        .policies
        .iter()
        .position(|p| p.name == name)
    else {
        return Err(unknown(ctx, &key, &name));
    };
    match &a.operation {
        AlterPolicyOperation::Rename { new_name } => {
            let new = ctx.ident(new_name);
            if new != name
                && ctx.schema.tables[&key]
                    .policies
                    .iter()
                    .any(|p| p.name == new)
            {
                return Err(duplicate(ctx, &key, &new));
            }
            ctx.table(&key).policies[at].name = new;
        }
        AlterPolicyOperation::Apply {
            to,
            using,
            with_check,
        } => {
            let roles = match to {
                None => None,
                Some(to) => match policy_roles(ctx, Some(to)) {
                    Some(r) => Some(r),
                    None => {
                        return Ok(skip(
                            ctx,
                            "ALTER POLICY for CURRENT_USER, CURRENT_ROLE or SESSION_USER",
                        ))
                    }
                },
            };
            let (using, with_check) = (expr(ctx, &key, using), expr(ctx, &key, with_check));
            let p = &mut ctx.table(&key).policies[at];
            if let Some(r) = roles {
                p.roles = r;
            }
            if using.is_some() {
                p.using = using;
            }
            if with_check.is_some() {
                p.with_check = with_check;
            }
        }
    }
    ctx.table(&key).sort_members();
    ctx.touch(Touch::Alter, ObjectRef::table(&key));
    Ok(StatementKind::Ddl)
}

/// DROP COLUMN: PostgreSQL refuses while a policy of the table reads the column, and with
/// CASCADE drops those policies. The column's privileges go with it.
pub fn drop_column_access(
    ctx: &Ctx,
    t: &mut Table,
    col: &str,
    cascade: bool,
) -> Result<(), Diagnostic> {
    let d = ctx.dialect;
    let reads = |p: &Policy| {
        [&p.using, &p.with_check]
            .into_iter()
            .flatten()
            .any(|e| super::rename::expr_mentions(d, e, col))
    };
    if let Some(p) = t.policies.iter().find(|p| reads(p)) {
        if !cascade {
            return Err(ctx.error(
                Code::DependentObjects,
                format!("{}.{col}", t.name),
                format!(
                    "cannot drop column `{}.{col}`: policy `{}` uses it",
                    t.name, p.name
                ),
                "drop the policy first, or use DROP COLUMN ... CASCADE",
            ));
        }
    }
    t.policies.retain(|p| !reads(p));
    t.grants.retain(|g| g.column.as_deref() != Some(col));
    Ok(())
}

/// RENAME COLUMN: the column's privileges and the policies' expressions follow the column
/// (`t` has its new columns).
pub fn rename_column_access(ctx: &Ctx, t: &mut Table, old: &str, new: &str) {
    for g in t.grants.iter_mut() {
        if g.column.as_deref() == Some(old) {
            g.column = Some(new.to_string());
        }
    }
    canonical_grants(&mut t.grants);
    let d = ctx.dialect;
    let columns = t.columns.clone();
    for p in t.policies.iter_mut() {
        for text in [&mut p.using, &mut p.with_check].into_iter().flatten() {
            let parser = d.parser();
            let parsed = sqlparser::parser::Parser::new(parser.as_ref())
                .with_recursion_limit(super::parse::RECURSION_LIMIT)
                .try_with_sql(text)
                .and_then(|mut p| p.parse_expr());
            let Ok(mut e) = parsed else {
                continue;
            };
            let _ = sqlparser::ast::visit_expressions_mut(&mut e, |e| {
                let id = match e {
                    Expr::Identifier(id) => Some(id),
                    Expr::CompoundIdentifier(ids) => ids.last_mut(),
                    _ => None,
                };
                if let Some(id) = id.filter(|id| ctx.ident(id) == old) {
                    *id = sqlparser::ast::Ident::with_quote('"', new);
                }
                std::ops::ControlFlow::<()>::Continue(())
            });
            *text = normalize_policy_expr(&e, &columns);
        }
    }
}
