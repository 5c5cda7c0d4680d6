//! Expression normalisation for defaults, checks, index predicates and generated columns.
//!
//! Servers print expressions back differently from how they were written: Postgres wraps
//! every operator in parentheses and casts literals (`((price > (0)::numeric))`), rewrites
//! `IN (...)` as `= ANY (ARRAY[...])` and `BETWEEN` as two comparisons; MariaDB quotes
//! identifiers with backticks and prints `current_timestamp()`. Both sides pass through
//! here, so the same expression gets the same text. Parentheses are only dropped where
//! operator precedence makes them redundant, so the text stays valid SQL with the same meaning.

use crate::diag::{Code, Diagnostic};
use crate::dialect::Dialect;
use sqlparser::ast::{
    BinaryOperator, CastKind, DataType, Expr, FunctionArg, FunctionArgExpr, FunctionArguments,
    Ident, ObjectName, ObjectNamePart, UnaryOperator, Value, ValueWithSpan, VisitMut, VisitorMut,
};
use sqlparser::parser::Parser;
use std::ops::ControlFlow;

/// Deep enough for real schemas; deeper input gets an error instead of a stack overflow.
pub const RECURSION_LIMIT: usize = 64;

/// Parses `text` as one expression and normalises it.
pub fn normalize_expr_text(dialect: Dialect, text: &str) -> Result<String, Diagnostic> {
    let expr = read_expr(dialect, text)?;
    Ok(normalize_expr(dialect, &expr))
}

/// One expression, parsed; `None` when the parser cannot read it.
pub fn parse_expr(dialect: Dialect, text: &str) -> Option<Expr> {
    read_expr(dialect, text).ok()
}

fn read_expr(dialect: Dialect, text: &str) -> Result<Expr, Diagnostic> {
    let d = dialect.parser();
    let mut parser = Parser::new(d.as_ref())
        .with_recursion_limit(RECURSION_LIMIT)
        .try_with_sql(text)
        .map_err(|e| bad_expr(text, &e))?;
    parser.parse_expr().map_err(|e| bad_expr(text, &e))
}

fn bad_expr(text: &str, e: &sqlparser::parser::ParserError) -> Diagnostic {
    Diagnostic::error(
        Code::SyntaxError,
        format!("cannot read expression `{text}`: {e}"),
    )
}

/// The canonical text of an expression.
pub fn normalize_expr(dialect: Dialect, expr: &Expr) -> String {
    let mut e = expr.clone();
    let _ = e.visit(&mut Normalizer { dialect });
    strip_nested(&mut e);
    e.to_string()
}

/// A column default, canonical for a column of canonical type `data_type`. On Postgres a
/// literal cast to a type of another family than the column's keeps its cast: there the cast
/// is the value (`'0001-01-01'::timestamp` into a timestamptz column is read in UTC, the
/// bare literal in the session's zone).
pub fn typed_default(dialect: Dialect, data_type: &str, expr: &Expr) -> String {
    if dialect == Dialect::Postgres {
        if let Expr::Cast {
            kind: CastKind::DoubleColon | CastKind::Cast,
            expr: inner,
            data_type: cast,
            ..
        } = peel(expr)
        {
            let cast = crate::canon::canonical_type(dialect, &cast.to_string());
            let family = crate::canon::types::pg_family;
            if matches!(peel(inner), Expr::Value(_)) && family(&cast) != family(data_type) {
                return format!("{}::{cast}", normalize_expr(dialect, inner));
            }
        }
    }
    column_default(data_type, normalize_expr(dialect, expr))
}

/// Whether an expression is a NULL literal (a `DEFAULT NULL` means "no default").
pub fn is_null(expr: &Expr) -> bool {
    match expr {
        Expr::Value(v) => matches!(v.value, Value::Null),
        Expr::Nested(e) => is_null(e),
        Expr::Cast { expr, .. } => is_null(expr),
        _ => false,
    }
}

struct Normalizer {
    dialect: Dialect,
}

impl VisitorMut for Normalizer {
    type Break = ();
    fn post_visit_expr(&mut self, expr: &mut Expr) -> ControlFlow<()> {
        self.rewrite(expr);
        unwrap_children(expr);
        ControlFlow::Continue(())
    }
}

impl Normalizer {
    fn rewrite(&self, expr: &mut Expr) {
        let replacement = match expr {
            // `interval '1' year`: the quantity is text to Postgres; the number-string
            // folding below must not leave `INTERVAL 1 YEAR`, which it cannot read.
            Expr::Interval(iv) => {
                if let Expr::Value(ValueWithSpan {
                    value: v @ Value::Number(..),
                    ..
                }) = &mut *iv.value
                {
                    if let Value::Number(n, _) = v {
                        *v = Value::SingleQuotedString(n.clone());
                    }
                }
                None
            }
            Expr::Identifier(id) => {
                self.ident(id);
                None
            }
            Expr::CompoundIdentifier(ids) => {
                ids.iter_mut().for_each(|id| self.ident(id));
                None
            }
            Expr::Cast {
                kind,
                expr: inner,
                data_type,
                ..
            } => {
                // A money literal's cast is its meaning: without it the default is a number;
                // and its text stays text (`'1.00'::money`, not `1::money`).
                let money = data_type.to_string().eq_ignore_ascii_case("money");
                if let (true, Expr::Value(ValueWithSpan { value, .. })) = (money, &mut **inner) {
                    if let Value::Number(n, _) = value {
                        *value = Value::SingleQuotedString(n.clone());
                    }
                }
                let inner_bare = peel(inner);
                let literal = !money && matches!(inner_bare, Expr::Value(_))
                    || matches!(inner_bare, Expr::UnaryOp { op: UnaryOperator::Minus, expr } if matches!(**expr, Expr::Value(_)));
                // Postgres prints implicit varchar→text coercions as casts: `(email)::text`.
                let implicit_text = self.dialect == Dialect::Postgres
                    && matches!(data_type, DataType::Text)
                    && matches!(
                        inner_bare,
                        Expr::Identifier(_) | Expr::CompoundIdentifier(_)
                    );
                // ...and an IN list over a varchar column as `ANY ((ARRAY[...])::text[])`; the
                // array's elements already lost their casts (post-order).
                // An empty one keeps its cast: without it Postgres cannot type it.
                let array_literal = self.dialect == Dialect::Postgres
                    && matches!(data_type, DataType::Array(_))
                    && matches!(inner_bare, Expr::Array(a) if !a.elem.is_empty());
                if matches!(kind, CastKind::DoubleColon | CastKind::Cast)
                    && (literal || implicit_text || array_literal)
                {
                    // `'-1'::integer` is the number -1; a string without a numeric cast is
                    // no number.
                    let cast = crate::canon::canonical_type(self.dialect, &data_type.to_string());
                    match inner_bare {
                        Expr::Value(ValueWithSpan {
                            value: Value::SingleQuotedString(text),
                            span,
                        }) if is_numeric_type(&cast) && looks_numeric(text) => {
                            Some(Expr::Value(ValueWithSpan {
                                value: Value::Number(canonical_number(text), false),
                                span: *span,
                            }))
                        }
                        _ => Some(inner_bare.clone()),
                    }
                } else {
                    None
                }
            }
            Expr::Value(v) => {
                self.value(v);
                None
            }
            Expr::UnaryOp {
                op: UnaryOperator::Minus,
                expr: inner,
            } => match &**inner {
                Expr::Value(ValueWithSpan {
                    value: Value::Number(n, l),
                    span,
                }) => Some(Expr::Value(ValueWithSpan {
                    value: Value::Number(format!("-{n}"), *l),
                    span: *span,
                })),
                _ => None,
            },
            Expr::Function(f) => {
                for part in f.name.0.iter_mut() {
                    if let ObjectNamePart::Identifier(id) = part {
                        id.value = id.value.to_lowercase();
                        id.quote_style = None;
                    }
                }
                let name = f.name.to_string();
                let no_args = match &f.args {
                    FunctionArguments::None => true,
                    FunctionArguments::List(l) => l.args.is_empty(),
                    FunctionArguments::Subquery(_) => false,
                };
                if no_args && matches!(name.as_str(), "now" | "current_timestamp") {
                    f.name = ObjectName::from(vec![Ident::new("CURRENT_TIMESTAMP")]);
                    f.args = FunctionArguments::None;
                } else if no_args && matches!(name.as_str(), "current_date" | "curdate") {
                    f.name = ObjectName::from(vec![Ident::new("CURRENT_DATE")]);
                    f.args = FunctionArguments::None;
                }
                None
            }
            // `x = ANY (ARRAY[a, b])` is how Postgres prints `x IN (a, b)`.
            Expr::AnyOp {
                left,
                compare_op: BinaryOperator::Eq,
                right,
                ..
            } => match peel(right) {
                Expr::Array(arr) => Some(Expr::InList {
                    expr: left.clone(),
                    list: arr.elem.clone(),
                    negated: false,
                }),
                _ => None,
            },
            Expr::AllOp {
                left,
                compare_op: BinaryOperator::NotEq,
                right,
            } => match peel(right) {
                Expr::Array(arr) => Some(Expr::InList {
                    expr: left.clone(),
                    list: arr.elem.clone(),
                    negated: true,
                }),
                _ => None,
            },
            Expr::Between {
                expr: e,
                negated,
                low,
                high,
            } => {
                let (lo_op, hi_op, join) = if *negated {
                    (BinaryOperator::Lt, BinaryOperator::Gt, BinaryOperator::Or)
                } else {
                    (
                        BinaryOperator::GtEq,
                        BinaryOperator::LtEq,
                        BinaryOperator::And,
                    )
                };
                Some(Expr::BinaryOp {
                    left: Box::new(Expr::BinaryOp {
                        left: e.clone(),
                        op: lo_op,
                        right: low.clone(),
                    }),
                    op: join,
                    right: Box::new(Expr::BinaryOp {
                        left: e.clone(),
                        op: hi_op,
                        right: high.clone(),
                    }),
                })
            }
            Expr::BinaryOp { left, op, right } => {
                let like = |negated| Expr::Like {
                    negated,
                    any: false,
                    expr: left.clone(),
                    pattern: right.clone(),
                    escape_char: None,
                };
                match op {
                    BinaryOperator::PGLikeMatch => Some(like(false)),
                    BinaryOperator::PGNotLikeMatch => Some(like(true)),
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some(r) = replacement {
            *expr = r;
            // The replacement's own children were built from normalised parts.
            unwrap_children(expr);
        }
        // Postgres prints `x IN (v)` as `x = v`; whatever wrote it, one value is a comparison.
        if let Expr::InList {
            expr: left,
            list,
            negated,
        } = expr
        {
            if list.len() == 1 {
                let op = if *negated {
                    BinaryOperator::NotEq
                } else {
                    BinaryOperator::Eq
                };
                *expr = Expr::BinaryOp {
                    left: left.clone(),
                    op,
                    right: Box::new(list[0].clone()),
                };
                unwrap_children(expr);
            }
        }
    }

    fn ident(&self, id: &mut Ident) {
        if self.dialect == Dialect::Postgres {
            if id.quote_style.is_none() {
                id.value = id.value.to_lowercase();
            }
            // Names in expressions are cut at 63 bytes like everywhere else.
            if id.value.len() > 63 {
                id.value = crate::canon::ident::truncate_pg(std::mem::take(&mut id.value));
            }
        }
        if is_plain(self.dialect, &id.value) {
            id.quote_style = None;
        }
    }

    fn value(&self, v: &mut ValueWithSpan) {
        let replaced = match &v.value {
            Value::Boolean(b) if self.dialect == Dialect::Mysql => {
                Some(Value::Number((*b as u8).to_string(), false))
            }
            Value::Number(n, _) => Some(Value::Number(canonical_number(n), false)),
            _ => None,
        };
        if let Some(r) = replaced {
            v.value = r;
        }
    }
}

/// A string PostgreSQL reads as a boolean (`'t'`, `'false'`, `'yes'`, ...): the server
/// stores the default as `true`/`false`.
fn boolean_literal(text: &str) -> Option<&'static str> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    match inner.trim().to_ascii_lowercase().as_str() {
        "t" | "tr" | "tru" | "true" | "y" | "ye" | "yes" | "on" | "1" => Some("true"),
        "f" | "fa" | "fal" | "fals" | "false" | "n" | "no" | "of" | "off" | "0" => Some("false"),
        _ => None,
    }
}

/// A default as a column of canonical type `data_type` holds it. Servers print a number
/// default of a numeric column at the column's scale (`'0.00'`, `0` and `0.0` all read back as
/// `0.00` for `decimal(10,2)`), so it compares as a canonical number, quoted or not. Other
/// columns keep the string quoted: `'007'` and `'7'` are different strings, and `'1.5'` of an
/// enum or text column is no number (written bare, it would be one).
pub fn column_default(data_type: &str, default: String) -> String {
    let bare = default
        .strip_prefix('\'')
        .and_then(|d| d.strip_suffix('\''))
        .unwrap_or(&default);
    if base_type(data_type) == "boolean" {
        if let Some(b) = boolean_literal(&default) {
            return b.to_string();
        }
    }
    if is_numeric_type(data_type) && looks_numeric(bare) {
        canonical_number(bare)
    } else {
        default
    }
}

/// Whether a canonical type holds numbers (its values compare as canonical numbers).
fn is_numeric_type(data_type: &str) -> bool {
    const NUMERIC: &[&str] = &[
        "int",
        "integer",
        "bigint",
        "smallint",
        "tinyint",
        "mediumint",
        "decimal",
        "numeric",
        "float",
        "double",
        "real",
    ];
    NUMERIC.contains(&base_type(data_type).as_str())
}

/// `numeric(10,2)` → `numeric`, `double precision` → `double`.
fn base_type(data_type: &str) -> String {
    data_type
        .split(['(', ' '])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn peel(e: &Expr) -> &Expr {
    match e {
        Expr::Nested(inner) => peel(inner),
        other => other,
    }
}

fn looks_numeric(s: &str) -> bool {
    let t = s.strip_prefix('-').unwrap_or(s);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().filter(|&c| c == '.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.')
}

/// `1.50` and `1.5` are the same number; `007` and `7` too. Integers keep their digits.
fn canonical_number(n: &str) -> String {
    let (sign, digits) = match n.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", n),
    };
    if !looks_numeric(digits) {
        return n.to_string();
    }
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// Identifiers that need no quotes: lower-case words for Postgres (upper case would fold),
/// any plain word for MySQL and SQLite; never a reserved word.
fn is_plain(dialect: Dialect, s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
    let rest_ok = s.chars().all(|c| c == '_' || c.is_ascii_alphanumeric());
    let case_ok = dialect != Dialect::Postgres || !s.chars().any(|c| c.is_ascii_uppercase());
    first_ok && rest_ok && case_ok && !is_reserved(s)
}

fn is_reserved(s: &str) -> bool {
    const RESERVED: &[&str] = &[
        "all",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "between",
        "by",
        "case",
        "cast",
        "check",
        "collate",
        "column",
        "constraint",
        "create",
        "current_date",
        "current_time",
        "current_timestamp",
        "current_user",
        "default",
        "delete",
        "desc",
        "distinct",
        "do",
        "else",
        "end",
        "except",
        "false",
        "for",
        "foreign",
        "from",
        "grant",
        "group",
        "having",
        "in",
        "index",
        "insert",
        "interval",
        "into",
        "is",
        "join",
        "key",
        "like",
        "limit",
        "not",
        "null",
        "of",
        "offset",
        "on",
        "or",
        "order",
        "primary",
        "references",
        "select",
        "session_user",
        "set",
        "table",
        "then",
        "to",
        "true",
        "union",
        "unique",
        "update",
        "user",
        "using",
        "values",
        "when",
        "where",
        "with",
    ];
    RESERVED.contains(&s.to_ascii_lowercase().as_str())
}

/// Binding strength, higher binds tighter. Only what decides whether parentheses can go.
fn precedence(e: &Expr) -> u8 {
    match e {
        Expr::BinaryOp { op, .. } => match op {
            BinaryOperator::Or => 1,
            BinaryOperator::And => 2,
            BinaryOperator::Eq
            | BinaryOperator::NotEq
            | BinaryOperator::Lt
            | BinaryOperator::LtEq
            | BinaryOperator::Gt
            | BinaryOperator::GtEq => 4,
            BinaryOperator::Plus | BinaryOperator::Minus => 6,
            BinaryOperator::Multiply | BinaryOperator::Divide | BinaryOperator::Modulo => 7,
            _ => 5,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Not,
            ..
        } => 3,
        Expr::UnaryOp { .. } => 8,
        Expr::Like { .. }
        | Expr::ILike { .. }
        | Expr::InList { .. }
        | Expr::Between { .. }
        | Expr::IsNull(_)
        | Expr::IsNotNull(_)
        | Expr::IsTrue(_)
        | Expr::IsFalse(_)
        | Expr::IsDistinctFrom(..)
        | Expr::IsNotDistinctFrom(..) => 4,
        Expr::Identifier(_)
        | Expr::CompoundIdentifier(_)
        | Expr::Value(_)
        | Expr::Function(_)
        | Expr::Nested(_)
        | Expr::Array(_)
        | Expr::Cast {
            kind: CastKind::DoubleColon,
            ..
        } => 10,
        Expr::Cast { .. } | Expr::Case { .. } => 10,
        _ => 0,
    }
}

fn is_associative(e: &Expr) -> bool {
    matches!(
        e,
        Expr::BinaryOp {
            op: BinaryOperator::And
                | BinaryOperator::Or
                | BinaryOperator::Plus
                | BinaryOperator::Multiply
                | BinaryOperator::StringConcat,
            ..
        }
    )
}

/// Levels whose operators really share one precedence and associate to the left, so a
/// left operand at the same level needs no parentheses: Postgres prints `a + b - c` as
/// `((a + b) - c)`. Level 5 lumps unrelated operators together and is not one of them.
fn left_assoc_level(p: u8) -> bool {
    matches!(p, 6 | 7)
}

/// Drops the parentheses around `child` when `parent` (of precedence `p`) binds no tighter.
fn unwrap_if(child: &mut Expr, p: u8, left_of_same_assoc: bool) {
    while let Expr::Nested(inner) = child {
        let q = precedence(inner);
        let same_assoc_op =
            left_of_same_assoc && (is_associative(inner) || left_assoc_level(q)) && q == p;
        if q > p || same_assoc_op {
            *child = std::mem::replace(&mut **inner, Expr::Value(Value::Null.into()));
        } else {
            break;
        }
    }
}

fn strip_nested(e: &mut Expr) {
    while let Expr::Nested(inner) = e {
        *e = std::mem::replace(&mut **inner, Expr::Value(Value::Null.into()));
    }
}

fn unwrap_children(expr: &mut Expr) {
    let p = precedence(expr);
    match expr {
        Expr::BinaryOp { left, op, right } => {
            let same = |c: &Expr| matches!(peel_once(c), Expr::BinaryOp { op: o, .. } if o == op);
            let l_same = same(left);
            let r_same = same(right);
            unwrap_if(left, p, l_same || left_assoc_level(p));
            // `a AND (b AND c)` = `a AND b AND c`, but `a - (b - c)` keeps its parentheses.
            unwrap_if(
                right,
                p,
                r_same && matches!(op, BinaryOperator::And | BinaryOperator::Or),
            );
        }
        Expr::UnaryOp { expr: e, .. }
        | Expr::IsNull(e)
        | Expr::IsNotNull(e)
        | Expr::IsTrue(e)
        | Expr::IsFalse(e)
        | Expr::Like { expr: e, .. }
        | Expr::ILike { expr: e, .. } => unwrap_if(e, p, false),
        Expr::InList { expr: e, list, .. } => {
            unwrap_if(e, p, false);
            list.iter_mut().for_each(strip_nested);
        }
        Expr::Cast { expr: e, .. } => unwrap_if(e, 9, false),
        Expr::Function(f) => {
            if let FunctionArguments::List(list) = &mut f.args {
                for arg in list.args.iter_mut() {
                    let e = match arg {
                        FunctionArg::Unnamed(FunctionArgExpr::Expr(e)) => e,
                        FunctionArg::Named {
                            arg: FunctionArgExpr::Expr(e),
                            ..
                        } => e,
                        _ => continue,
                    };
                    strip_nested(e);
                }
            }
        }
        Expr::Array(arr) => arr.elem.iter_mut().for_each(strip_nested),
        _ => {}
    }
}

fn peel_once(e: &Expr) -> &Expr {
    match e {
        Expr::Nested(inner) => inner,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pg(s: &str) -> String {
        normalize_expr_text(Dialect::Postgres, s).unwrap()
    }

    #[test]
    fn postgres_printed_forms_match_written_forms() {
        assert_eq!(pg("((price > (0)::numeric))"), pg("price > 0"));
        assert_eq!(
            pg("(status = ANY (ARRAY['a'::text, 'b'::text]))"),
            pg("status IN ('a', 'b')")
        );
        assert_eq!(
            pg("((qty >= 1) AND (qty <= 10))"),
            pg("qty BETWEEN 1 AND 10")
        );
        assert_eq!(pg("'-1'::integer"), pg("-1"));
        assert_eq!(pg("now()"), "CURRENT_TIMESTAMP");
        assert_eq!(pg("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP");
        assert_eq!(pg("lower((email)::text)"), pg("lower(email)"));
        assert_eq!(
            pg("((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"),
            pg("status IN ('a', 'b')")
        );
        assert_eq!(pg("(name ~~ 'a%'::text)"), pg("name LIKE 'a%'"));
        assert_eq!(pg("\"Price\" > 0"), "\"Price\" > 0");
        assert_eq!(pg("\"price\" > 0"), "price > 0");
        assert_eq!(pg("1.50"), "1.5");
    }

    #[test]
    fn precedence_keeps_needed_parentheses() {
        assert_eq!(pg("(a + b) * c"), "(a + b) * c");
        assert_eq!(pg("((a * b) + c)"), "a * b + c");
        assert_eq!(pg("(a OR b) AND c"), "(a OR b) AND c");
        assert_eq!(
            pg("((a > 1) AND (b > 2)) AND (c > 3)"),
            "a > 1 AND b > 2 AND c > 3"
        );
        assert_eq!(pg("a - (b - c)"), "a - (b - c)");
        assert_eq!(pg("((a + b) - c)"), "a + b - c");
        assert_eq!(pg("((a / b) * c)"), "a / b * c");
        assert_eq!(pg("a / (b * c)"), "a / (b * c)");
        assert_eq!(
            pg("((first_name || ' '::text) || last_name)"),
            "first_name || ' ' || last_name"
        );
    }

    #[test]
    fn mysql_printed_forms_match_written_forms() {
        let my = |s| normalize_expr_text(Dialect::Mysql, s).unwrap();
        assert_eq!(my("`price` > 0"), my("price > 0"));
        assert_eq!(my("current_timestamp()"), "CURRENT_TIMESTAMP");
        assert_eq!(my("TRUE"), "1");
        assert_eq!(column_default("int", my("'0'")), "0");
        assert_eq!(column_default("varchar(3)", my("'007'")), "'007'");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        let err = normalize_expr_text(Dialect::Postgres, &deep).unwrap_err();
        assert_eq!(err.code, Code::SyntaxError);
    }
}
