//! Reads statements one at a time, keeping each one's exact text and position. MySQL's
//! `ALTER TABLE ... RENAME INDEX a TO b` is not in sqlparser 0.63, so ALTER TABLE is read here
//! with the parser's own pieces plus that one action.

use super::source::{end_of, location_in_message, strip_location, Cursor};
use crate::diag::{Code, Diagnostic, Location};
use crate::dialect::Dialect;
use sqlparser::ast::{AlterTableOperation, Ident, ObjectName, Statement};
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Location as PLocation, Token};

/// A statement as read.
#[derive(Debug)]
pub enum Parsed {
    /// Boxed: a `Statement` is over 3 KB, and it moves through several frames.
    Std(Box<Statement>),
    AlterTable(AlterTable),
}

#[derive(Debug)]
pub struct AlterTable {
    pub name: ObjectName,
    pub if_exists: bool,
    pub ops: Vec<AlterOp>,
}

#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // short-lived, one per action
pub enum AlterOp {
    Std(AlterTableOperation),
    /// MySQL `RENAME INDEX|KEY old TO new`.
    RenameIndex {
        old: Ident,
        new: Ident,
    },
}

pub struct Item<'a> {
    pub parsed: Parsed,
    pub text: &'a str,
    pub start: Location,
    pub end: Location,
}

pub struct Statements<'a> {
    parser: Parser<'static>,
    sql: &'a str,
    cursor: Cursor<'a>,
    need_separator: bool,
}

/// How deep statements may nest (each parenthesis or subquery level takes one or more).
/// Lower than `canon::expr::RECURSION_LIMIT`: a nested subquery costs sqlparser several large
/// frames, and 20 levels still fit a 1 MB stack (wasm, Node's main thread) and debug builds'
/// 2 MB test threads. Deeper input is a `syntax-error`, never a stack overflow.
pub const RECURSION_LIMIT: usize = 20;

static POSTGRES: PostgreSqlDialect = PostgreSqlDialect {};
static MYSQL: MySqlDialect = MySqlDialect {};
static SQLITE: SQLiteDialect = SQLiteDialect {};

fn parser_dialect(d: Dialect) -> &'static dyn sqlparser::dialect::Dialect {
    match d {
        Dialect::Postgres => &POSTGRES,
        Dialect::Mysql => &MYSQL,
        Dialect::Sqlite => &SQLITE,
    }
}

fn loc(l: PLocation) -> Location {
    Location {
        line: l.line,
        column: l.column,
    }
}

/// A parser error as a diagnostic; `fallback` when the message carries no position. sqlparser
/// places the end of input at 0:0; `sql` gives its real position.
pub fn syntax_error(e: &ParserError, fallback: Location, sql: &str) -> Diagnostic {
    let (msg, at) = match e {
        ParserError::RecursionLimitExceeded => (
            "input is nested too deeply (recursion limit exceeded)".to_string(),
            fallback,
        ),
        ParserError::ParserError(m) | ParserError::TokenizerError(m) => (
            strip_location(m).to_string(),
            location_in_message(m).unwrap_or(fallback),
        ),
    };
    let at = if at.line == 0 { end_of(sql) } else { at };
    let msg = msg.replace(" at 0:0", "");
    Diagnostic::error(Code::SyntaxError, format!("syntax error at {at}: {msg}"))
        .at(Some(at))
        .with_hint("fix the SQL at this position; check quotes, parentheses and semicolons")
}

impl<'a> Statements<'a> {
    pub fn new(dialect: Dialect, sql: &'a str) -> Result<Self, Diagnostic> {
        let parser = Parser::new(parser_dialect(dialect))
            .with_recursion_limit(RECURSION_LIMIT)
            .try_with_sql(sql)
            .map_err(|e| syntax_error(&e, Location { line: 1, column: 1 }, sql))?;
        Ok(Statements {
            parser,
            sql,
            cursor: Cursor::new(sql),
            need_separator: false,
        })
    }

    fn here(&self) -> Location {
        loc(self.parser.peek_token_ref().span.start)
    }

    pub fn next_statement(&mut self) -> Result<Option<Item<'a>>, Diagnostic> {
        while self.parser.consume_token(&Token::SemiColon) {
            self.need_separator = false;
        }
        if self.parser.peek_token_ref().token == Token::EOF {
            return Ok(None);
        }
        let start = self.here();
        if self.need_separator {
            let found = self.parser.peek_token_ref().token.to_string();
            return Err(Diagnostic::error(
                Code::SyntaxError,
                format!("syntax error at {start}: expected `;` before `{found}`"),
            )
            .at(Some(start))
            .with_hint("end each statement with a semicolon"));
        }
        let parsed = self
            .parse_one()
            .map_err(|e| syntax_error(&e, self.here(), self.sql))?;
        let end = loc(self.parser.get_current_token().span.end);
        let from = self.cursor.offset(start);
        let to = self.cursor.offset(end).max(from);
        self.need_separator = true;
        Ok(Some(Item {
            parsed,
            text: &self.sql[from..to],
            start,
            end,
        }))
    }

    fn parse_one(&mut self) -> Result<Parsed, ParserError> {
        let p = &mut self.parser;
        let is_alter_table = matches!(&p.peek_nth_token_ref(0).token, Token::Word(w) if w.keyword == Keyword::ALTER)
            && matches!(&p.peek_nth_token_ref(1).token, Token::Word(w) if w.keyword == Keyword::TABLE);
        if !is_alter_table {
            return p.parse_statement().map(|s| Parsed::Std(Box::new(s)));
        }
        p.expect_keywords(&[Keyword::ALTER, Keyword::TABLE])?;
        let if_exists = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
        let _ = p.parse_keyword(Keyword::ONLY);
        let name = p.parse_object_name(false)?;
        let mut ops = Vec::new();
        loop {
            ops.push(parse_alter_op(p)?);
            if !p.consume_token(&Token::Comma) {
                break;
            }
        }
        Ok(Parsed::AlterTable(AlterTable {
            name,
            if_exists,
            ops,
        }))
    }
}

fn parse_alter_op(p: &mut Parser) -> Result<AlterOp, ParserError> {
    let drops_check = matches!(&p.peek_nth_token_ref(0).token, Token::Word(w) if w.keyword == Keyword::DROP)
        && matches!(&p.peek_nth_token_ref(1).token, Token::Word(w) if w.keyword == Keyword::CHECK);
    if drops_check {
        // MySQL `DROP CHECK name` reads as dropping a column named CHECK in sqlparser 0.63.
        p.next_token();
        p.next_token();
        let if_exists = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
        let name = p.parse_identifier()?;
        return Ok(AlterOp::Std(AlterTableOperation::DropConstraint {
            if_exists,
            name,
            drop_behavior: None,
        }));
    }
    let renames_index = matches!(&p.peek_nth_token_ref(0).token, Token::Word(w) if w.keyword == Keyword::RENAME)
        && matches!(&p.peek_nth_token_ref(1).token, Token::Word(w) if matches!(w.keyword, Keyword::INDEX | Keyword::KEY));
    if !renames_index {
        return p.parse_alter_table_operation().map(AlterOp::Std);
    }
    p.next_token();
    p.next_token();
    let old = p.parse_identifier()?;
    p.expect_keyword(Keyword::TO)?;
    let new = p.parse_identifier()?;
    Ok(AlterOp::RenameIndex { old, new })
}
