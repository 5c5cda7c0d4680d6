//! PostgreSQL statements sqlparser 0.63 cannot read, or reads only in part: CREATE DOMAIN
//! (it stops at `NOT NULL`), ALTER DOMAIN (not at all), CREATE EXTENSION (only with `WITH`
//! before `SCHEMA`) and COMMENT ON CONSTRAINT. They are read here with the parser's own
//! pieces (types, expressions, column options) and handed to `domain`, `extension` and
//! `comment_on`.

use super::ctx::Ctx;
use super::parse::{is_kw, Parsed};
use super::StatementKind;
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use sqlparser::ast::{ColumnOption, DataType, Expr, Ident, ObjectName};
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Token;

#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // short-lived, one per statement
pub enum PgStatement {
    CreateDomain(CreateDomain),
    AlterDomain {
        name: ObjectName,
        op: AlterDomain,
    },
    CreateExtension(CreateExtension),
    /// `COMMENT ON CONSTRAINT name ON [DOMAIN] object IS ...`.
    CommentOnConstraint {
        name: Ident,
        object: ObjectName,
        on_domain: bool,
        comment: Option<String>,
    },
    /// `ALTER INDEX name ATTACH PARTITION partition_index`.
    AttachIndex {
        index: ObjectName,
    },
    /// `ALTER INDEX [IF EXISTS] name SET (...) | RESET (...)`.
    AlterIndexStorage {
        name: ObjectName,
        if_exists: bool,
        change: super::storage::StorageChange,
    },
}

#[derive(Debug)]
pub struct CreateDomain {
    pub name: ObjectName,
    pub data_type: DataType,
    /// The clauses after the type, in order, with the name a `CONSTRAINT name` gave them.
    pub clauses: Vec<(Option<Ident>, ColumnOption)>,
}

#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // short-lived, one per statement
pub enum AlterDomain {
    SetDefault(Expr),
    DropDefault,
    SetNotNull,
    DropNotNull,
    /// `ADD [CONSTRAINT name] <clause> [NOT VALID]`; only CHECK is modelled.
    Add {
        name: Option<Ident>,
        clause: ColumnOption,
    },
    DropConstraint {
        name: Ident,
        if_exists: bool,
    },
    RenameConstraint {
        from: Ident,
        to: Ident,
    },
    /// VALIDATE CONSTRAINT: the model does not track NOT VALID.
    Validate(Ident),
    RenameTo(Ident),
    /// What the model does not follow (OWNER TO, SET SCHEMA), by its words.
    Other(String),
}

#[derive(Debug)]
pub struct CreateExtension {
    pub name: Ident,
    pub if_not_exists: bool,
    pub schema: Option<Ident>,
}

/// `None`, with nothing consumed, unless the statement is one read here.
pub fn parse(p: &mut Parser, dialect: Dialect) -> Result<Option<Parsed>, ParserError> {
    if dialect != Dialect::Postgres {
        return Ok(None);
    }
    let stmt = if is_kw(p, 0, Keyword::CREATE) && is_kw(p, 1, Keyword::DOMAIN) {
        skip(p, 2);
        PgStatement::CreateDomain(create_domain(p)?)
    } else if is_kw(p, 0, Keyword::ALTER) && is_kw(p, 1, Keyword::DOMAIN) {
        skip(p, 2);
        let name = p.parse_object_name(false)?;
        PgStatement::AlterDomain {
            name,
            op: alter_domain(p)?,
        }
    } else if is_kw(p, 0, Keyword::CREATE) && is_kw(p, 1, Keyword::EXTENSION) {
        skip(p, 2);
        PgStatement::CreateExtension(create_extension(p)?)
    } else if is_kw(p, 0, Keyword::COMMENT)
        && is_kw(p, 1, Keyword::ON)
        && is_kw(p, 2, Keyword::CONSTRAINT)
    {
        skip(p, 3);
        let name = p.parse_identifier()?;
        p.expect_keyword(Keyword::ON)?;
        let on_domain = p.parse_keyword(Keyword::DOMAIN);
        let object = p.parse_object_name(false)?;
        p.expect_keyword(Keyword::IS)?;
        let comment = if p.parse_keyword(Keyword::NULL) {
            None
        } else {
            Some(p.parse_literal_string()?)
        };
        PgStatement::CommentOnConstraint {
            name,
            object,
            on_domain,
            comment,
        }
    } else if let Some(stmt) = alter_index_storage(p)? {
        stmt
    } else {
        return Ok(None);
    };
    Ok(Some(Parsed::Pg(Box::new(stmt))))
}

/// ALTER INDEX with SET or RESET of storage parameters; `None`, with nothing consumed, for
/// any other ALTER INDEX (sqlparser reads RENAME).
fn alter_index_storage(p: &mut Parser) -> Result<Option<PgStatement>, ParserError> {
    if !(is_kw(p, 0, Keyword::ALTER) && is_kw(p, 1, Keyword::INDEX)) {
        return Ok(None);
    }
    // Looked at ahead, so that any other ALTER INDEX is left to sqlparser untouched.
    let mut n = 2;
    if is_kw(p, n, Keyword::IF) && is_kw(p, n + 1, Keyword::EXISTS) {
        n += 2;
    }
    while p.peek_nth_token_ref(n + 1).token == Token::Period {
        n += 2;
    }
    let word = |k: usize| match &p.peek_nth_token_ref(k).token {
        Token::Word(w) if w.quote_style.is_none() => w.value.to_ascii_uppercase(),
        _ => String::new(),
    };
    let verb = word(n + 1);
    if verb == "ATTACH" && word(n + 2) == "PARTITION" {
        skip(p, 2);
        let _ = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
        let index = p.parse_object_name(false)?;
        skip(p, 2);
        p.parse_object_name(false)?;
        return Ok(Some(PgStatement::AttachIndex { index }));
    }
    if !matches!(verb.as_str(), "SET" | "RESET")
        || p.peek_nth_token_ref(n + 2).token != Token::LParen
    {
        return Ok(None);
    }
    skip(p, 2);
    let if_exists = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
    let name = p.parse_object_name(false)?;
    p.next_token();
    let change = super::storage::read_list(p, verb == "RESET")?;
    Ok(Some(PgStatement::AlterIndexStorage {
        name,
        if_exists,
        change,
    }))
}

fn skip(p: &mut Parser, n: usize) {
    for _ in 0..n {
        p.next_token();
    }
}

/// `name [AS] type [COLLATE c] [DEFAULT e] [[CONSTRAINT n] {NOT NULL | NULL | CHECK (e)}]...`,
/// the clauses in any order: they read like a column definition's options.
fn create_domain(p: &mut Parser) -> Result<CreateDomain, ParserError> {
    let name = p.parse_object_name(false)?;
    let _ = p.parse_keyword(Keyword::AS);
    let data_type = p.parse_data_type()?;
    let mut clauses = Vec::new();
    loop {
        let constraint = if p.parse_keyword(Keyword::CONSTRAINT) {
            Some(p.parse_identifier()?)
        } else {
            None
        };
        match p.parse_optional_column_option()? {
            Some(option) => clauses.push((constraint, option)),
            None if constraint.is_some() => {
                return p.expected_ref(
                    "NOT NULL, NULL or CHECK after CONSTRAINT <name>",
                    p.peek_token_ref(),
                )
            }
            None => break,
        }
    }
    Ok(CreateDomain {
        name,
        data_type,
        clauses,
    })
}

fn alter_domain(p: &mut Parser) -> Result<AlterDomain, ParserError> {
    if p.parse_keywords(&[Keyword::SET, Keyword::DEFAULT]) {
        return Ok(AlterDomain::SetDefault(p.parse_expr()?));
    }
    if p.parse_keywords(&[Keyword::DROP, Keyword::DEFAULT]) {
        return Ok(AlterDomain::DropDefault);
    }
    if p.parse_keywords(&[Keyword::SET, Keyword::NOT, Keyword::NULL]) {
        return Ok(AlterDomain::SetNotNull);
    }
    if p.parse_keywords(&[Keyword::DROP, Keyword::NOT, Keyword::NULL]) {
        return Ok(AlterDomain::DropNotNull);
    }
    if p.parse_keyword(Keyword::ADD) {
        let name = if p.parse_keyword(Keyword::CONSTRAINT) {
            Some(p.parse_identifier()?)
        } else {
            None
        };
        let Some(clause) = p.parse_optional_column_option()? else {
            return p.expected_ref("CHECK (...) or NOT NULL", p.peek_token_ref());
        };
        // NOT VALID only skips checking existing values.
        let _ = p.parse_keywords(&[Keyword::NOT, Keyword::VALID]);
        return Ok(AlterDomain::Add { name, clause });
    }
    if p.parse_keywords(&[Keyword::DROP, Keyword::CONSTRAINT]) {
        let if_exists = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
        let name = p.parse_identifier()?;
        // CASCADE and RESTRICT matter for what depends on a constraint; nothing in the
        // model can depend on a domain's check.
        let _ = p.parse_one_of_keywords(&[Keyword::CASCADE, Keyword::RESTRICT]);
        return Ok(AlterDomain::DropConstraint { name, if_exists });
    }
    if p.parse_keywords(&[Keyword::RENAME, Keyword::CONSTRAINT]) {
        let from = p.parse_identifier()?;
        p.expect_keyword(Keyword::TO)?;
        let to = p.parse_identifier()?;
        return Ok(AlterDomain::RenameConstraint { from, to });
    }
    if p.parse_keywords(&[Keyword::VALIDATE, Keyword::CONSTRAINT]) {
        return Ok(AlterDomain::Validate(p.parse_identifier()?));
    }
    if p.parse_keywords(&[Keyword::RENAME, Keyword::TO]) {
        return Ok(AlterDomain::RenameTo(p.parse_identifier()?));
    }
    let mut words = Vec::new();
    while !matches!(p.peek_token_ref().token, Token::SemiColon | Token::EOF) {
        let t = p.next_token();
        if words.len() < 2 {
            words.push(t.to_string().to_uppercase());
        }
    }
    if words.is_empty() {
        return p.expected_ref("an ALTER DOMAIN action", p.peek_token_ref());
    }
    Ok(AlterDomain::Other(words.join(" ")))
}

/// `[IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]`.
fn create_extension(p: &mut Parser) -> Result<CreateExtension, ParserError> {
    let if_not_exists = p.parse_keywords(&[Keyword::IF, Keyword::NOT, Keyword::EXISTS]);
    let name = p.parse_identifier()?;
    let _ = p.parse_keyword(Keyword::WITH);
    let mut schema = None;
    loop {
        if p.parse_keyword(Keyword::SCHEMA) {
            schema = Some(p.parse_identifier()?);
        } else if p.parse_keyword(Keyword::VERSION) {
            p.next_token();
        } else if !p.parse_keyword(Keyword::CASCADE) {
            break;
        }
    }
    Ok(CreateExtension {
        name,
        if_not_exists,
        schema,
    })
}

pub fn apply(ctx: &mut Ctx, stmt: &PgStatement) -> Result<StatementKind, Diagnostic> {
    match stmt {
        PgStatement::CreateDomain(d) => super::domain::create(ctx, d),
        PgStatement::AlterDomain { name, op } => super::domain::alter(ctx, name, op),
        PgStatement::CreateExtension(e) => super::extension::create(ctx, e),
        PgStatement::CommentOnConstraint {
            name,
            object,
            on_domain,
            comment,
        } => super::comment_on::constraint(ctx, name, object, *on_domain, comment.as_deref()),
        PgStatement::AlterIndexStorage {
            name,
            if_exists,
            change,
        } => {
            super::index::alter_storage(ctx, name, *if_exists, change)?;
            Ok(StatementKind::Ddl)
        }
        PgStatement::AttachIndex { index } => {
            ctx.partition_member(&format!("ALTER INDEX {index} ATTACH PARTITION"));
            Ok(StatementKind::Ddl)
        }
    }
}
