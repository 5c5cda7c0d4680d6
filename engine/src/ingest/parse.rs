//! Reads statements one at a time, keeping each one's exact text and position. Some ALTER TABLE
//! actions are not in sqlparser 0.63 (MySQL `RENAME INDEX`, `DROP CHECK`, `COMMENT = '...'`;
//! Postgres `ALTER COLUMN ... DROP IDENTITY` and `TYPE ... COLLATE`), so ALTER TABLE is read
//! here with the parser's own pieces plus those actions. Working on the parser's tokens keeps
//! quoting, comments and line:column exactly as sqlparser sees them. Statements that change
//! no schema but that sqlparser cannot read (SQLite `PRAGMA name = OFF`) are read in `session`.

use super::source::{end_of, location_in_message, strip_location, Cursor};
use crate::diag::{Code, Diagnostic, Location};
use crate::dialect::Dialect;
use sqlparser::ast::{AlterTableOperation, DataType, Ident, ObjectName, Statement};
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Location as PLocation, Token};

/// A statement as read.
#[derive(Debug)]
pub enum Parsed {
    /// Boxed: a `Statement` is over 3 KB, and it moves through several frames.
    Std(Box<Statement>),
    /// MySQL CREATE TABLE with its `PARTITION BY ...` clause, normalised (see `partition`).
    Partitioned(Box<Statement>, String),
    AlterTable(AlterTable),
    /// A session statement sqlparser cannot read, by name (e.g. `PRAGMA foreign_keys`).
    Session(String),
    /// CREATE FUNCTION / PROCEDURE / TRIGGER, kept as text (see `routine`).
    Routine(Box<super::routine::Routine>),
    /// PostgreSQL domains, extensions, COMMENT ON CONSTRAINT (see `pg_objects`).
    Pg(Box<super::pg_objects::PgStatement>),
    /// PostgreSQL CREATE / ALTER SEQUENCE (see `sequence`).
    Sequence(Box<super::sequence::SeqStatement>),
    /// PostgreSQL `DO` (see `do_block`).
    Do(Box<super::do_block::DoBlock>),
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
    /// MySQL `COMMENT [=] 'text'`.
    Comment(String),
    /// Postgres `ALTER [COLUMN] c [SET DATA] TYPE t [COLLATE x] [USING e]`; USING only
    /// converts the data, so it is read and dropped.
    SetType {
        column: Ident,
        data_type: DataType,
        collation: Option<ObjectName>,
    },
    /// Postgres `ALTER [COLUMN] c DROP IDENTITY [IF EXISTS]`.
    DropIdentity {
        column: Ident,
        if_exists: bool,
    },
    /// MySQL table options: `ENGINE = x`, `[DEFAULT] CHARSET = x`, `COLLATE = x`, ...
    TableOptions(Vec<sqlparser::ast::SqlOption>),
    /// MySQL `PARTITION BY ...` (normalised) or `REMOVE PARTITIONING` (`None`).
    Partition(Option<String>),
    /// Postgres `SET (...)` / `RESET (...)` of storage parameters.
    Storage(super::storage::StorageChange),
    /// Postgres `ATTACH PARTITION t FOR VALUES ... | DEFAULT`.
    Attach(ObjectName, sqlparser::ast::ForValues),
    /// Postgres `DETACH PARTITION t [CONCURRENTLY | FINALIZE]`.
    Detach(ObjectName),
}

pub struct Item<'a> {
    pub parsed: Parsed,
    pub text: &'a str,
    pub start: Location,
    pub end: Location,
}

pub struct Statements<'a> {
    dialect: Dialect,
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
        let text = match dialect {
            Dialect::Mysql => super::mysql_text::rewrite(sql),
            Dialect::Postgres => match super::dump::blank_meta_commands(sql) {
                Some(text) => {
                    std::borrow::Cow::Owned(super::copy_data::rewrite(&text).into_owned())
                }
                None => super::copy_data::rewrite(sql),
            },
            Dialect::Sqlite => std::borrow::Cow::Borrowed(sql),
        };
        let tokens = super::tokens::tokens(parser_dialect(dialect), dialect, &text)
            .map_err(|e| syntax_error(&e, Location { line: 1, column: 1 }, sql))?;
        let parser = Parser::new(parser_dialect(dialect))
            .with_recursion_limit(RECURSION_LIMIT)
            .with_tokens_with_locations(tokens);
        Ok(Statements {
            dialect,
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
        let first = self.parser.index();
        let mut parsed = self
            .parse_one()
            .map_err(|e| syntax_error(&e, self.here(), self.sql))?;
        let end = loc(self.parser.get_current_token().span.end);
        let mut from = self.cursor.offset(start);
        let mut to = self.cursor.offset(end).max(from);
        if self.dialect == Dialect::Mysql {
            (from, to) = version_comments(self.sql, from, to);
        }
        if let Parsed::Routine(r) = &mut parsed {
            let text = super::routine::text(&self.parser, first, &self.sql[from..to]);
            r.set_text(&text);
        }
        // COPY ... FROM stdin ends with its rows' `\.`, no `;` after.
        let copy_rows = matches!(&parsed, Parsed::Std(s) if matches!(s.as_ref(), Statement::Copy { .. }))
            && self.sql[from..to].ends_with("\\.");
        self.need_separator = !copy_rows;
        Ok(Some(Item {
            parsed,
            text: &self.sql[from..to],
            start,
            end,
        }))
    }

    fn parse_one(&mut self) -> Result<Parsed, ParserError> {
        let p = &mut self.parser;
        if let Some(session) = super::session::parse(p, self.dialect)? {
            return Ok(session);
        }
        if let Some(session) = super::dump::parse(p, self.dialect)? {
            return Ok(session);
        }
        if let Some(s) = super::sequence::parse(p, self.dialect)? {
            return Ok(s);
        }
        if let Some(d) = super::do_block::parse(p, self.dialect)? {
            return Ok(d);
        }
        if let Some(d) = parse_drop_index_concurrently(p, self.dialect)? {
            return Ok(Parsed::Std(Box::new(d)));
        }
        if let Some(routine) = super::routine::parse(p, self.dialect)? {
            return Ok(routine);
        }
        if let Some(pg) = super::pg_objects::parse(p, self.dialect)? {
            return Ok(pg);
        }
        if let Some(ci) = parse_index_on_only(p, self.dialect)? {
            return Ok(Parsed::Std(Box::new(ci)));
        }
        if let Some(ci) = parse_mysql_kind_index(p, self.dialect)? {
            return Ok(Parsed::Std(Box::new(Statement::CreateIndex(ci))));
        }
        let is_alter_table = is_kw(p, 0, Keyword::ALTER) && is_kw(p, 1, Keyword::TABLE);
        if !is_alter_table {
            let s = p.parse_statement()?;
            // pg_dump ends a materialized view with `WITH [NO] DATA`: when it fills, not what
            // it is.
            if matches!(&s, Statement::CreateView(v) if v.materialized)
                && is_kw(p, 0, Keyword::WITH)
            {
                p.next_token();
                let _ = p.parse_keyword(Keyword::NO);
                p.expect_keyword(Keyword::DATA)?;
            }
            if self.dialect == Dialect::Mysql
                && matches!(s, Statement::CreateTable(_))
                && super::partition::at_partition_by(p)
            {
                let clause = super::partition::read(p)?;
                return Ok(Parsed::Partitioned(Box::new(s), clause));
            }
            return Ok(Parsed::Std(Box::new(s)));
        }
        p.expect_keywords(&[Keyword::ALTER, Keyword::TABLE])?;
        let if_exists = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
        let _ = p.parse_keyword(Keyword::ONLY);
        let name = p.parse_object_name(false)?;
        let mut ops = Vec::new();
        loop {
            ops.push(parse_alter_op(p, self.dialect)?);
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

/// MySQL runs a `/*!NNNNN ... */` version comment's content as SQL (see `mysql_text`): a
/// statement that starts or ends inside one takes the marker or the `*/` into its text, so
/// the server reads the same statement.
fn version_comments(sql: &str, mut from: usize, mut to: usize) -> (usize, usize) {
    let before = sql[..from].trim_end();
    let marker = before.trim_end_matches(|c: char| c.is_ascii_digit());
    for open in ["/*!", "/*M!"] {
        if marker.ends_with(open)
            && sql[from..to].matches(open).count() <= sql[from..to].matches("*/").count()
        {
            from = marker.len() - open.len();
            break;
        }
    }
    let text = &sql[from..to];
    let opened = text.matches("/*!").count() + text.matches("/*M!").count();
    let rest = &sql[to..];
    if opened > text.matches("*/").count() && rest.trim_start().starts_with("*/") {
        to += rest.len() - rest.trim_start().len() + 2;
    }
    (from, to)
}

/// Whether the `n`th token ahead is the keyword `kw` (unquoted).
pub fn is_kw(p: &Parser, n: usize, kw: Keyword) -> bool {
    matches!(&p.peek_nth_token_ref(n).token, Token::Word(w) if w.keyword == kw && w.quote_style.is_none())
}

fn parse_alter_op(p: &mut Parser, dialect: Dialect) -> Result<AlterOp, ParserError> {
    if is_kw(p, 0, Keyword::DROP) && is_kw(p, 1, Keyword::CHECK) {
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
    if is_kw(p, 0, Keyword::RENAME) && (is_kw(p, 1, Keyword::INDEX) || is_kw(p, 1, Keyword::KEY)) {
        p.next_token();
        p.next_token();
        let old = p.parse_identifier()?;
        p.expect_keyword(Keyword::TO)?;
        let new = p.parse_identifier()?;
        return Ok(AlterOp::RenameIndex { old, new });
    }
    // MySQL `RENAME new_name`, without TO or AS.
    let rename_target = matches!(&p.peek_nth_token_ref(1).token, Token::Word(w) if w.quote_style.is_some() || !matches!(w.keyword, Keyword::TO | Keyword::AS | Keyword::COLUMN | Keyword::INDEX | Keyword::KEY | Keyword::CONSTRAINT));
    if dialect == Dialect::Mysql && is_kw(p, 0, Keyword::RENAME) && rename_target {
        p.next_token();
        let name = p.parse_object_name(false)?;
        return Ok(AlterOp::Std(AlterTableOperation::RenameTable {
            table_name: sqlparser::ast::RenameTableNameKind::To(name),
        }));
    }
    if dialect == Dialect::Mysql && is_kw(p, 0, Keyword::COMMENT) {
        p.next_token();
        let _ = p.consume_token(&Token::Eq);
        return Ok(AlterOp::Comment(p.parse_literal_string()?));
    }
    if dialect == Dialect::Mysql && super::partition::at_partition_by(p) {
        return Ok(AlterOp::Partition(Some(super::partition::read(p)?)));
    }
    if dialect == Dialect::Mysql
        && is_kw(p, 0, Keyword::REMOVE)
        && matches!(&p.peek_nth_token_ref(1).token, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("PARTITIONING"))
    {
        p.next_token();
        p.next_token();
        return Ok(AlterOp::Partition(None));
    }
    if dialect == Dialect::Mysql && starts_table_option(p) {
        let options = p.parse_plain_options()?;
        // The options reader takes the comma after the last one; the next action needs it.
        if p.get_current_token().token == Token::Comma {
            p.prev_token();
        }
        return Ok(AlterOp::TableOptions(options));
    }
    if dialect == Dialect::Postgres && is_kw(p, 1, Keyword::PARTITION) {
        if is_kw(p, 0, Keyword::ATTACH) {
            p.next_token();
            p.next_token();
            let name = p.parse_object_name(false)?;
            return Ok(AlterOp::Attach(name, super::pg_partition::read_bound(p)?));
        }
        if is_kw(p, 0, Keyword::DETACH) {
            p.next_token();
            p.next_token();
            let name = p.parse_object_name(false)?;
            let finalize = matches!(&p.peek_token_ref().token, Token::Word(w) if w.value.eq_ignore_ascii_case("FINALIZE"));
            if finalize || is_kw(p, 0, Keyword::CONCURRENTLY) {
                p.next_token();
            }
            return Ok(AlterOp::Detach(name));
        }
    }
    if dialect == Dialect::Postgres {
        if let Some(reset) = super::storage::at_change(p) {
            p.next_token();
            return super::storage::read_list(p, reset).map(AlterOp::Storage);
        }
    }
    if dialect == Dialect::Postgres && is_kw(p, 0, Keyword::ALTER) {
        if let Some(op) = parse_pg_alter_column(p)? {
            return Ok(op);
        }
    }
    p.parse_alter_table_operation().map(AlterOp::Std)
}

/// PostgreSQL `DROP INDEX CONCURRENTLY ...`, which sqlparser 0.63 reads as an index named
/// `concurrently`. How it runs (outside a transaction) does not change what it drops.
/// PostgreSQL `CREATE INDEX ... ON ONLY parent ...` (pg_dump's for a partitioned table),
/// which sqlparser does not read: the statement without `ONLY`. The index is the parent's
/// either way; ONLY only leaves the partitions to be attached one by one.
fn parse_index_on_only(p: &mut Parser, dialect: Dialect) -> Result<Option<Statement>, ParserError> {
    if dialect != Dialect::Postgres || !is_kw(p, 0, Keyword::CREATE) {
        return Ok(None);
    }
    let at = (1..12).find(|&n| {
        let t = &p.peek_nth_token_ref(n).token;
        matches!(t, Token::LParen | Token::SemiColon | Token::EOF)
            || (is_kw(p, n, Keyword::ON) && is_kw(p, n + 1, Keyword::ONLY))
    });
    let Some(only) = at.filter(|&n| is_kw(p, n, Keyword::ON)).map(|n| n + 1) else {
        return Ok(None);
    };
    if !(1..only).any(|n| is_kw(p, n, Keyword::INDEX)) {
        return Ok(None);
    }
    let mut tokens = Vec::new();
    let mut depth = 0i32;
    for n in 0.. {
        let t = p.peek_nth_token(n);
        match t.token {
            Token::EOF => break,
            Token::SemiColon if depth == 0 => break,
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            _ => {}
        }
        if n != only {
            tokens.push(t);
        }
    }
    let count = tokens.len() + 1;
    let mut sub =
        Parser::new(&sqlparser::dialect::PostgreSqlDialect {}).with_tokens_with_locations(tokens);
    let stmt = sub.parse_statement()?;
    for _ in 0..count {
        p.next_token();
    }
    Ok(Some(stmt))
}

fn parse_drop_index_concurrently(
    p: &mut Parser,
    dialect: Dialect,
) -> Result<Option<Statement>, ParserError> {
    let concurrently = matches!(&p.peek_nth_token_ref(2).token, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("CONCURRENTLY"));
    if dialect != Dialect::Postgres
        || !is_kw(p, 0, Keyword::DROP)
        || !is_kw(p, 1, Keyword::INDEX)
        || !concurrently
    {
        return Ok(None);
    }
    for _ in 0..3 {
        p.next_token();
    }
    let if_exists = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
    let names = p.parse_comma_separated(|p| p.parse_object_name(false))?;
    let cascade = p.parse_keyword(Keyword::CASCADE);
    let restrict = !cascade && p.parse_keyword(Keyword::RESTRICT);
    Ok(Some(Statement::Drop {
        object_type: sqlparser::ast::ObjectType::Index,
        if_exists,
        names,
        cascade,
        restrict,
        purge: false,
        temporary: false,
        table: None,
    }))
}

/// MySQL `CREATE FULLTEXT|SPATIAL INDEX name ON t (...)`, which sqlparser 0.63 lacks: read
/// as CREATE INDEX with the kind as its method, as the inline `FULLTEXT KEY` is.
fn parse_mysql_kind_index(
    p: &mut Parser,
    dialect: Dialect,
) -> Result<Option<sqlparser::ast::CreateIndex>, ParserError> {
    let kind = is_kw(p, 1, Keyword::FULLTEXT) || is_kw(p, 1, Keyword::SPATIAL);
    if dialect != Dialect::Mysql
        || !is_kw(p, 0, Keyword::CREATE)
        || !kind
        || !is_kw(p, 2, Keyword::INDEX)
    {
        return Ok(None);
    }
    p.next_token();
    let kind = p.next_token().token.to_string();
    p.next_token();
    let mut ci = p.parse_create_index(false)?;
    ci.using = Some(sqlparser::ast::IndexType::Custom(Ident::new(kind)));
    Ok(Some(ci))
}

/// MySQL ALTER TABLE table options sqlparser 0.63 lacks as actions.
fn starts_table_option(p: &Parser) -> bool {
    let set = |n| {
        is_kw(p, n, Keyword::CHARSET)
            || (is_kw(p, n, Keyword::CHARACTER) && is_kw(p, n + 1, Keyword::SET))
    };
    let option = |n| set(n) || is_kw(p, n, Keyword::COLLATE);
    is_kw(p, 0, Keyword::ENGINE)
        || is_kw(p, 0, Keyword::ROW_FORMAT)
        || option(0)
        || (is_kw(p, 0, Keyword::DEFAULT) && option(1))
}

/// The Postgres ALTER COLUMN forms sqlparser lacks; `None` (nothing consumed) for the rest.
fn parse_pg_alter_column(p: &mut Parser) -> Result<Option<AlterOp>, ParserError> {
    let col = if is_kw(p, 1, Keyword::COLUMN) { 2 } else { 1 };
    let drops_identity = is_kw(p, col + 1, Keyword::DROP) && is_kw(p, col + 2, Keyword::IDENTITY);
    let sets_type = is_kw(p, col + 1, Keyword::TYPE)
        || (is_kw(p, col + 1, Keyword::SET)
            && is_kw(p, col + 2, Keyword::DATA)
            && is_kw(p, col + 3, Keyword::TYPE));
    if !drops_identity && !sets_type {
        return Ok(None);
    }
    for _ in 0..col {
        p.next_token();
    }
    let column = p.parse_identifier()?;
    if drops_identity {
        p.expect_keywords(&[Keyword::DROP, Keyword::IDENTITY])?;
        let if_exists = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
        return Ok(Some(AlterOp::DropIdentity { column, if_exists }));
    }
    let _ = p.parse_keywords(&[Keyword::SET, Keyword::DATA]);
    p.expect_keyword(Keyword::TYPE)?;
    let data_type = p.parse_data_type()?;
    let collation = if p.parse_keyword(Keyword::COLLATE) {
        Some(p.parse_object_name(false)?)
    } else {
        None
    };
    if p.parse_keyword(Keyword::USING) {
        p.parse_expr()?;
    }
    Ok(Some(AlterOp::SetType {
        column,
        data_type,
        collation,
    }))
}
