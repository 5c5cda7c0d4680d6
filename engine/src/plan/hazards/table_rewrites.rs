//! `table-rewrite`: the server copies every row into a new table (file), holding a lock for
//! the time that takes.
//!
//! Postgres:
//! - ALTER COLUMN TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE, except
//!   where the stored bytes stay valid (`type_widths::pg_keeps_rows`: a longer or unbounded
//!   varchar, varchar → text, more numeric precision at the same scale, ...).
//! - ADD COLUMN fills existing rows at once (no rewrite) when its default is a constant or
//!   stable (`now()`, `CURRENT_TIMESTAMP`). A volatile default (`random()`,
//!   `gen_random_uuid()`, `clock_timestamp()`, `nextval(...)`), an identity or serial, or a
//!   stored generated column needs a value per row: a rewrite.
//! - Dropping an enum value, or reordering the values, recreates the type and casts every
//!   column using it: each such table is rewritten.
//!
//! MySQL (InnoDB, MySQL 8 and MariaDB 10.4+):
//! - MODIFY COLUMN with another type copies the table (ALGORITHM=COPY), except growing a
//!   VARCHAR/VARBINARY within the same length-byte class (up to 255 bytes, or above:
//!   INPLACE in MySQL, INSTANT in MariaDB) and appending ENUM/SET values without growing
//!   their storage (INSTANT in both). MariaDB can do some more conversions in place on
//!   ROW_FORMAT=REDUNDANT tables only (MDEV-15563); the row format is not in the model, so
//!   those still count as a copy.
//! - Changing nullability or collation rebuilds the table too (in place for NULL/NOT NULL,
//!   by copy when the character set changes).
//! - ADD FOREIGN KEY copies the table while foreign_key_checks is on, ADD CHECK always
//!   does; adding or dropping the primary key rebuilds it (rows are stored in key order);
//!   adding an AUTO_INCREMENT or a STORED generated column rebuilds it to fill the values.
//!   ADD COLUMN otherwise is INSTANT anywhere in the table (MySQL 8.0.29+, MariaDB 10.4+):
//!   not flagged, wherever the column goes.
//!
//! SQLite: the planner rebuilds the whole table when its ALTER TABLE cannot express a
//! change, and gives that step one `table-rewrite` of its own: nothing here.

use super::dropping_enum_values;
use super::type_widths::{parse, pg_keeps_rows, Shape};
use super::{check_object, foreign_key_object, hazard, member, primary_key_names, Context};
use crate::diag::{Code, Diagnostic};
use crate::diff::{Change, ColumnAspect};
use crate::model::{Column, Identity, QualifiedName};
use crate::Dialect;

const BIG_TABLE_HINT: &str =
    "for a large table, add a new column, backfill it in batches and swap, or run it when the table is quiet";
const COPY_HINT: &str =
    "run it when the table is quiet, or use an online schema change tool (gh-ost, pt-online-schema-change) on a large table";

pub(super) fn check(change: &Change, ctx: &Context, out: &mut Vec<Diagnostic>) {
    match ctx.dialect {
        Dialect::Postgres => postgres(change, ctx, out),
        Dialect::Mysql => mysql(change, out),
        Dialect::Sqlite => {}
    }
}

fn postgres(change: &Change, ctx: &Context, out: &mut Vec<Diagnostic>) {
    match change {
        Change::AlterColumn {
            table,
            previous,
            next,
            aspects,
        } if aspects.contains(&ColumnAspect::Type)
            && !pg_keeps_rows(&previous.data_type, &next.data_type) =>
        {
            let object = member(table, &next.name);
            out.push(hazard(
                Code::TableRewrite,
                object.clone(),
                format!(
                    "changing column {object} from {} to {} rewrites {table} and its indexes under an ACCESS EXCLUSIVE lock",
                    previous.data_type, next.data_type
                ),
                BIG_TABLE_HINT,
            ));
        }
        Change::AddColumn { table, column, .. } => {
            if let Some(why) = pg_fills_per_row(column) {
                let object = member(table, &column.name);
                out.push(hazard(
                    Code::TableRewrite,
                    object.clone(),
                    format!("adding column {object} with {why} rewrites {table} under an ACCESS EXCLUSIVE lock"),
                    "add the column without it, then fill existing rows in batches (and set the default after)",
                ));
            }
        }
        Change::DropEnumValue { name, .. } => enum_rewrites(name, ctx, out),
        Change::ReplaceEnum { previous, .. } => enum_rewrites(&previous.name, ctx, out),
        _ => {}
    }
}

/// Why an added column needs a value computed for every existing row, if it does.
fn pg_fills_per_row(column: &Column) -> Option<String> {
    if let Some(g) = &column.generated {
        if g.stored {
            return Some("a stored generated value".into());
        }
    }
    match column.identity {
        Some(Identity::Serial) => return Some("a serial sequence".into()),
        Some(Identity::Always | Identity::ByDefault) => return Some("an identity".into()),
        _ => {}
    }
    let default = column.default.as_deref()?;
    volatile_call(default).map(|f| format!("a volatile default ({f}())"))
}

/// Built-in functions that give a new value on every call. `now()` and
/// `CURRENT_TIMESTAMP` are stable (one value per transaction), so not here; neither are
/// user functions, whose volatility the model does not know.
const VOLATILE: &[&str] = &[
    "clock_timestamp",
    "gen_random_bytes",
    "gen_random_uuid",
    "nextval",
    "random",
    "timeofday",
    "txid_current",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "uuidv4",
    "uuidv7",
];

/// The first volatile function an expression calls, outside string literals; a
/// schema-qualified call (`public.gen_random_uuid()`) counts by its last name.
pub(super) fn volatile_call(expr: &str) -> Option<&'static str> {
    let mut chars = expr.char_indices().peekable();
    let mut word = String::new();
    while let Some((_, c)) = chars.next() {
        if c == '\'' {
            // Skip the literal; '' inside it is a quote, which this loop also skips.
            for (_, d) in chars.by_ref() {
                if d == '\'' {
                    break;
                }
            }
            word.clear();
            continue;
        }
        if c.is_alphanumeric() || c == '_' || c == '$' {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if c == '(' || (c.is_whitespace() && !word.is_empty()) {
            let called = c == '(' || {
                while chars.peek().is_some_and(|(_, d)| d.is_whitespace()) {
                    chars.next();
                }
                chars.peek().is_some_and(|(_, d)| *d == '(')
            };
            if called {
                if let Some(f) = VOLATILE.iter().find(|f| **f == word) {
                    return Some(f);
                }
            }
        }
        word.clear();
    }
    None
}

/// Every column using the enum is cast to the recreated type: its table is rewritten.
fn enum_rewrites(name: &QualifiedName, ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (table, column) in dropping_enum_values::users(name, ctx.previous) {
        let object = member(table, column);
        out.push(hazard(
            Code::TableRewrite,
            object.clone(),
            format!("recreating enum {name} rewrites {table} to convert column {object}"),
            BIG_TABLE_HINT,
        ));
    }
}

fn mysql(change: &Change, out: &mut Vec<Diagnostic>) {
    let copy =
        |object: String, message: String| hazard(Code::TableRewrite, object, message, COPY_HINT);
    match change {
        Change::AlterColumn {
            table,
            previous,
            next,
            aspects,
        } => {
            let has = |a| aspects.contains(&a);
            let retyped = has(ColumnAspect::Type) && !mysql_in_place(previous, next);
            let object = member(table, &next.name);
            if retyped || has(ColumnAspect::Collation) {
                out.push(copy(
                    object.clone(),
                    format!("changing column {object} from {} to {} copies table {table} (ALGORITHM=COPY), blocking writes until it is done",
                        describe(previous), describe(next)),
                ));
            } else if has(ColumnAspect::Nullability) {
                let to = if next.nullable { "NULL" } else { "NOT NULL" };
                out.push(copy(
                    object.clone(),
                    format!("making column {object} {to} rebuilds table {table}"),
                ));
            }
        }
        Change::AddColumn { table, column, .. } => {
            let why = if column.identity == Some(Identity::AutoIncrement) {
                Some("AUTO_INCREMENT")
            } else if column.generated.as_ref().is_some_and(|g| g.stored) {
                Some("STORED generated")
            } else {
                None
            };
            if let Some(why) = why {
                let object = member(table, &column.name);
                out.push(copy(
                    object.clone(),
                    format!("adding {why} column {object} rebuilds table {table} to fill it"),
                ));
            }
        }
        Change::AddForeignKey {
            table,
            foreign_key: fk,
        } => {
            let object = foreign_key_object(table, fk);
            out.push(copy(
                object.clone(),
                format!("adding foreign key {object} copies table {table} (ALGORITHM=COPY while foreign_key_checks is on)"),
            ));
        }
        Change::AddCheck { table, check } => {
            let object = check_object(table, check);
            out.push(copy(
                object.clone(),
                format!("adding check {object} copies table {table} (ALGORITHM=COPY)"),
            ));
        }
        Change::AddPrimaryKey { table, primary_key } => {
            let (object, key) = primary_key_names(table, primary_key);
            out.push(copy(
                object,
                format!("adding {key} rebuilds table {table}: rows are stored in key order"),
            ))
        }
        Change::DropPrimaryKey { table, .. } => out.push(copy(
            table.to_string(),
            format!("dropping the primary key of {table} copies the table (ALGORITHM=COPY)"),
        )),
        Change::AlterTableOptions {
            table,
            previous,
            next,
        } if previous.partition != next.partition => out.push(copy(
            table.to_string(),
            format!(
                "changing the partitioning of {table} copies every row into the new partitions"
            ),
        )),
        _ => {}
    }
}

/// The type with its collation, when it has one: what a MODIFY changes.
fn describe(c: &Column) -> String {
    match &c.collation {
        Some(coll) => format!("{} COLLATE {coll}", c.data_type),
        None => c.data_type.clone(),
    }
}

/// MySQL type changes done without copying the table: a longer VARCHAR/VARBINARY that keeps
/// its number of length bytes (1 up to 255 bytes, 2 above), and ENUM/SET values appended
/// at the end without the storage growing.
fn mysql_in_place(previous: &Column, next: &Column) -> bool {
    let (a, b, bytes_per_char) = match (
        parse(Dialect::Mysql, &previous.data_type),
        parse(Dialect::Mysql, &next.data_type),
    ) {
        (Shape::Text(a), Shape::Text(b)) => (a, b, charset_width(next.collation.as_deref())),
        (Shape::Bytes(a), Shape::Bytes(b)) => (a, b, 1),
        (Shape::Choice { set: sa, values: a }, Shape::Choice { set: sb, values: b }) => {
            return sa == sb && b.starts_with(&a) && storage(sa, a.len()) == storage(sb, b.len())
        }
        _ => return false,
    };
    if !(a.row_bound && b.row_bound) || a.padded || b.padded {
        return false;
    }
    match (a.max, b.max) {
        (Some(n), Some(m)) => {
            let two_bytes = |len: u64| len.saturating_mul(bytes_per_char) > 255;
            m > n && two_bytes(n) == two_bytes(m)
        }
        _ => false,
    }
}

/// Bytes an ENUM (1 up to 255 values, else 2) or SET (one bit per member, in 1, 2, 3, 4 or
/// 8 bytes) takes.
fn storage(set: bool, members: usize) -> usize {
    if !set {
        return if members <= 255 { 1 } else { 2 };
    }
    match members.div_ceil(8) {
        0 | 1 => 1,
        n @ 2..=4 => n,
        _ => 8,
    }
}

/// The most bytes a character takes in the collation's character set. Without a
/// collation the table's default applies, which the model does not know: assume
/// utf8mb4, MySQL 8's default and the widest.
fn charset_width(collation: Option<&str>) -> u64 {
    let Some(c) = collation else {
        return 4;
    };
    let charset = c.split('_').next().unwrap_or(c).to_ascii_lowercase();
    match charset.as_str() {
        "utf8" | "utf8mb3" | "ujis" | "eucjpms" => 3,
        "ucs2" | "big5" | "gbk" | "sjis" | "cp932" | "euckr" | "gb2312" => 2,
        "latin1" | "latin2" | "latin5" | "latin7" | "ascii" | "binary" | "cp1250" | "cp1251"
        | "cp1256" | "cp1257" | "cp850" | "cp852" | "cp866" | "koi8r" | "koi8u" | "greek"
        | "hebrew" | "tis620" | "armscii8" | "geostd8" | "swe7" | "dec8" | "hp8" | "keybcs2"
        | "macce" | "macroman" => 1,
        _ => 4,
    }
}
