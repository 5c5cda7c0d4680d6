//! PostgreSQL declarative partitioning: `PARTITION BY RANGE | LIST | HASH (...)` on a parent
//! and `CREATE TABLE ... PARTITION OF parent FOR VALUES ...` for a partition. Keys and bounds
//! are written as the server prints them (`pg_get_partkeydef`, `pg_get_expr`), so SQL and
//! introspection compare equal.

use super::ctx::Ctx;
use crate::diag::{Code, Diagnostic};
use crate::model::{partition_ancestors, partition_root, Index, PartitionOf, QualifiedName, Table};
use sqlparser::ast::{
    Expr, ForValues, FunctionArg, FunctionArgExpr, FunctionArguments, PartitionBoundValue,
    UnaryOperator, Value,
};
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Token;
use std::collections::BTreeMap;

const D: crate::Dialect = crate::Dialect::Postgres;

/// `PARTITION BY RANGE ("at")`: the key of a partitioned table. Keys on expressions are kept
/// as written, with a warning: the server prints them its own way.
pub fn key(ctx: &mut Ctx, label: &str, written: &Expr) -> String {
    let parts = match written {
        Expr::Function(f) => match &f.args {
            FunctionArguments::List(l) => Some((f.name.to_string().to_ascii_uppercase(), l)),
            _ => None,
        },
        _ => None,
    };
    let columns = parts.as_ref().and_then(|(strategy, l)| {
        let names: Option<Vec<String>> = l
            .args
            .iter()
            .map(|a| match a {
                FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::Identifier(i))) => {
                    Some(crate::render::ddl::quote(D, &ctx.ident(i)))
                }
                _ => None,
            })
            .collect();
        let known = matches!(strategy.as_str(), "RANGE" | "LIST" | "HASH");
        names.filter(|n| known && !n.is_empty())
    });
    match (parts, columns) {
        (Some((strategy, _)), Some(cols)) => {
            format!("PARTITION BY {strategy} ({})", cols.join(", "))
        }
        _ => {
            ctx.unsupported_clause(
                &format!("partition key `{written}` (only column keys compare with the server)"),
                label,
            );
            format!("PARTITION BY {written}")
        }
    }
}

/// `FOR VALUES ...` or `DEFAULT` after ATTACH PARTITION, which sqlparser only reads inside
/// CREATE TABLE.
pub fn read_bound(p: &mut Parser) -> Result<ForValues, ParserError> {
    if p.parse_keyword(Keyword::DEFAULT) {
        return Ok(ForValues::Default);
    }
    p.expect_keywords(&[Keyword::FOR, Keyword::VALUES])?;
    let values = |p: &mut Parser| -> Result<Vec<PartitionBoundValue>, ParserError> {
        p.expect_token(&Token::LParen)?;
        let list = p.parse_comma_separated(|p| {
            Ok(if p.parse_keyword(Keyword::MINVALUE) {
                PartitionBoundValue::MinValue
            } else if p.parse_keyword(Keyword::MAXVALUE) {
                PartitionBoundValue::MaxValue
            } else {
                PartitionBoundValue::Expr(p.parse_expr()?)
            })
        })?;
        p.expect_token(&Token::RParen)?;
        Ok(list)
    };
    if p.parse_keyword(Keyword::IN) {
        p.expect_token(&Token::LParen)?;
        let list = p.parse_comma_separated(Parser::parse_expr)?;
        p.expect_token(&Token::RParen)?;
        return Ok(ForValues::In(list));
    }
    if p.parse_keyword(Keyword::FROM) {
        let from = values(p)?;
        p.expect_keyword(Keyword::TO)?;
        let to = values(p)?;
        return Ok(ForValues::From { from, to });
    }
    p.expect_keyword(Keyword::WITH)?;
    p.expect_token(&Token::LParen)?;
    p.expect_keyword(Keyword::MODULUS)?;
    let modulus = p.parse_literal_uint()?;
    p.expect_token(&Token::Comma)?;
    p.expect_keyword(Keyword::REMAINDER)?;
    let remainder = p.parse_literal_uint()?;
    p.expect_token(&Token::RParen)?;
    Ok(ForValues::With { modulus, remainder })
}

/// `ALTER TABLE parent ATTACH PARTITION child ...`: the child's columns must be the parent's;
/// from then on they are the parent's, and so are its keys and indexes.
pub fn attach(
    ctx: &mut Ctx,
    parent: &QualifiedName,
    child: &QualifiedName,
    written: &ForValues,
) -> Result<(), Diagnostic> {
    let child = ctx.require_table(child)?;
    let root = root_columns(&ctx.schema.tables, parent);
    let Some(t) = ctx.schema.tables.get(&child) else {
        return Err(ctx.require_table(&child).unwrap_err());
    };
    let names = |cols: &[crate::model::Column]| {
        let mut n: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
        n.sort();
        n
    };
    if t.options.partition_of.is_some() || names(&t.columns) != names(&root) {
        return Err(ctx.error(
            Code::InvalidInput,
            child.to_string(),
            format!(
                "`{child}` cannot be attached to `{parent}`: it must be a table of its own with the same columns"
            ),
            "create the table with the parent's columns, or use CREATE TABLE ... PARTITION OF",
        ));
    }
    let of = partition_of(ctx, &child, parent, written)?;
    let mut above = ctx.schema.tables.get(parent).map_or(Vec::new(), |p| {
        let mut ix = inherited_indexes(&ctx.schema.tables, p);
        ix.extend(p.indexes.iter().cloned());
        ix
    });
    above.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(t) = ctx.schema.tables.get_mut(&child) {
        let mut part = Table::new(child.clone());
        // Its indexes that match one above are attached to it; the others stay its own.
        part.indexes = std::mem::take(&mut t.indexes);
        part.indexes
            .retain(|i| !above.iter().any(|x| same_index(i, x)));
        part.comment = t.comment.take();
        part.grants = std::mem::take(&mut t.grants);
        part.options.partition = t.options.partition.take();
        part.options.partition_of = Some(of);
        *t = part;
    }
    Ok(())
}

/// `ALTER TABLE parent DETACH PARTITION child`: the child becomes a table with the columns
/// it had through its parent. The keys and indexes it took from the parent stay on the
/// server under names it chose: those are not carried over, and a warning says so.
pub fn detach(
    ctx: &mut Ctx,
    parent: &QualifiedName,
    child: &QualifiedName,
) -> Result<(), Diagnostic> {
    let child = ctx.require_table(child)?;
    let columns = root_columns(&ctx.schema.tables, parent);
    let of_parent = ctx
        .schema
        .tables
        .get(&child)
        .and_then(|t| t.options.partition_of.as_ref());
    if of_parent.map(|p| &p.parent) != Some(parent) {
        return Err(ctx.error(
            Code::InvalidInput,
            child.to_string(),
            format!("`{child}` is not a partition of `{parent}`"),
            "detach a partition from its own parent",
        ));
    }
    let label = child.to_string();
    if let Some(t) = ctx.schema.tables.get_mut(&child) {
        t.options.partition_of = None;
        t.columns = columns
            .into_iter()
            .map(|mut c| {
                // The partition's column has the parent's default, not its identity.
                if c.identity.is_some() {
                    c.identity = None;
                    c.sequence = None;
                }
                c
            })
            .collect();
    }
    ctx.unsupported_clause(
        "DETACH PARTITION: the keys and indexes the partition took from its parent are not carried over",
        &label,
    );
    Ok(())
}

/// Whether `a` and `b` are one index but for their names (a partition's copy of its parent's).
pub fn same_index(a: &Index, b: &Index) -> bool {
    let named = Index {
        name: b.name.clone(),
        comment: b.comment.clone(),
        ..a.clone()
    };
    named == *b
}

/// The indexes `table` has from the tables above it in its partition tree.
pub fn inherited_indexes(tables: &BTreeMap<QualifiedName, Table>, table: &Table) -> Vec<Index> {
    let above = partition_ancestors(tables, table);
    above.flat_map(|t| t.indexes.iter().cloned()).collect()
}

/// After an index is created on partitioned table `parent`: the server attaches a matching
/// index a partition below it already has, which stops being the partition's own.
pub fn adopt_indexes(ctx: &mut Ctx, parent: &QualifiedName) {
    let below: Vec<(QualifiedName, Vec<Index>)> = (ctx.schema.tables.values())
        .filter(|t| !t.indexes.is_empty() && descends_from(&ctx.schema.tables, t, parent))
        .map(|t| (t.name.clone(), inherited_indexes(&ctx.schema.tables, t)))
        .collect();
    for (name, theirs) in below {
        if let Some(t) = ctx.schema.tables.get_mut(&name) {
            t.indexes
                .retain(|i| !theirs.iter().any(|x| same_index(i, x)));
        }
    }
}

fn descends_from(tables: &BTreeMap<QualifiedName, Table>, t: &Table, root: &QualifiedName) -> bool {
    partition_ancestors(tables, t).any(|a| &a.name == root)
}

/// The columns of the table at the top of `table`'s partition tree.
fn root_columns(
    tables: &BTreeMap<QualifiedName, Table>,
    table: &QualifiedName,
) -> Vec<crate::model::Column> {
    tables
        .get(table)
        .map_or(Vec::new(), |t| partition_root(tables, t).columns.clone())
}

/// The key columns of a `PARTITION BY` clause this module wrote; `None` for expressions.
pub fn key_columns(partition: &str) -> Option<Vec<String>> {
    let inner = partition.split_once(" (")?.1.strip_suffix(')')?;
    inner
        .split(", ")
        .map(|q| {
            q.strip_prefix('"')
                .and_then(|q| q.strip_suffix('"'))
                .map(|q| q.replace("\"\"", "\""))
        })
        .collect()
}

/// The partition `name` of `parent` with bound `written`.
pub fn partition_of(
    ctx: &mut Ctx,
    name: &QualifiedName,
    parent: &QualifiedName,
    written: &ForValues,
) -> Result<PartitionOf, Diagnostic> {
    let label = name.to_string();
    let Some(p) = ctx.schema.tables.get(parent) else {
        return Err(ctx.error(
            Code::UnknownTable,
            parent.to_string(),
            format!("table `{parent}` does not exist (partition `{label}` of it)"),
            "create the partitioned table before its partitions",
        ));
    };
    if p.options.partition.is_none() {
        return Err(ctx.error(
            Code::InvalidInput,
            label.clone(),
            format!("`{parent}` is not partitioned (partition `{label}` of it)"),
            "add PARTITION BY to the parent table",
        ));
    }
    let (bound, loose) = bound_text(&ctx.schema.tables, p, written);
    if !loose.is_empty() {
        ctx.unsupported_clause(
            &format!(
                "partition bound value {} (compared as written: the server prints values of this type its own way)",
                loose.join(", ")
            ),
            &label,
        );
    }
    Ok(PartitionOf {
        parent: parent.clone(),
        bound,
    })
}

/// A bound of a partition of `parent` as `pg_get_expr` prints it, from how it was written
/// (or printed, with another TimeZone), and the values whose printed form is not known.
pub(crate) fn bound_text(
    tables: &BTreeMap<QualifiedName, Table>,
    parent: &Table,
    written: &ForValues,
) -> (String, Vec<String>) {
    let key = parent.options.partition.as_deref().unwrap_or_default();
    let types: Vec<Option<String>> = key_columns(key)
        .map(|cols| {
            cols.iter()
                .map(|c| column_type(tables, parent, c))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let mut loose = Vec::new();
    let mut value = |i: usize, e: &Expr| {
        let ty = types.get(i).cloned().flatten();
        literal(e, ty.as_deref()).unwrap_or_else(|| {
            loose.push(e.to_string());
            e.to_string()
        })
    };
    let bound = match written {
        ForValues::Default => "DEFAULT".to_string(),
        ForValues::With { modulus, remainder } => {
            format!("FOR VALUES WITH (modulus {modulus}, remainder {remainder})")
        }
        ForValues::In(list) => {
            let items: Vec<String> = list.iter().map(|e| value(0, e)).collect();
            format!("FOR VALUES IN ({})", items.join(", "))
        }
        ForValues::From { from, to } => {
            let mut side = |vals: &[PartitionBoundValue]| {
                vals.iter()
                    .enumerate()
                    .map(|(i, v)| match v {
                        PartitionBoundValue::MinValue => "MINVALUE".to_string(),
                        PartitionBoundValue::MaxValue => "MAXVALUE".to_string(),
                        PartitionBoundValue::Expr(e) => value(i, e),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (f, t) = (side(from), side(to));
            format!("FOR VALUES FROM ({f}) TO ({t})")
        }
    };
    (bound, loose)
}

/// A bound as the server printed it, in the form `bound_text` gives; as printed when it
/// does not read.
pub(crate) fn printed_bound(
    tables: &BTreeMap<QualifiedName, Table>,
    parent: &Table,
    printed: &str,
) -> String {
    let dialect = sqlparser::dialect::PostgreSqlDialect {};
    let read = Parser::new(&dialect)
        .try_with_sql(printed)
        .and_then(|mut p| read_bound(&mut p));
    match read {
        Ok(b) => bound_text(tables, parent, &b).0,
        Err(_) => printed.to_string(),
    }
}

/// The type of key column `name` of `t`, following a partition up to its root's columns.
fn column_type(tables: &BTreeMap<QualifiedName, Table>, t: &Table, name: &str) -> Option<String> {
    partition_root(tables, t)
        .column(name)
        .map(|c| c.data_type.clone())
}

/// A bound value as `pg_get_expr` prints a constant of type `ty`: numbers bare (negative ones
/// quoted), booleans as words, text, dates and timestamps quoted in ISO form, timestamptz in
/// UTC. `None` for a value or type whose printed form is not known here.
fn literal(e: &Expr, ty: Option<&str>) -> Option<String> {
    let (text, quoted) = constant(e)?;
    if text.eq_ignore_ascii_case("null") && !quoted {
        return Some("NULL".into());
    }
    let ty = ty?;
    let base = ty.split('(').next().unwrap_or(ty);
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    match base {
        "smallint" | "integer" | "bigint" | "numeric" => {
            text.parse::<f64>().ok()?;
            if text.contains(['e', 'E']) {
                return None;
            }
            let n = if base == "numeric" {
                text.clone()
            } else {
                text.parse::<i64>().ok()?.to_string()
            };
            Some(if n.starts_with('-') { quote(&n) } else { n })
        }
        "boolean" => match text.to_ascii_lowercase().as_str() {
            "true" | "t" => Some("true".into()),
            "false" | "f" => Some("false".into()),
            _ => None,
        },
        "text" | "character varying" | "varchar" => Some(quote(&text)),
        "date" => iso_date(&text).then(|| quote(&text)),
        "timestamp with time zone" => utc(&text).map(|t| quote(&t)),
        "timestamp without time zone" | "timestamp" => {
            if iso_date(&text) {
                Some(quote(&format!("{text} 00:00:00")))
            } else {
                let (d, t) = text.split_once(' ')?;
                let hms = t.len() == 8 && t.as_bytes()[2] == b':' && t.as_bytes()[5] == b':';
                (iso_date(d) && hms).then(|| quote(&text))
            }
        }
        _ => None,
    }
}

/// `2022-03-01 01:00:00+01` as `2022-03-01 00:00:00+00`: a timestamptz bound is printed in
/// the session's TimeZone, so both sides are brought to UTC. `None` without an offset (the
/// value then depends on the server's TimeZone) or with fractions of a second.
fn utc(text: &str) -> Option<String> {
    let (date, rest) = text.split_once(' ')?;
    if !iso_date(date) || rest.len() < 9 {
        return None;
    }
    let (time, offset) = rest.split_at(8);
    let num = |s: &str| s.parse::<i64>().ok();
    let t: Vec<i64> = time.split(':').map(num).collect::<Option<_>>()?;
    let (sign, off) = match offset.as_bytes().first()? {
        b'+' => (1, &offset[1..]),
        b'-' => (-1, &offset[1..]),
        _ => return None,
    };
    let o: Vec<i64> = off.split(':').map(num).collect::<Option<_>>()?;
    let offset_s =
        sign * (o.first()? * 3600 + o.get(1).unwrap_or(&0) * 60 + o.get(2).unwrap_or(&0));
    let d: Vec<i64> = date.split('-').map(num).collect::<Option<_>>()?;
    let (&[h, mi, se], &[y, mo, da]) = (t.as_slice(), d.as_slice()) else {
        return None;
    };
    let secs = days_from_civil(y, mo, da) * 86_400 + h * 3600 + mi * 60 + se - offset_s;
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, mo, da) = civil_from_days(days);
    Some(format!(
        "{y:04}-{mo:02}-{da:02} {:02}:{:02}:{:02}+00",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    ))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The text of a constant and whether it was a string; a sign folded in.
fn constant(e: &Expr) -> Option<(String, bool)> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => Some((n.clone(), false)),
            Value::SingleQuotedString(s) => Some((s.clone(), true)),
            Value::Boolean(b) => Some((b.to_string(), false)),
            Value::Null => Some(("null".into(), false)),
            _ => None,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => match constant(expr)? {
            (n, false) => Some((format!("-{n}"), false)),
            _ => None,
        },
        Expr::Cast { expr, .. } | Expr::Nested(expr) => constant(expr),
        Expr::TypedString(t) => match &t.value.value {
            Value::SingleQuotedString(s) => Some((s.clone(), true)),
            _ => None,
        },
        _ => None,
    }
}

fn iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamptz_bounds_are_brought_to_utc() {
        assert_eq!(
            utc("2022-03-01 01:00:00+01").as_deref(),
            Some("2022-03-01 00:00:00+00")
        );
        assert_eq!(
            utc("2022-01-01 00:00:00+00").as_deref(),
            Some("2022-01-01 00:00:00+00")
        );
        assert_eq!(
            utc("2024-03-01 02:30:00+05:30").as_deref(),
            Some("2024-02-29 21:00:00+00")
        );
        assert_eq!(
            utc("1999-12-31 23:00:00-02").as_deref(),
            Some("2000-01-01 01:00:00+00")
        );
        // As pg_get_expr prints one bound under two session TimeZones.
        for printed in ["2022-03-01 05:30:00+05:30", "2022-02-28 20:30:00-03:30"] {
            assert_eq!(utc(printed).as_deref(), Some("2022-03-01 00:00:00+00"));
        }
        assert_eq!(utc("2022-04-01 05:30:00.5+05:30"), None);
        assert_eq!(utc("2022-01-01"), None);
        assert_eq!(utc("2022-01-01 00:00:00"), None);
    }

    #[test]
    fn detach_gives_back_the_columns_and_says_what_it_leaves_out() {
        use crate::diag::Code;
        let sql = "CREATE TABLE m (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE m1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
ALTER TABLE m DETACH PARTITION m1;";
        let (s, diags) = crate::ingest::parse_schema(crate::Dialect::Postgres, sql).unwrap();
        let m1 = &s.tables[&QualifiedName::bare("m1")];
        assert_eq!(m1.options.partition_of, None);
        assert_eq!(m1.columns.len(), 2);
        assert!(diags
            .iter()
            .any(|d| d.code == Code::UnsupportedClause && d.message.contains("DETACH")));
    }

    #[test]
    fn key_columns_read_back() {
        assert_eq!(
            key_columns("PARTITION BY RANGE (\"a\", \"b\"\"c\")"),
            Some(vec!["a".to_string(), "b\"c".to_string()])
        );
        assert_eq!(key_columns("PARTITION BY LIST (lower(k))"), None);
    }
}
