//! `breaks-app-drop`, `breaks-app-rename`: application code deployed before the migration
//! still uses the old object or name, and fails once it is gone.

use super::{hazard, member, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::Change;

const DROP_HINT: &str = "deploy application code that no longer uses it before migrating";
const RENAME_HINT: &str =
    "deploy code that works with both names first, or add the new name and drop the old one in a later release";

pub(super) fn check(change: &Change, _ctx: &Context, out: &mut Vec<Diagnostic>) {
    match change {
        Change::DropTable { table } => out.push(hazard(
            Code::BreaksAppDrop,
            table.name.to_string(),
            format!(
                "dropping table {} breaks code that still reads or writes it",
                table.name
            ),
            DROP_HINT,
        )),
        Change::DropColumn { table, column, .. } => {
            let object = member(table, &column.name);
            out.push(hazard(
                Code::BreaksAppDrop,
                object.clone(),
                format!("dropping column {object} breaks code that still reads or writes it"),
                DROP_HINT,
            ))
        }
        Change::DropView { view } => {
            let kind = if view.materialized {
                "materialized view"
            } else {
                "view"
            };
            out.push(hazard(
                Code::BreaksAppDrop,
                view.name.to_string(),
                format!(
                    "dropping {kind} {} breaks code that still queries it",
                    view.name
                ),
                DROP_HINT,
            ))
        }
        Change::RenameTable { from, to } => out.push(hazard(
            Code::BreaksAppRename,
            to.to_string(),
            format!("renaming table {from} to {to} breaks code that still uses {from}"),
            RENAME_HINT,
        )),
        Change::RenameColumn { table, from, to } => out.push(hazard(
            Code::BreaksAppRename,
            member(table, to),
            format!(
                "renaming column {} to {} breaks code that still uses {from}",
                member(table, from),
                member(table, to)
            ),
            RENAME_HINT,
        )),
        _ => {}
    }
}
