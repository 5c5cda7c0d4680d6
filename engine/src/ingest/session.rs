//! Statements that set session or connection state and change no schema: SQLite `PRAGMA`,
//! `SET` in every dialect, and PostgreSQL's `ALTER TABLE ... OWNER TO` action (alter_table.rs). They are accepted with a `session-statement` note, so scripts
//! such as SQLite's table rebuild (`PRAGMA foreign_keys = OFF; ...; PRAGMA foreign_keys = ON`)
//! replay without noise.

use super::ctx::Ctx;
use super::parse::{is_kw, Parsed};
use crate::diag::{Code, Diagnostic, Severity};
use crate::dialect::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Token;

/// Reads a `PRAGMA` statement up to its `;`. sqlparser 0.63 refuses common forms
/// (`PRAGMA foreign_keys = OFF`), and nothing in a pragma matters to the schema model.
/// `None`, with nothing consumed, for any other statement.
pub fn parse(p: &mut Parser, dialect: Dialect) -> Result<Option<Parsed>, ParserError> {
    if dialect != Dialect::Sqlite || !is_kw(p, 0, Keyword::PRAGMA) {
        return Ok(None);
    }
    p.next_token();
    let name = p.parse_object_name(false)?;
    while !matches!(p.peek_token_ref().token, Token::SemiColon | Token::EOF) {
        p.next_token();
    }
    Ok(Some(Parsed::Session(format!("PRAGMA {name}"))))
}

/// The note for a session statement; `what` names it, e.g. `PRAGMA foreign_keys`.
pub fn note(ctx: &mut Ctx, what: &str) {
    ctx.diags.push(
        Diagnostic::new(
            Code::SessionStatement,
            Severity::Info,
            format!("session statement: {what}"),
        )
        .with_hint("it sets session state only; the schema is unchanged")
        .at(Some(ctx.loc)),
    );
}
