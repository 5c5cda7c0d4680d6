//! PostgreSQL sequences, as pg_dump writes a serial column: `CREATE SEQUENCE s ...;`,
//! `ALTER SEQUENCE s OWNED BY t.c;`, `ALTER TABLE t ALTER COLUMN c SET DEFAULT
//! nextval('s'::regclass);`. The model holds no standalone sequences (introspection reads none);
//! a column whose default takes the next value of a sequence it owns is serial, as introspection
//! reads it. Which column owns which sequence is kept for the rest of the input.

use super::ctx::Ctx;
use super::dump::skip_to_end;
use super::parse::{is_kw, Parsed};
use super::sequence_options::{altered, created, from_words, Opt};
use super::StatementKind;
use crate::canon::ident::object_name;
use crate::diag::Location;
use crate::diag::{Code, Diagnostic, Severity};
use crate::dialect::Dialect;
use crate::model::{EffectiveSequence, Identity, QualifiedName};
use sqlparser::ast::ObjectName;
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Token;
use std::collections::BTreeMap;

#[derive(Debug)]
pub enum SeqStatement {
    /// The name and the options, a word or symbol each, as written.
    Create(ObjectName, Vec<String>),
    /// `OWNED BY table.column`, or `OWNED BY NONE` (`None`).
    OwnedBy(ObjectName, Option<ObjectName>),
    /// Any other ALTER SEQUENCE (increment, restart, ...), with its options as words.
    Alter(ObjectName, Vec<String>),
}

/// Sequence → the (table, column) that owns it; and where each sequence was created, so one
/// that no column comes to own is reported as what it is, a standalone sequence.
#[derive(Debug, Default)]
pub struct Owners {
    owned: BTreeMap<QualifiedName, (QualifiedName, String)>,
    created: BTreeMap<QualifiedName, Location>,
    /// The type and values of each sequence this input set options on.
    values: BTreeMap<QualifiedName, (String, EffectiveSequence)>,
}

impl Owners {
    /// `unsupported-statement` for every sequence created here that no column owns.
    pub fn standalone(&self) -> Vec<Diagnostic> {
        self.created
            .iter()
            .filter(|(seq, _)| !self.owned.contains_key(*seq))
            .map(|(seq, loc)| {
                Diagnostic::warning(
                    Code::UnsupportedStatement,
                    format!("unsupported: standalone sequence `{seq}` at {loc} (no column owns it)"),
                )
                .with_hint("sequences are modelled only as the serial column that owns them (ALTER SEQUENCE ... OWNED BY)")
                .at(Some(*loc))
            })
            .collect()
    }
}

/// `None`, with nothing consumed, unless the statement is CREATE or ALTER SEQUENCE.
pub fn parse(p: &mut Parser, dialect: Dialect) -> Result<Option<Parsed>, ParserError> {
    if dialect != Dialect::Postgres {
        return Ok(None);
    }
    let create = is_kw(p, 0, Keyword::CREATE);
    let mut n = 1;
    while create
        && (is_kw(p, n, Keyword::TEMP)
            || is_kw(p, n, Keyword::TEMPORARY)
            || is_kw(p, n, Keyword::UNLOGGED))
    {
        n += 1;
    }
    if !(create || is_kw(p, 0, Keyword::ALTER)) || !is_kw(p, n, Keyword::SEQUENCE) {
        return Ok(None);
    }
    for _ in 0..=n {
        p.next_token();
    }
    if create {
        let _ = p.parse_keywords(&[Keyword::IF, Keyword::NOT, Keyword::EXISTS]);
    } else {
        let _ = p.parse_keywords(&[Keyword::IF, Keyword::EXISTS]);
    }
    let name = p.parse_object_name(false)?;
    let words = |p: &mut Parser| {
        let mut options = Vec::new();
        while !matches!(p.peek_token_ref().token, Token::SemiColon | Token::EOF) {
            options.push(p.next_token().to_string());
        }
        options
    };
    let s = if create {
        SeqStatement::Create(name, words(p))
    } else if p.parse_keywords(&[Keyword::OWNED, Keyword::BY]) {
        let owner = if p.parse_keyword(Keyword::NONE) {
            None
        } else {
            Some(p.parse_object_name(false)?)
        };
        SeqStatement::OwnedBy(name, owner)
    } else {
        SeqStatement::Alter(name, words(p))
    };
    skip_to_end(p);
    Ok(Some(Parsed::Sequence(Box::new(s))))
}

pub fn apply(ctx: &mut Ctx, s: &SeqStatement) -> Result<StatementKind, Diagnostic> {
    let (name, what) = match s {
        SeqStatement::Create(n, options) => {
            let seq = ctx.name(n);
            ctx.owners.created.insert(seq.clone(), ctx.loc);
            match from_words(options) {
                Ok(opts) => {
                    let owner = opts.iter().find_map(|o| match o {
                        Opt::OwnedBy(Some(name)) => Some(name.clone()),
                        _ => None,
                    });
                    let (ty, e) = created(&opts, "bigint");
                    accepted(ctx, &seq.to_string(), &e, &ty)?;
                    ctx.owners.values.insert(seq.clone(), (ty, e));
                    if let Some(owner) = owner {
                        owned_by(ctx, seq.clone(), Some(&dotted(&owner)?))?;
                    }
                }
                Err(word) => {
                    ctx.unsupported_clause(&format!("sequence option `{word}`"), &seq.to_string())
                }
            }
            (n, "CREATE SEQUENCE")
        }
        SeqStatement::Alter(n, options) => {
            let seq = ctx.name(n);
            alter(ctx, &seq, options)?;
            return Ok(StatementKind::Ddl);
        }
        SeqStatement::OwnedBy(seq, owner) => {
            let seq = ctx.name(seq);
            owned_by(ctx, seq, owner.as_ref())?;
            return Ok(StatementKind::Ddl);
        }
    };
    let seq = ctx.name(name);
    ctx.diags.push(
        Diagnostic::new(
            Code::SequenceStatement,
            Severity::Info,
            format!("{what} `{seq}` at {}: sequences are not modelled", ctx.loc),
        )
        .with_hint("a column whose default is nextval() of a sequence it owns reads as serial")
        .at(Some(ctx.loc)),
    );
    Ok(StatementKind::Ddl)
}

/// `ALTER SEQUENCE s ...`: new options for a serial column's sequence, or for one this
/// input created; a RESTART sets the value, which is data. Others are not modelled.
fn alter(ctx: &mut Ctx, seq: &QualifiedName, words: &[String]) -> Result<(), Diagnostic> {
    let opts = match from_words(words) {
        Ok(o) if !o.iter().any(|o| matches!(o, Opt::OwnedBy(_))) => o,
        _ => {
            ctx.unsupported_statement(&format!("ALTER SEQUENCE `{seq}` {}", words.join(" ")));
            return Ok(());
        }
    };
    let owner = ctx
        .owners
        .owned
        .get(seq)
        .cloned()
        .or_else(|| implied_owner(ctx, seq));
    let column = owner.and_then(|(table, column)| {
        let c = ctx.schema.tables.get(&table)?.column(&column)?;
        (c.identity == Some(Identity::Serial)).then(|| (table, c.clone()))
    });
    let known = ctx.owners.values.get(seq).cloned();
    let (mut ty, mut e) = match (&known, &column) {
        (Some(v), _) => v.clone(),
        (None, Some((_, c))) => (c.data_type.clone(), c.sequence_values(&c.data_type)),
        (None, None) => {
            ctx.unsupported_statement(&format!(
                "ALTER SEQUENCE `{seq}` (a sequence no column of this schema owns)"
            ));
            return Ok(());
        }
    };
    altered(&mut ty, &mut e, &opts);
    accepted(ctx, &seq.to_string(), &e, &ty)?;
    ctx.owners.values.insert(seq.clone(), (ty, e));
    if let Some((table, c)) = column {
        if let Some(col) = ctx
            .schema
            .tables
            .get_mut(&table)
            .and_then(|t| t.columns.iter_mut().find(|x| x.name == c.name))
        {
            col.sequence = e.options(&c.data_type).map(Box::new);
        }
    }
    Ok(())
}

/// An error, in the server's words, for sequence values PostgreSQL refuses.
pub(super) fn accepted(
    ctx: &Ctx,
    object: &str,
    e: &EffectiveSequence,
    ty: &str,
) -> Result<(), Diagnostic> {
    match e.refusal(ty) {
        None => Ok(()),
        Some(why) => Err(ctx.error(
            Code::InvalidSequenceOptions,
            object,
            format!("sequence options of `{object}` at {}: {why}", ctx.loc),
            "PostgreSQL refuses these options; an ALTER that moves a bound past the start needs START WITH (and RESTART) too",
        )),
    }
}

/// `a.b.c` as the object name sqlparser would have read.
fn dotted(name: &str) -> Result<ObjectName, Diagnostic> {
    sqlparser::parser::Parser::new(&sqlparser::dialect::PostgreSqlDialect {})
        .try_with_sql(name)
        .and_then(|mut p| p.parse_object_name(false))
        .map_err(|e| {
            Diagnostic::error(Code::SyntaxError, format!("OWNED BY {name}: {e}"))
                .with_object(name.to_string())
        })
}

fn owned_by(
    ctx: &mut Ctx,
    seq: QualifiedName,
    owner: Option<&ObjectName>,
) -> Result<(), Diagnostic> {
    let previous = ctx
        .owners
        .owned
        .remove(&seq)
        .or_else(|| implied_owner(ctx, &seq));
    // A column that no longer owns its sequence shows its nextval() default again.
    if let Some((table, column)) = previous {
        if let Some(c) = ctx
            .schema
            .tables
            .get_mut(&table)
            .and_then(|t| t.columns.iter_mut().find(|c| c.name == column))
        {
            if c.identity == Some(Identity::Serial) {
                c.identity = None;
                c.sequence = None;
                c.default = Some(nextval(&seq));
            }
        }
    }
    let Some(owner) = owner else {
        return Ok(());
    };
    let mut parts = owner.clone();
    let Some(column) = parts.0.pop() else {
        return Ok(());
    };
    let Some(column) = column.as_ident().map(|c| ctx.ident(c)) else {
        return Ok(());
    };
    let written = object_name(ctx.dialect, &parts);
    let table = ctx.require_table(&written)?;
    let t = ctx.schema.tables.get(&table).expect("looked up");
    let column = ctx.require_column(t, &column)?;
    ctx.owners
        .owned
        .insert(seq, (table.clone(), column.clone()));
    settle(ctx, &table, &column);
    Ok(())
}

/// The serial column whose sequence has the name the server gives one (`table_column_seq`),
/// for a sequence this input did not see made: an earlier migration's serial column.
fn implied_owner(ctx: &Ctx, seq: &QualifiedName) -> Option<(QualifiedName, String)> {
    ctx.schema.tables.values().find_map(|t| {
        let c = t.columns.iter().find(|c| {
            c.identity == Some(Identity::Serial)
                && t.name.schema == seq.schema
                && crate::canon::names::make_object_name(&t.name.name, &c.name, "seq", 63)
                    == seq.name
        })?;
        Some((t.name.clone(), c.name.clone()))
    })
}

/// `DROP SEQUENCE s`: a serial column's default needs its sequence, so the drop is refused
/// unless CASCADE, which leaves the column without a default (as the server does).
pub fn drop(ctx: &mut Ctx, name: &ObjectName, cascade: bool) -> Result<(), Diagnostic> {
    let seq = ctx.name(name);
    ctx.owners.created.remove(&seq);
    let owner = ctx.owners.owned.get(&seq).cloned();
    if let Some((table, column)) = owner.or_else(|| implied_owner(ctx, &seq)) {
        let serial = ctx
            .schema
            .tables
            .get(&table)
            .and_then(|t| t.columns.iter().find(|c| c.name == column))
            .is_some_and(|c| c.identity == Some(Identity::Serial));
        if serial && !cascade {
            return Err(ctx.error(
                Code::DependentObjects,
                seq.to_string(),
                format!("cannot drop sequence `{seq}`: the default of `{table}.{column}` uses it"),
                "drop the column's default first, or add CASCADE",
            ));
        }
        if let Some(c) = ctx
            .schema
            .tables
            .get_mut(&table)
            .and_then(|t| t.columns.iter_mut().find(|c| c.name == column))
        {
            if c.identity == Some(Identity::Serial) {
                c.identity = None;
                c.sequence = None;
                c.default = None;
            }
        }
        ctx.owners.owned.remove(&seq);
    }
    ctx.diags.push(
        Diagnostic::new(
            Code::SequenceStatement,
            Severity::Info,
            format!(
                "DROP SEQUENCE `{seq}` at {}: sequences are not modelled",
                ctx.loc
            ),
        )
        .with_hint("a column whose default is nextval() of a sequence it owns reads as serial")
        .at(Some(ctx.loc)),
    );
    Ok(())
}

/// `nextval('seq'::regclass)` in canonical form (the cast to regclass dropped).
fn nextval(seq: &QualifiedName) -> String {
    format!("nextval('{seq}')")
}

/// The sequence a `nextval('s'::regclass)` default reads, if it is one.
fn default_sequence(ctx: &Ctx, default: &str) -> Option<QualifiedName> {
    let inner = default.strip_prefix("nextval('")?;
    let (name, rest) = inner.split_once('\'')?;
    if !(rest == "::regclass)" || rest == ")") {
        return None;
    }
    let parsed = sqlparser::parser::Parser::new(&sqlparser::dialect::PostgreSqlDialect {})
        .try_with_sql(name)
        .ok()?
        .parse_object_name(false)
        .ok()?;
    Some(ctx.name(&parsed))
}

/// Makes `table.column` serial when its default takes the next value of a sequence it owns.
pub fn settle(ctx: &mut Ctx, table: &QualifiedName, column: &str) {
    let Some(mut t) = ctx.schema.tables.remove(table) else {
        return;
    };
    settle_in(ctx, &mut t, column);
    ctx.schema.tables.insert(table.clone(), t);
}

/// Like `settle`, on a table the caller holds (taken out of the schema).
pub fn settle_in(ctx: &Ctx, t: &mut crate::model::Table, column: &str) {
    let Some(c) = t.columns.iter_mut().find(|c| c.name == column) else {
        return;
    };
    let Some(seq) = c.default.as_deref().and_then(|d| default_sequence(ctx, d)) else {
        return;
    };
    // Ownership seen in this input, or, for SQL applied a statement at a time (recovery), the
    // name the server gives a serial column's sequence.
    let owner = (t.name.clone(), column.to_string());
    let implied = seq.schema == t.name.schema
        && crate::canon::names::make_object_name(&t.name.name, column, "seq", 63) == seq.name;
    let owned = match ctx.owners.owned.get(&seq) {
        Some(o) => *o == owner,
        None => implied,
    };
    if owned {
        c.identity = Some(Identity::Serial);
        c.default = None;
        if let Some((_, e)) = ctx.owners.values.get(&seq) {
            c.sequence = e.options(&c.data_type).map(Box::new);
        }
    }
}
