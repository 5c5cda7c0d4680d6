//! `data-loss-drop-table`, `data-loss-drop-column`: a drop takes the rows or values with it,
//! and the way down brings back an empty table or column.

use super::{hazard, member, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::Change;

pub(super) fn check(change: &Change, _ctx: &Context, out: &mut Vec<Diagnostic>) {
    match change {
        Change::DropTable { table } => out.push(hazard(
            Code::DataLossDropTable,
            table.name.to_string(),
            format!("dropping table {} loses its rows", table.name),
            "back up the table first, or add a rename hint if it was renamed",
        )),
        Change::DropColumn { table, column, .. } => {
            let object = member(table, &column.name);
            out.push(hazard(
                Code::DataLossDropColumn,
                object.clone(),
                format!("dropping column {object} loses its values"),
                "back up the column or add a rename hint if it was renamed",
            ))
        }
        _ => {}
    }
}
