//! Statements dumps and client scripts write around the schema that change none of it, read
//! as session statements: PostgreSQL `ALTER <object> ... OWNER TO role` and
//! `SELECT pg_catalog.set_config(...)` (pg_dump's preamble), MySQL `ALTER TABLE t
//! DISABLE|ENABLE KEYS` (mysqldump's `/*!40000 ... */`). Ownership is not in the model.
//! pg_dump's `ALTER DEFAULT PRIVILEGES` is read here too, as unsupported.

use super::parse::{is_kw, Parsed};
use crate::dialect::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Token;

/// `None`, with nothing consumed, unless the statement is one read here.
pub fn parse(p: &mut Parser, dialect: Dialect) -> Result<Option<Parsed>, ParserError> {
    // Privileges of objects not created yet: not modelled, reported as unsupported.
    if dialect == Dialect::Postgres
        && is_kw(p, 0, Keyword::ALTER)
        && is_kw(p, 1, Keyword::DEFAULT)
        && is_kw(p, 2, Keyword::PRIVILEGES)
    {
        skip_to_end(p);
        let what = super::routine::Routine::Unsupported("ALTER DEFAULT PRIVILEGES".into());
        return Ok(Some(Parsed::Routine(Box::new(what))));
    }
    if let Some(kind) = unmodelled_create(p, dialect) {
        skip_to_end(p);
        let what = super::routine::Routine::Unsupported(format!("CREATE {kind}"));
        return Ok(Some(Parsed::Routine(Box::new(what))));
    }
    let what = match dialect {
        Dialect::Postgres if is_kw(p, 0, Keyword::ALTER) => owner_to(p),
        Dialect::Postgres if is_kw(p, 0, Keyword::SELECT) => set_config(p),
        Dialect::Mysql if is_kw(p, 0, Keyword::ALTER) && is_kw(p, 1, Keyword::TABLE) => keys(p),
        _ => None,
    };
    let Some(what) = what else {
        return Ok(None);
    };
    skip_to_end(p);
    Ok(Some(Parsed::Session(what)))
}

/// pg_dump's psql meta-commands (`\restrict key` and `\unrestrict key` since PostgreSQL
/// 15.14 / 17.6, `\connect db` with --create), one per line and no SQL: blanked to spaces
/// of the same length, so positions stay the input's.
pub fn blank_meta_commands(sql: &str) -> Option<String> {
    let meta = |line: &str| {
        let t = line.trim_start();
        ["\\restrict ", "\\unrestrict ", "\\connect "]
            .iter()
            .any(|m| t.starts_with(m))
    };
    if !sql.contains('\\') || !sql.split('\n').any(meta) {
        return None;
    }
    let lines = sql.split_inclusive('\n').map(|line| match meta(line) {
        true => {
            let body = line.trim_end_matches(['\n', '\r']);
            " ".repeat(body.len()) + &line[body.len()..]
        }
        false => line.to_string(),
    });
    Some(lines.collect())
}

/// PostgreSQL objects pg_dump writes that the model has no place for and sqlparser cannot
/// read (`CREATE AGGREGATE`, operators, casts, text search, rules, ...): named, so the
/// statement is an honest `unsupported-statement`, not a syntax error.
fn unmodelled_create(p: &Parser, dialect: Dialect) -> Option<String> {
    const KINDS: &[&str] = &[
        "AGGREGATE",
        "OPERATOR",
        "CAST",
        "TEXT SEARCH",
        "CONVERSION",
        "RULE",
        "EVENT TRIGGER",
        "STATISTICS",
        "PUBLICATION",
        "SUBSCRIPTION",
        "LANGUAGE",
        "TRUSTED LANGUAGE",
        "PROCEDURAL LANGUAGE",
        "TRANSFORM",
        "ACCESS METHOD",
        "FOREIGN DATA WRAPPER",
        "SERVER",
        "USER MAPPING",
    ];
    if dialect != Dialect::Postgres || !is_kw(p, 0, Keyword::CREATE) {
        return None;
    }
    let word = |n: usize| match &p.peek_nth_token_ref(n).token {
        Token::Word(w) if w.quote_style.is_none() => w.value.to_ascii_uppercase(),
        _ => String::new(),
    };
    let start = if word(1) == "OR" && word(2) == "REPLACE" {
        3
    } else {
        1
    };
    let words: Vec<String> = (start..start + 3).map(word).collect();
    KINDS.iter().find_map(|k| {
        let parts: Vec<&str> = k.split(' ').collect();
        (parts.iter().zip(&words).all(|(a, b)| a == b)).then(|| k.to_string())
    })
}

/// Consumes the rest of the statement, up to its `;`.
pub fn skip_to_end(p: &mut Parser) {
    while !matches!(p.peek_token_ref().token, Token::SemiColon | Token::EOF) {
        p.next_token();
    }
}

/// How many tokens ahead the statement's `;` (or the end) is, at parenthesis depth 0.
fn end(p: &Parser) -> usize {
    let mut depth = 0i32;
    let mut n = 0;
    loop {
        match &p.peek_nth_token_ref(n).token {
            Token::EOF => return n,
            Token::SemiColon if depth <= 0 => return n,
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            _ => {}
        }
        n += 1;
    }
}

fn word_at(p: &Parser, n: usize) -> Option<String> {
    match &p.peek_nth_token_ref(n).token {
        Token::Word(w) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
        _ => None,
    }
}

/// `ALTER <kind> <name ...> OWNER TO role`: `ALTER <kind> OWNER TO`.
fn owner_to(p: &Parser) -> Option<String> {
    let n = end(p);
    let owner = n >= 5
        && is_kw(p, n - 3, Keyword::OWNER)
        && is_kw(p, n - 2, Keyword::TO)
        && matches!(p.peek_nth_token_ref(n - 1).token, Token::Word(_));
    if !owner {
        return None;
    }
    let mut kind = word_at(p, 1)?;
    if kind == "MATERIALIZED" || kind == "FOREIGN" {
        kind = format!("{kind} {}", word_at(p, 2)?);
    }
    Some(format!("ALTER {kind} OWNER TO"))
}

/// `SELECT [pg_catalog.]set_config(...)`, which pg_dump uses to empty the search_path.
fn set_config(p: &Parser) -> Option<String> {
    let is = |n: usize, w: &str| word_at(p, n).is_some_and(|x| x.eq_ignore_ascii_case(w));
    let at = if is(1, "PG_CATALOG") && p.peek_nth_token_ref(2).token == Token::Period {
        3
    } else {
        1
    };
    (is(at, "SET_CONFIG") && p.peek_nth_token_ref(at + 1).token == Token::LParen)
        .then(|| "set_config".to_string())
}

/// `ALTER TABLE t DISABLE|ENABLE KEYS`: a hint to MyISAM, nothing for the schema.
fn keys(p: &Parser) -> Option<String> {
    let n = end(p);
    let toggles = n >= 4
        && matches!(word_at(p, n - 2).as_deref(), Some("DISABLE" | "ENABLE"))
        && word_at(p, n - 1).as_deref() == Some("KEYS");
    toggles.then(|| format!("ALTER TABLE {} KEYS", word_at(p, n - 2).unwrap_or_default()))
}

#[cfg(test)]
mod meta_tests {
    #[test]
    fn meta_commands_become_spaces() {
        let sql = "\\restrict abc\nCREATE TABLE t (id int);\n\\unrestrict abc\n";
        let out = super::blank_meta_commands(sql).unwrap();
        assert_eq!(out.len(), sql.len());
        assert_eq!(out.lines().nth(1), Some("CREATE TABLE t (id int);"));
        assert!(out.lines().next().unwrap().trim().is_empty());
        assert_eq!(super::blank_meta_commands("SELECT 1;"), None);
    }
}
