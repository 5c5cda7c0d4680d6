//! Reading CREATE FUNCTION / PROCEDURE (PostgreSQL) and CREATE TRIGGER (every dialect).
//!
//! The engine keeps these as the statement text, so it only reads what identifies them and
//! what ordering needs: the name, the input argument types, a trigger's table and function.
//! sqlparser 0.63 refuses many real definitions (`LEAKPROOF`, `COST`, `ROWS`, trigger
//! function arguments, SQLite's `IF NOT EXISTS`, MySQL handlers), so the rest of the
//! statement is skipped token by token up to its `;`, counting compound blocks
//! (`BEGIN ... END`, `CASE ... END`, MySQL's `IF ... END IF` and loops) so a body's own
//! semicolons do not end it. Dollar-quoted bodies are single tokens.

use super::parse::{is_kw, Parsed};
use crate::dialect::Dialect;
use sqlparser::ast::{DataType, ObjectName};
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Token;

/// A statement read here. `text` is filled in by the statement reader.
#[derive(Debug)]
pub enum Routine {
    Function(CreateFunction),
    Trigger(CreateTrigger),
    /// PostgreSQL `COMMENT ON FUNCTION|PROCEDURE name[(types)] IS ...` (sqlparser 0.63
    /// reads neither the argument list nor COMMENT ON TRIGGER).
    FunctionComment(FunctionComment),
    /// PostgreSQL `COMMENT ON TRIGGER name ON table IS ...`.
    TriggerComment(TriggerComment),
    /// A statement read to its end only to be reported, by label (MySQL stored functions,
    /// procedures and events: their compound bodies hold semicolons).
    Unsupported(String),
}

#[derive(Debug)]
pub struct FunctionComment {
    pub name: ObjectName,
    pub procedure: bool,
    /// Input argument types, when the statement lists them.
    pub inputs: Option<Vec<DataType>>,
    /// `None` for `IS NULL`.
    pub comment: Option<String>,
}

#[derive(Debug)]
pub struct TriggerComment {
    pub name: ObjectName,
    pub table: ObjectName,
    pub comment: Option<String>,
}

#[derive(Debug)]
pub struct CreateFunction {
    pub name: ObjectName,
    pub or_replace: bool,
    pub procedure: bool,
    /// Types of the input arguments (IN, INOUT, VARIADIC), in order.
    pub inputs: Vec<DataType>,
    pub text: String,
}

#[derive(Debug)]
pub struct CreateTrigger {
    pub name: ObjectName,
    pub table: ObjectName,
    pub or_replace: bool,
    pub if_not_exists: bool,
    pub temporary: bool,
    /// PostgreSQL `EXECUTE FUNCTION|PROCEDURE name(...)`.
    pub function: Option<ObjectName>,
    pub text: String,
}

impl Routine {
    pub fn set_text(&mut self, text: &str) {
        match self {
            Routine::Function(f) => f.text = text.to_string(),
            Routine::Trigger(t) => t.text = text.to_string(),
            Routine::FunctionComment(_) | Routine::TriggerComment(_) | Routine::Unsupported(_) => {}
        }
    }
}

/// The statement's text: the source as written, unless positions inside MySQL's
/// `/*!50003 ... */` comments (which the tokenizer reads as SQL, with positions relative to
/// the comment) make that slice wrong; then the tokens read since `first`, put back together.
pub fn text(p: &Parser, first: usize, slice: &str) -> String {
    let tokens = (first..p.index()).map(|i| &p.token_at(i).token);
    let start = tokens
        .clone()
        .find(|t| !matches!(t, Token::Whitespace(_)))
        .map(token_sql);
    let last = &p.get_current_token().token;
    // A string's text may be written with other escapes than the token prints.
    let ends = matches!(
        last,
        Token::SingleQuotedString(_) | Token::DoubleQuotedString(_)
    ) || slice.ends_with(&token_sql(last));
    if start.is_some_and(|s| slice.starts_with(&s)) && ends {
        return slice.to_string();
    }
    let out: String = tokens.map(token_sql).collect();
    out.trim().trim_end_matches(';').trim_end().to_string()
}

/// A token as SQL text; strings quoted again (the tokenizer took their escapes out).
fn token_sql(t: &Token) -> String {
    match t {
        Token::SingleQuotedString(s) => format!("'{}'", s.replace('\'', "''")),
        Token::DoubleQuotedString(s) => format!("\"{}\"", s.replace('"', "\"\"")),
        other => other.to_string(),
    }
}

fn kw_at(p: &Parser, n: usize) -> Option<Keyword> {
    match &p.peek_nth_token_ref(n).token {
        Token::Word(w) if w.quote_style.is_none() => Some(w.keyword),
        _ => None,
    }
}

/// `None`, with nothing consumed, unless the statement is one read here.
pub fn parse(p: &mut Parser, dialect: Dialect) -> Result<Option<Parsed>, ParserError> {
    if dialect == Dialect::Postgres && is_kw(p, 0, Keyword::COMMENT) && is_kw(p, 1, Keyword::ON) {
        return comment(p);
    }
    if dialect == Dialect::Mysql && word(&p.peek_token_ref().token).as_deref() == Some("DELIMITER")
    {
        return delimiter(p).map(Some);
    }
    if !is_kw(p, 0, Keyword::CREATE) {
        return Ok(None);
    }
    let mut n = 1;
    let (mut or_replace, mut temporary) = (false, false);
    loop {
        match kw_at(p, n) {
            Some(Keyword::OR) if is_kw(p, n + 1, Keyword::REPLACE) => {
                or_replace = true;
                n += 2;
            }
            Some(Keyword::TEMP | Keyword::TEMPORARY) => {
                temporary = true;
                n += 1;
            }
            // PostgreSQL CONSTRAINT TRIGGER: a trigger all the same.
            Some(Keyword::CONSTRAINT) if is_kw(p, n + 1, Keyword::TRIGGER) => n += 1,
            // MySQL DEFINER = user@host: skip to the object keyword.
            Some(Keyword::DEFINER) if dialect == Dialect::Mysql => {
                let end = (n + 1..n + 12).find(|&i| {
                    mysql_routine(p, i)
                        || matches!(p.peek_nth_token_ref(i).token, Token::SemiColon | Token::EOF)
                });
                match end {
                    Some(i) if mysql_routine(p, i) => n = i,
                    _ => return Ok(None),
                }
            }
            _ => break,
        }
    }
    let routine = match kw_at(p, n) {
        Some(Keyword::TRIGGER) => {
            skip(p, n + 1);
            Routine::Trigger(trigger(p, dialect, or_replace, temporary)?)
        }
        Some(k @ (Keyword::FUNCTION | Keyword::PROCEDURE)) if dialect == Dialect::Postgres => {
            skip(p, n + 1);
            Routine::Function(function(p, or_replace, k == Keyword::PROCEDURE)?)
        }
        _ if dialect == Dialect::Mysql && mysql_routine(p, n) => {
            let what = word(&p.peek_nth_token_ref(n).token).unwrap_or_default();
            skip(p, n + 1);
            rest(p, dialect, &mut None)?;
            Routine::Unsupported(format!("CREATE {what}"))
        }
        _ => return Ok(None),
    };
    Ok(Some(Parsed::Routine(Box::new(routine))))
}

/// `COMMENT ON FUNCTION|PROCEDURE|TRIGGER ...`; `None` for other objects.
fn comment(p: &mut Parser) -> Result<Option<Parsed>, ParserError> {
    let kind = kw_at(p, 2);
    if !matches!(
        kind,
        Some(Keyword::FUNCTION | Keyword::PROCEDURE | Keyword::TRIGGER)
    ) {
        return Ok(None);
    }
    skip(p, 3);
    let routine = if kind == Some(Keyword::TRIGGER) {
        let name = p.parse_object_name(false)?;
        p.expect_keyword(Keyword::ON)?;
        let table = p.parse_object_name(false)?;
        Routine::TriggerComment(TriggerComment {
            name,
            table,
            comment: comment_text(p)?,
        })
    } else {
        let name = p.parse_object_name(false)?;
        let inputs = if p.consume_token(&Token::LParen) {
            let mut inputs = Vec::new();
            if !p.consume_token(&Token::RParen) {
                loop {
                    if let Some(t) = argument(p)? {
                        inputs.push(t);
                    }
                    if !p.consume_token(&Token::Comma) {
                        break;
                    }
                }
                p.expect_token(&Token::RParen)?;
            }
            Some(inputs)
        } else {
            None
        };
        Routine::FunctionComment(FunctionComment {
            name,
            procedure: kind == Some(Keyword::PROCEDURE),
            inputs,
            comment: comment_text(p)?,
        })
    };
    Ok(Some(Parsed::Routine(Box::new(routine))))
}

/// `IS 'text'` or `IS NULL`.
fn comment_text(p: &mut Parser) -> Result<Option<String>, ParserError> {
    p.expect_keyword(Keyword::IS)?;
    if p.parse_keyword(Keyword::NULL) {
        return Ok(None);
    }
    p.parse_literal_string().map(Some)
}

/// Whether the `n`th token ahead starts a MySQL stored program: TRIGGER, FUNCTION,
/// PROCEDURE or EVENT.
fn mysql_routine(p: &Parser, n: usize) -> bool {
    matches!(
        word(&p.peek_nth_token_ref(n).token).as_deref(),
        Some("TRIGGER" | "FUNCTION" | "PROCEDURE" | "EVENT")
    )
}

/// The mysql client's `DELIMITER x` (dumps write `DELIMITER ;;` around triggers). Statements
/// here end at `;` outside compound bodies, so `;` and `;;` need nothing; another delimiter
/// would need the client's own splitting, and is refused rather than misread.
fn delimiter(p: &mut Parser) -> Result<Parsed, ParserError> {
    let at = p.peek_token_ref().span.start;
    p.next_token();
    let mut n = 0;
    let mut written = String::new();
    loop {
        let t = p.peek_nth_token_ref(n);
        if t.token == Token::EOF || t.span.start.line != at.line {
            break;
        }
        written.push_str(&t.token.to_string());
        n += 1;
    }
    if !written.is_empty() && written.chars().all(|c| c == ';') {
        return Ok(Parsed::Session("DELIMITER".into()));
    }
    Err(ParserError::ParserError(format!(
        "DELIMITER {written} is a mysql client command; only `;` and `;;` are read (end each statement with `;`; compound bodies may hold `;`) at Line: {}, Column: {}",
        at.line, at.column
    )))
}

fn skip(p: &mut Parser, n: usize) {
    for _ in 0..n {
        p.next_token();
    }
}

fn function(
    p: &mut Parser,
    or_replace: bool,
    procedure: bool,
) -> Result<CreateFunction, ParserError> {
    let name = p.parse_object_name(false)?;
    p.expect_token(&Token::LParen)?;
    let mut inputs = Vec::new();
    if !p.consume_token(&Token::RParen) {
        loop {
            if let Some(t) = argument(p)? {
                inputs.push(t);
            }
            if !p.consume_token(&Token::Comma) {
                break;
            }
        }
        p.expect_token(&Token::RParen)?;
    }
    rest(p, Dialect::Postgres, &mut None)?;
    Ok(CreateFunction {
        name,
        or_replace,
        procedure,
        inputs,
        text: String::new(),
    })
}

/// `[mode] [name] type [DEFAULT expr | = expr]`; the type, unless the mode is OUT.
fn argument(p: &mut Parser) -> Result<Option<DataType>, ParserError> {
    let output = match kw_at(p, 0) {
        Some(Keyword::IN | Keyword::INOUT | Keyword::VARIADIC) => {
            p.next_token();
            false
        }
        Some(Keyword::OUT) => {
            p.next_token();
            true
        }
        _ => false,
    };
    let mut data_type = p.parse_data_type()?;
    // A second type right after the first means the first was the argument's name.
    let second = p.maybe_parse(|p| {
        if p.peek_keyword(Keyword::DEFAULT) {
            return Err(ParserError::ParserError("DEFAULT is not a type".into()));
        }
        p.parse_data_type()
    })?;
    if let Some(t) = second {
        data_type = t;
    }
    if p.parse_keyword(Keyword::DEFAULT) || p.consume_token(&Token::Eq) {
        p.parse_expr()?;
    }
    Ok((!output).then_some(data_type))
}

fn trigger(
    p: &mut Parser,
    dialect: Dialect,
    or_replace: bool,
    temporary: bool,
) -> Result<CreateTrigger, ParserError> {
    let if_not_exists = p.parse_keywords(&[Keyword::IF, Keyword::NOT, Keyword::EXISTS]);
    let name = p.parse_object_name(false)?;
    // Timing and events (`BEFORE INSERT OR UPDATE OF a, b`) up to ON.
    loop {
        match &p.peek_token_ref().token {
            Token::SemiColon | Token::EOF => {
                return p.expected_ref("ON and the table name", p.peek_token_ref())
            }
            Token::Word(w) if w.keyword == Keyword::ON && w.quote_style.is_none() => {
                p.next_token();
                break;
            }
            _ => {
                p.next_token();
            }
        }
    }
    let table = p.parse_object_name(false)?;
    let mut function = None;
    rest(p, dialect, &mut function)?;
    Ok(CreateTrigger {
        name,
        table,
        or_replace,
        if_not_exists,
        temporary,
        function,
        text: String::new(),
    })
}

/// An unquoted word in upper case: block keywords (`LOOP`, `REPEAT`, `FOLLOWS`) are not
/// all sqlparser keywords.
fn word(t: &Token) -> Option<String> {
    match t {
        Token::Word(w) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
        _ => None,
    }
}

/// Skips to the end of the statement (its `;` or the end of input), over compound blocks.
/// Records the function after `EXECUTE FUNCTION|PROCEDURE` (PostgreSQL triggers).
fn rest(
    p: &mut Parser,
    dialect: Dialect,
    function: &mut Option<ObjectName>,
) -> Result<(), ParserError> {
    let mysql = dialect == Dialect::Mysql;
    let mut depth = 0usize;
    // Whether the next token starts a statement inside a body (MySQL: `IF` there is the
    // IF statement, ended by `END IF`; elsewhere it is the IF() function).
    let mut at_statement = false;
    let mut prev: Option<String> = None;
    loop {
        let tok = p.peek_token_ref().token.clone();
        match &tok {
            Token::EOF => break,
            Token::SemiColon if depth == 0 => break,
            _ => {}
        }
        let w = word(&tok);
        let w = w.as_deref();
        if function.is_none()
            && prev.as_deref() == Some("EXECUTE")
            && matches!(w, Some("FUNCTION" | "PROCEDURE"))
        {
            p.next_token();
            *function = Some(p.parse_object_name(false)?);
            prev = None;
            continue;
        }
        p.next_token();
        match w {
            Some("BEGIN" | "CASE") => depth += 1,
            Some("IF" | "WHILE" | "REPEAT" | "LOOP") if mysql && at_statement => depth += 1,
            Some("END") => {
                depth = depth.saturating_sub(1);
                // `END IF`, `END CASE`, `END LOOP` ...: one block, not a new one.
                let next = word(&p.peek_token_ref().token);
                if matches!(
                    next.as_deref(),
                    Some("IF" | "CASE" | "LOOP" | "WHILE" | "REPEAT")
                ) {
                    p.next_token();
                }
            }
            _ => {}
        }
        at_statement = matches!(tok, Token::SemiColon | Token::Colon)
            || matches!(
                w,
                Some("BEGIN" | "THEN" | "ELSE" | "DO" | "LOOP" | "REPEAT" | "ROW")
            )
            || matches!(prev.as_deref(), Some("FOLLOWS" | "PRECEDES"));
        prev = w.map(str::to_string);
    }
    Ok(())
}
