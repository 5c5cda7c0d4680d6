//! The options of CREATE / ALTER SEQUENCE and of an identity's sequence, read into the model's
//! `SequenceOptions`. CREATE fills in defaults from the options given (a descending sequence
//! counts down from -1); ALTER changes only what it names, as the server does (an INCREMENT
//! turned negative keeps the old MINVALUE).

use crate::model::{type_range, EffectiveSequence, SequenceOptions};

use sqlparser::ast::{Expr, SequenceOptions as AstOption, UnaryOperator, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opt {
    As(String),
    Increment(i64),
    /// `MINVALUE n`, or `NO MINVALUE` (`None`).
    Min(Option<i64>),
    Max(Option<i64>),
    Start(i64),
    /// `RESTART [WITH n]`: the sequence's value, which is data and not modelled.
    Restart,
    Cache(i64),
    Cycle(bool),
    /// `OWNED BY name` as written (dotted), or `OWNED BY NONE` (`None`).
    OwnedBy(Option<String>),
}

/// The options of a CREATE or ALTER SEQUENCE, as words and symbols as written; `Err`
/// names the first word that is no option.
pub fn from_words(written: &[String]) -> Result<Vec<Opt>, String> {
    let words: Vec<String> = written.iter().map(|w| w.to_ascii_uppercase()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| words.get(i).map(String::as_str);
    // A number, with its sign a word of its own.
    let number = |i: &mut usize| -> Result<i64, String> {
        let neg = at(*i) == Some("-");
        if neg {
            *i += 1;
        }
        let w = at(*i).ok_or("a number is missing")?;
        *i += 1;
        let n: i64 = w
            .parse()
            .map_err(|_| format!("`{w}` is not a whole number"))?;
        Ok(if neg { -n } else { n })
    };
    let skip = |i: &mut usize, w: &str| {
        if at(*i) == Some(w) {
            *i += 1;
        }
    };
    while let Some(w) = at(i) {
        i += 1;
        let opt = match w {
            "AS" => {
                let t = at(i).ok_or("a type is missing after AS")?;
                i += 1;
                Opt::As(t.to_ascii_lowercase())
            }
            "INCREMENT" => {
                skip(&mut i, "BY");
                Opt::Increment(number(&mut i)?)
            }
            "MINVALUE" => Opt::Min(Some(number(&mut i)?)),
            "MAXVALUE" => Opt::Max(Some(number(&mut i)?)),
            "START" => {
                skip(&mut i, "WITH");
                Opt::Start(number(&mut i)?)
            }
            "RESTART" => {
                skip(&mut i, "WITH");
                if at(i).is_some_and(|w| w == "-" || w.parse::<i64>().is_ok()) {
                    number(&mut i)?;
                }
                Opt::Restart
            }
            "CACHE" => Opt::Cache(number(&mut i)?),
            "CYCLE" => Opt::Cycle(true),
            "NO" => {
                let what = at(i).unwrap_or("");
                i += 1;
                match what {
                    "MINVALUE" => Opt::Min(None),
                    "MAXVALUE" => Opt::Max(None),
                    "CYCLE" => Opt::Cycle(false),
                    _ => return Err(format!("NO {what}")),
                }
            }
            "OWNED" => {
                skip(&mut i, "BY");
                let mut name = String::new();
                while let Some(w) = written.get(i) {
                    name.push_str(w);
                    i += 1;
                    if at(i) != Some(".") {
                        break;
                    }
                    name.push('.');
                    i += 1;
                }
                Opt::OwnedBy((!name.eq_ignore_ascii_case("NONE")).then_some(name))
            }
            other => return Err(other.to_string()),
        };
        out.push(opt);
    }
    Ok(out)
}

/// An identity's options as sqlparser reads them.
pub fn from_ast(opts: &[AstOption]) -> Result<Vec<Opt>, String> {
    let n = |e: &Expr| int(e).ok_or_else(|| format!("`{e}` is not a whole number"));
    opts.iter()
        .map(|o| {
            Ok(match o {
                AstOption::IncrementBy(e, _) => Opt::Increment(n(e)?),
                AstOption::MinValue(e) => Opt::Min(e.as_ref().map(n).transpose()?),
                AstOption::MaxValue(e) => Opt::Max(e.as_ref().map(n).transpose()?),
                AstOption::StartWith(e, _) => Opt::Start(n(e)?),
                AstOption::Cache(e) => Opt::Cache(n(e)?),
                // sqlparser's flag is the `NO`.
                AstOption::Cycle(no) => Opt::Cycle(!no),
            })
        })
        .collect()
}

fn int(e: &Expr) -> Option<i64> {
    match e {
        Expr::Value(v) => match &v.value {
            Value::Number(s, _) => s.parse().ok(),
            _ => None,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => int(expr).map(|v| -v),
        Expr::UnaryOp {
            op: UnaryOperator::Plus,
            expr,
        } => int(expr),
        Expr::Nested(e) => int(e),
        _ => None,
    }
}

/// What a sequence created with `opts` holds, and its type (`AS`, else `default_type`).
pub fn created(opts: &[Opt], default_type: &str) -> (String, EffectiveSequence) {
    let mut ty = default_type.to_string();
    let mut o = SequenceOptions::default();
    for opt in opts {
        match opt {
            Opt::As(t) => ty = canonical_int(t).to_string(),
            Opt::Increment(v) => o.increment = Some(*v),
            Opt::Min(v) => o.min = *v,
            Opt::Max(v) => o.max = *v,
            Opt::Start(v) => o.start = Some(*v),
            Opt::Cache(v) => o.cache = Some(*v),
            Opt::Cycle(c) => o.cycle = *c,
            Opt::Restart | Opt::OwnedBy(_) => {}
        }
    }
    let e = o.effective(&ty);
    (ty, e)
}

/// `e` after an ALTER SEQUENCE with `opts` on a sequence of type `ty`.
pub fn altered(ty: &mut String, e: &mut EffectiveSequence, opts: &[Opt]) {
    for opt in opts {
        match opt {
            Opt::As(t) => *ty = canonical_int(t).to_string(),
            Opt::Increment(v) => e.increment = *v,
            Opt::Min(v) => e.min = v.unwrap_or_else(|| default_bound(ty, e.increment).0),
            Opt::Max(v) => e.max = v.unwrap_or_else(|| default_bound(ty, e.increment).1),
            Opt::Start(v) => e.start = *v,
            Opt::Cache(v) => e.cache = *v,
            Opt::Cycle(c) => e.cycle = *c,
            Opt::Restart | Opt::OwnedBy(_) => {}
        }
    }
}

fn default_bound(ty: &str, increment: i64) -> (i64, i64) {
    let (lo, hi) = type_range(ty);
    if increment > 0 {
        (1, hi)
    } else {
        (lo, -1)
    }
}

fn canonical_int(t: &str) -> &str {
    match t {
        "int2" | "smallint" => "smallint",
        "int" | "int4" | "integer" => "integer",
        _ => "bigint",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn create_then_alter() {
        let opts = from_words(&words(
            "AS integer INCREMENT BY 5 START WITH 10 NO MINVALUE CACHE 1 NO CYCLE OWNED BY t . id",
        ))
        .unwrap();
        assert_eq!(opts.last(), Some(&Opt::OwnedBy(Some("t.id".into()))));
        let (mut ty, mut e) = created(&opts, "bigint");
        assert_eq!(ty, "integer");
        assert_eq!(
            (e.increment, e.min, e.max, e.start),
            (5, 1, i32::MAX.into(), 10)
        );
        altered(
            &mut ty,
            &mut e,
            &from_words(&words("INCREMENT - 1 RESTART WITH 3")).unwrap(),
        );
        // The bounds stay; only the increment changed.
        assert_eq!((e.increment, e.min, e.start), (-1, 1, 10));
        let o = e.options("integer").unwrap();
        assert_eq!(o.increment, Some(-1));
        assert_eq!(o.min, Some(1));
        assert_eq!(
            from_words(&words("OWNED BY NONE")).unwrap(),
            [Opt::OwnedBy(None)]
        );
        assert_eq!(from_words(&words("LOGGED")).unwrap_err(), "LOGGED");
    }

    #[test]
    fn a_bigint_sequence_behind_an_integer_column_says_so() {
        let (_, e) = created(&[], "bigint");
        assert_eq!(e.options("integer").unwrap().max, Some(i64::MAX));
        let (_, e) = created(&[Opt::As("int4".into())], "bigint");
        assert_eq!(e.options("integer"), None);
    }
}
