//! One step from one group of changes: its SQL both ways, hazards, reversibility.

use super::hazards;
use super::step::{PlanOptions, Reversibility, Step};
use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use crate::diff::{summary, Change};
use crate::model::{QualifiedName, Schema};
use crate::render::{self, rebuild};
use std::collections::{BTreeMap, BTreeSet};

pub(super) struct Context<'a> {
    pub dialect: Dialect,
    /// The previous schema as given, with its old names.
    pub original: &'a Schema,
    /// The previous schema under the next names (renames applied).
    pub previous: &'a Schema,
    pub next: &'a Schema,
    pub options: &'a PlanOptions,
    pub changes: &'a [Change],
}

struct Sql {
    up: Vec<String>,
    /// `None` when no down SQL can be rendered.
    down: Option<Vec<String>>,
    transactional: bool,
}

impl Context<'_> {
    pub fn step(
        &self,
        group: &[usize],
        rebuilt: &BTreeSet<QualifiedName>,
    ) -> Result<Step, Diagnostic> {
        let members: Vec<Change> = group.iter().map(|&i| self.changes[i].clone()).collect();
        let rebuilt_table = rebuild::member_table(&members[0])
            .filter(|t| rebuilt.contains(*t))
            .cloned();
        let sql = match (&rebuilt_table, self.dialect) {
            (Some(t), Dialect::Mysql) => self.mysql_alter(t, &members)?,
            (Some(t), _) => self.rebuild(t, &members)?,
            (None, _) => self.single(&members[0])?,
        };
        let hctx = hazards::Context {
            dialect: self.dialect,
            previous: self.previous,
            online: self.options.online,
        };
        let mut found: Vec<Diagnostic> = members
            .iter()
            .flat_map(|c| hazards::check(c, &hctx))
            .collect();
        if let (Some(t), Dialect::Sqlite) = (&rebuilt_table, self.dialect) {
            found.push(
                Diagnostic::warning(
                    Code::TableRewrite,
                    format!("SQLite rebuilds table {t}: every row is copied into a new table"),
                )
                .with_object(t.to_string())
                .with_hint("expect the step to take time and space in proportion to the table"),
            );
        }
        let reversibility = match &sql.down {
            None => Reversibility::Irreversible,
            Some(_)
                if found
                    .iter()
                    .any(|h| h.code.as_str().starts_with("data-loss")) =>
            {
                Reversibility::Lossy
            }
            Some(_) => Reversibility::Reversible,
        };
        Ok(Step {
            summary: summary(&members),
            touches: touches(&members),
            changes: members,
            up: sql.up,
            down: sql.down.unwrap_or_default(),
            reversibility,
            hazards: found,
            transactional: sql.transactional,
        })
    }

    fn render_ctx(&self) -> render::Ctx<'_> {
        render::Ctx {
            dialect: self.dialect,
            previous: self.previous,
            next: self.next,
            online: self.options.online,
        }
    }

    fn single(&self, change: &Change) -> Result<Sql, Diagnostic> {
        let ctx = self.render_ctx();
        let up = render::change(change, &ctx)?;
        let down = render::change(&change.inverse(), &ctx.swapped()).ok();
        Ok(Sql {
            transactional: up.transactional && down.as_ref().is_none_or(|d| d.transactional),
            up: up.statements,
            down: down.map(|d| d.statements),
        })
    }

    /// MySQL: one ALTER TABLE each way. Going down, the inverses run in reverse.
    fn mysql_alter(&self, table: &QualifiedName, members: &[Change]) -> Result<Sql, Diagnostic> {
        let ctx = self.render_ctx();
        let up = render::mysql_alter::render(table, members, &ctx)?;
        let inverses: Vec<Change> = members.iter().rev().map(Change::inverse).collect();
        let down = render::mysql_alter::render(table, &inverses, &ctx.swapped()).ok();
        Ok(Sql {
            up,
            down,
            transactional: false,
        })
    }

    /// SQLite: the whole table at once, both ways. Table renames run as their own steps
    /// (before it going up, after it going down), so the table has its next name here.
    fn rebuild(&self, table: &QualifiedName, members: &[Change]) -> Result<Sql, Diagnostic> {
        let old_name = self
            .changes
            .iter()
            .find_map(|c| match c {
                Change::RenameTable { from, to } if to == table => Some(from.clone()),
                _ => None,
            })
            .unwrap_or_else(|| table.clone());
        let missing = || {
            render::unsupported(
                &members[0],
                self.dialect,
                "the table is missing on one side",
            )
        };
        let mut before = self
            .original
            .tables
            .get(&old_name)
            .ok_or_else(missing)?
            .clone();
        before.name = table.clone();
        let after = self.next.tables.get(table).ok_or_else(missing)?;
        // next name → previous name, for the columns renamed in this table.
        let renamed: BTreeMap<String, String> = members
            .iter()
            .filter_map(|c| match c {
                Change::RenameColumn { from, to, .. } => Some((to.clone(), from.clone())),
                _ => None,
            })
            .collect();
        let back: BTreeMap<String, String> = renamed
            .iter()
            .map(|(n, o)| (o.clone(), n.clone()))
            .collect();
        let pragmas = [self.original, self.next]
            .iter()
            .any(|s| s.tables.values().any(|t| !t.foreign_keys.is_empty()));
        Ok(Sql {
            // DROP TABLE took the table's triggers along: the unchanged ones come back.
            up: [
                rebuild::statements(&before, after, &renamed, pragmas),
                render::routines::kept_triggers(table, self.previous, self.next, self.changes),
            ]
            .concat(),
            down: Some(
                [
                    rebuild::statements(after, &before, &back, pragmas),
                    render::routines::kept_triggers(table, self.next, self.previous, self.changes),
                ]
                .concat(),
            ),
            transactional: !pragmas,
        })
    }
}

/// What the step touches, as `table users` / `column users.email` / `view v`.
fn touches(members: &[Change]) -> Vec<String> {
    let mut out: Vec<String> = members
        .iter()
        .map(|c| {
            let (object, part, kind) = c.subject();
            let what = kind.split_once('_').map_or(kind, |(_, w)| w);
            if part.is_empty() {
                format!("{what} {object}")
            } else {
                format!("{what} {object}.{part}")
            }
        })
        .collect();
    out.dedup();
    out
}
