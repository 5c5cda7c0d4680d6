//! PostgreSQL storage parameters: `WITH (...)` on CREATE TABLE and CREATE INDEX, and the
//! `SET (...)` / `RESET (...)` actions of ALTER TABLE and ALTER INDEX, which sqlparser 0.63
//! does not read (see `read_list`).

use crate::model::StorageParam;
use sqlparser::ast::{BinaryOperator, Expr, SqlOption, Value};
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Token;

/// A change of storage parameters: SET gives values, RESET names the ones to remove.
#[derive(Debug, Clone)]
pub enum StorageChange {
    Set(Vec<StorageParam>),
    Reset(Vec<String>),
}

impl StorageChange {
    pub fn apply(&self, params: &mut Vec<StorageParam>) {
        match self {
            StorageChange::Set(set) => {
                params.retain(|p| !set.iter().any(|s| s.name == p.name));
                params.extend(set.iter().cloned());
            }
            StorageChange::Reset(names) => params.retain(|p| !names.contains(&p.name)),
        }
        params.sort();
    }
}

fn value_text(e: &Expr) -> Option<String> {
    match e {
        Expr::Identifier(id) => Some(id.value.clone()),
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) => Some(s.clone()),
            Value::Number(n, _) => Some(n.clone()),
            Value::Boolean(b) => Some(b.to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn name_text(e: &Expr) -> Option<String> {
    match e {
        Expr::Identifier(id) => Some(id.value.clone()),
        Expr::CompoundIdentifier(ids) => {
            let parts: Vec<&str> = ids.iter().map(|i| i.value.as_str()).collect();
            Some(parts.join("."))
        }
        _ => None,
    }
}

/// CREATE INDEX's `WITH (...)`, read by sqlparser as expressions; `Err` with the entry it
/// cannot read.
pub fn from_exprs(exprs: &[Expr]) -> Result<Vec<StorageParam>, String> {
    let mut out = Vec::new();
    for e in exprs {
        let p = match e {
            Expr::BinaryOp {
                left,
                op: BinaryOperator::Eq,
                right,
            } => name_text(left)
                .zip(value_text(right))
                .map(|(n, v)| StorageParam::new(&n, Some(&v))),
            other => name_text(other).map(|n| StorageParam::new(&n, None)),
        };
        out.push(p.ok_or_else(|| e.to_string())?);
    }
    out.sort();
    Ok(out)
}

/// CREATE TABLE's `WITH (...)`; `Err` with the option it cannot read.
pub fn from_options(options: &[SqlOption]) -> Result<Vec<StorageParam>, String> {
    let mut out = Vec::new();
    for o in options {
        let p = match o {
            SqlOption::KeyValue { key, value } => {
                value_text(value).map(|v| StorageParam::new(&key.value, Some(&v)))
            }
            SqlOption::Ident(id) => Some(StorageParam::new(&id.value, None)),
            _ => None,
        };
        out.push(p.ok_or_else(|| o.to_string())?);
    }
    out.sort();
    Ok(out)
}

/// `(name [= value], ...)` after SET or RESET; a name may be `toast.name`.
pub fn read_list(p: &mut Parser, reset: bool) -> Result<StorageChange, ParserError> {
    p.expect_token(&Token::LParen)?;
    let (mut set, mut names) = (Vec::new(), Vec::new());
    loop {
        let mut name = p.parse_identifier()?.value;
        if p.consume_token(&Token::Period) {
            name = format!("{name}.{}", p.parse_identifier()?.value);
        }
        if reset {
            names.push(name.to_ascii_lowercase());
        } else {
            let value = if p.consume_token(&Token::Eq) {
                let t = p.next_token();
                Some(match t.token {
                    Token::Number(n, _) => n,
                    Token::SingleQuotedString(s) => s,
                    Token::Word(w) => w.value,
                    _ => return p.expected("a storage parameter value", t),
                })
            } else {
                None
            };
            set.push(StorageParam::new(&name, value.as_deref()));
        }
        if !p.consume_token(&Token::Comma) {
            break;
        }
    }
    p.expect_token(&Token::RParen)?;
    Ok(if reset {
        StorageChange::Reset(names)
    } else {
        StorageChange::Set(set)
    })
}

/// Whether the parser is at `SET (` or `RESET (`; `Some(true)` for RESET.
pub fn at_change(p: &Parser) -> Option<bool> {
    let word = match &p.peek_nth_token_ref(0).token {
        Token::Word(w) if w.quote_style.is_none() => w.value.to_ascii_uppercase(),
        _ => return None,
    };
    let paren = p.peek_nth_token_ref(1).token == Token::LParen;
    match word.as_str() {
        "SET" if paren => Some(false),
        "RESET" if paren => Some(true),
        _ => None,
    }
}
