//! PostgreSQL `DO` blocks. Anonymous PL/pgSQL is not modelled, so a block is an
//! `unsupported-statement`, with two exceptions that migration tools write to make DDL
//! idempotent, which are applied as the server would:
//!
//! - `BEGIN IF [NOT] EXISTS (SELECT ... FROM <catalog> WHERE col = 'x' ...) THEN <DDL>; END IF;
//!   END`, the check evaluated against the schema in memory (see `exists`);
//! - `BEGIN <DDL>; EXCEPTION WHEN duplicate_object [OR ...] THEN null; END`, the DDL applied
//!   unless it fails the way the condition names.

use super::ctx::Ctx;
use super::dump::skip_to_end;
use super::parse::{Parsed, Statements};
use super::source::Cursor;
use super::StatementKind;
use crate::diag::{Code, Diagnostic, Location};
use crate::dialect::Dialect;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

#[derive(Debug)]
pub struct DoBlock {
    pub body: String,
    /// `LANGUAGE x`, lower case; PL/pgSQL when absent.
    pub language: Option<String>,
}

/// `DO [LANGUAGE l] <string> [LANGUAGE l]`; `None`, with nothing consumed, for the rest.
pub fn parse(p: &mut Parser, dialect: Dialect) -> Result<Option<Parsed>, ParserError> {
    let is_do = matches!(&p.peek_token_ref().token, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("DO"));
    if dialect != Dialect::Postgres || !is_do {
        return Ok(None);
    }
    p.next_token();
    let mut language = language(p)?;
    let next = p.next_token();
    let body = match next.token {
        Token::DollarQuotedString(s) => s.value,
        Token::SingleQuotedString(s) | Token::EscapedStringLiteral(s) => s,
        _ => return p.expected("a string or $$-quoted body after DO", next),
    };
    if language.is_none() {
        language = self::language(p)?;
    }
    skip_to_end(p);
    Ok(Some(Parsed::Do(Box::new(DoBlock { body, language }))))
}

fn language(p: &mut Parser) -> Result<Option<String>, ParserError> {
    if !p.parse_keyword(sqlparser::keywords::Keyword::LANGUAGE) {
        return Ok(None);
    }
    Ok(Some(p.parse_identifier()?.value.to_ascii_lowercase()))
}

pub fn apply(ctx: &mut Ctx, block: &DoBlock) -> Result<StatementKind, Diagnostic> {
    let plpgsql = block.language.as_deref().is_none_or(|l| l == "plpgsql");
    let Some(form) = plpgsql.then(|| read(&block.body)).flatten() else {
        ctx.unsupported_statement("DO block");
        return Ok(StatementKind::Unsupported);
    };
    match form {
        Form::Guarded(steps) => {
            for (check, negated, ddl) in steps {
                if super::do_exists::exists(ctx, &check) != negated {
                    apply_text(ctx, &ddl)?;
                }
            }
        }
        Form::Catching { ddl, conditions } => {
            let before = ctx.schema.clone();
            if let Err(e) = apply_text(ctx, &ddl) {
                if !caught(&conditions, e.code) {
                    return Err(e);
                }
                // The block's statements roll back together, as at a savepoint.
                *ctx.schema = before;
            }
        }
    }
    Ok(StatementKind::Ddl)
}

/// Whether a handler for `conditions` catches an error of `code`.
fn caught(conditions: &[String], code: Code) -> bool {
    let duplicate = matches!(
        code,
        Code::DuplicateTable
            | Code::DuplicateColumn
            | Code::DuplicateIndex
            | Code::DuplicateConstraint
            | Code::DuplicateType
            | Code::DuplicateEnumValue
            | Code::DuplicateFunction
    );
    conditions.iter().any(|c| {
        c == "others"
            || (duplicate && c.starts_with("duplicate_"))
            || (c == "undefined_object" && code == Code::UnknownConstraint)
    })
}

/// Applies DDL text (the body of a recognised block) at the DO statement's position.
fn apply_text(ctx: &mut Ctx, sql: &str) -> Result<(), Diagnostic> {
    let mut statements = Statements::new(ctx.dialect, sql)?;
    while let Some(item) = statements.next_statement()? {
        super::apply_one(ctx, &item.parsed)?;
    }
    Ok(())
}

/// An existence check: the catalog (last part of its name) and its `column = 'value'`
/// conditions, column names lower case.
#[derive(Debug)]
pub struct Check {
    pub catalog: String,
    pub conditions: Vec<(String, String)>,
}

enum Form {
    /// (check, `IF NOT EXISTS`, DDL) per IF block.
    Guarded(Vec<(Check, bool, String)>),
    Catching {
        ddl: String,
        conditions: Vec<String>,
    },
}

/// The block's form, if it is one applied here and its DDL parses.
fn read(body: &str) -> Option<Form> {
    let tokens: Vec<TokenWithSpan> = Tokenizer::new(&PostgreSqlDialect {}, body)
        .tokenize_with_location()
        .ok()?
        .into_iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_)))
        .collect();
    let mut r = Reader {
        tokens,
        at: 0,
        cursor: Cursor::new(body),
        body,
    };
    r.word("BEGIN")?;
    let form = if r.peek_word("IF") {
        let mut steps = Vec::new();
        while r.peek_word("IF") {
            steps.push(r.guarded()?);
        }
        Form::Guarded(steps)
    } else {
        let from = r.offset_here();
        let end = r.find_word("EXCEPTION")?;
        let ddl = r.text(from, end);
        r.word("EXCEPTION")?;
        r.word("WHEN")?;
        let mut conditions = vec![r.ident()?];
        while r.peek_word("OR") {
            r.word("OR")?;
            conditions.push(r.ident()?);
        }
        r.word("THEN")?;
        r.word("NULL")?;
        r.semi();
        Form::Catching { ddl, conditions }
    };
    r.word("END")?;
    r.semi();
    if r.at != r.tokens.len() {
        return None;
    }
    let ddls: Vec<&str> = match &form {
        Form::Guarded(s) => s.iter().map(|(_, _, d)| d.as_str()).collect(),
        Form::Catching { ddl, .. } => vec![ddl.as_str()],
    };
    let checks_known = match &form {
        Form::Guarded(s) => s.iter().all(|(c, _, _)| super::do_exists::understood(c)),
        Form::Catching { .. } => true,
    };
    (checks_known && ddls.iter().all(|d| parses(d))).then_some(form)
}

/// Whether DDL text reads as statements (PL/pgSQL such as RAISE does not).
fn parses(sql: &str) -> bool {
    let Ok(mut s) = Statements::new(Dialect::Postgres, sql) else {
        return false;
    };
    let mut any = false;
    loop {
        match s.next_statement() {
            Ok(Some(item)) => {
                if matches!(item.parsed, Parsed::Do(_)) {
                    return false;
                }
                any = true;
            }
            Ok(None) => return any,
            Err(_) => return false,
        }
    }
}

struct Reader<'a> {
    tokens: Vec<TokenWithSpan>,
    at: usize,
    cursor: Cursor<'a>,
    body: &'a str,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|t| &t.token)
    }

    fn peek_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(x)) if x.quote_style.is_none() && x.value.eq_ignore_ascii_case(w))
    }

    fn word(&mut self, w: &str) -> Option<()> {
        self.peek_word(w).then(|| self.at += 1)
    }

    fn ident(&mut self) -> Option<String> {
        match self.peek()? {
            Token::Word(x) => {
                let v = x.value.to_ascii_lowercase();
                self.at += 1;
                Some(v)
            }
            _ => None,
        }
    }

    fn semi(&mut self) {
        while self.peek() == Some(&Token::SemiColon) {
            self.at += 1;
        }
    }

    fn offset_here(&mut self) -> usize {
        match self.tokens.get(self.at) {
            Some(t) => {
                let l = t.span.start;
                self.cursor.offset(Location {
                    line: l.line,
                    column: l.column,
                })
            }
            None => self.body.len(),
        }
    }

    /// The index of the next `w` at this level, without moving.
    fn find_word(&mut self, w: &str) -> Option<usize> {
        let start = self.at;
        while self.at < self.tokens.len() && !self.peek_word(w) {
            self.at += 1;
        }
        let found = self.at;
        self.at = start;
        (found < self.tokens.len()).then_some(found)
    }

    /// The body text from byte `from` to token `end`; moves to `end`.
    fn text(&mut self, from: usize, end: usize) -> String {
        self.at = end;
        let to = self.offset_here();
        self.body[from..to].to_string()
    }

    /// `IF [NOT] EXISTS (SELECT ...) THEN <DDL> END IF;`
    fn guarded(&mut self) -> Option<(Check, bool, String)> {
        self.word("IF")?;
        let negated = self.word("NOT").is_some();
        self.word("EXISTS")?;
        if self.peek() != Some(&Token::LParen) {
            return None;
        }
        self.at += 1;
        let check = self.check()?;
        self.word("THEN")?;
        let from = self.offset_here();
        let mut end = self.at;
        // `END IF`; an ELSE or a nested IF is not a form read here.
        loop {
            match self.tokens.get(end).map(|t| &t.token) {
                None => return None,
                Some(Token::Word(w)) if w.value.eq_ignore_ascii_case("END") => break,
                Some(Token::Word(w))
                    if w.value.eq_ignore_ascii_case("ELSE")
                        || w.value.eq_ignore_ascii_case("ELSIF") =>
                {
                    return None
                }
                _ => end += 1,
            }
        }
        let ddl = self.text(from, end);
        self.word("END")?;
        self.word("IF")?;
        self.semi();
        Some((check, negated, ddl))
    }

    /// `SELECT ... FROM catalog [alias] WHERE a = 'x' AND ... )`, up to the closing `)`.
    fn check(&mut self) -> Option<Check> {
        self.word("SELECT")?;
        while !self.peek_word("FROM") {
            if matches!(self.peek()?, Token::LParen | Token::RParen) {
                return None;
            }
            self.at += 1;
        }
        self.at += 1;
        let mut catalog = self.ident()?;
        while self.peek() == Some(&Token::Period) {
            self.at += 1;
            catalog = self.ident()?;
        }
        let mut conditions = Vec::new();
        loop {
            match self.peek()? {
                Token::RParen => {
                    self.at += 1;
                    break;
                }
                Token::LParen => return None,
                Token::Eq => {
                    let column = match &self.tokens[self.at - 1].token {
                        Token::Word(w) => w.value.to_ascii_lowercase(),
                        _ => return None,
                    };
                    self.at += 1;
                    if let Some(Token::SingleQuotedString(v)) = self.peek() {
                        conditions.push((column, v.clone()));
                    }
                    self.at += 1;
                }
                _ => self.at += 1,
            }
        }
        Some(Check {
            catalog,
            conditions,
        })
    }
}
