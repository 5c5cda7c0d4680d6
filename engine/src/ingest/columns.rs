//! Column definitions: type, nullability, default, identity, generated expression, collation,
//! comment, and the constraints written inline (returned to be added like table-level ones).

use super::constraints::{self, Constraint};
use super::ctx::Ctx;
use crate::canon::expr::{is_null, typed_default};
use crate::canon::{canonical_type, normalize_expr};
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::model::{Column, Generated, Identity, QualifiedName};
use sqlparser::ast::{
    ColumnDef, ColumnOption, DataType, GeneratedAs, GeneratedExpressionMode, Ident, ObjectName,
};
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

/// A column and the constraints declared on it.
pub struct ColumnSpec {
    pub column: Column,
    pub constraints: Vec<Constraint>,
    /// MySQL `CHARACTER SET`, resolved to a collation with the table (`table_options`).
    pub charset: Option<String>,
}

/// Postgres `serial` types: an integer type with an owned sequence.
fn serial_base(dialect: Dialect, dt: &DataType) -> Option<&'static str> {
    let DataType::Custom(name, args) = dt else {
        return None;
    };
    if dialect != Dialect::Postgres || !args.is_empty() || name.0.len() != 1 {
        return None;
    }
    match name.0[0].to_string().to_lowercase().as_str() {
        "serial" | "serial4" => Some("integer"),
        "bigserial" | "serial8" => Some("bigint"),
        "smallserial" | "serial2" => Some("smallint"),
        _ => None,
    }
}

pub fn type_text(dialect: Dialect, dt: &DataType) -> String {
    if let Some(bare) = without_public(dialect, dt) {
        return type_text(dialect, &bare);
    }
    if let Some(t) = crate::canon::user_types::quoted_user_type(dialect, dt) {
        return t;
    }
    canonical_type(dialect, &dt.to_string())
}

/// A PostgreSQL user type written `public.t` (as pg_dump writes it), as `t`: the model
/// leaves the default namespace out.
fn without_public(dialect: Dialect, dt: &DataType) -> Option<DataType> {
    use sqlparser::ast::{ArrayElemTypeDef, ObjectName};
    if dialect != Dialect::Postgres {
        return None;
    }
    match dt {
        DataType::Array(ArrayElemTypeDef::SquareBracket(inner, size)) => {
            let inner = without_public(dialect, inner)?;
            Some(DataType::Array(ArrayElemTypeDef::SquareBracket(
                Box::new(inner),
                *size,
            )))
        }
        DataType::Custom(name, modifiers) if name.0.len() == 2 => {
            let ns = name.0[0].as_ident()?;
            (crate::canon::ident::ident(dialect, ns) == "public")
                .then(|| DataType::Custom(ObjectName(vec![name.0[1].clone()]), modifiers.clone()))
        }
        _ => None,
    }
}

/// A collation as the catalogs name it: the written parts, unquoted, joined with dots.
pub fn collation_name(c: &ObjectName) -> String {
    c.0.iter()
        .map(|p| {
            p.as_ident()
                .map_or_else(|| p.to_string(), |i| i.value.clone())
        })
        .collect::<Vec<_>>()
        .join(".")
}

pub fn column(
    ctx: &mut Ctx,
    table: &QualifiedName,
    def: &ColumnDef,
) -> Result<ColumnSpec, Diagnostic> {
    column_parts(
        ctx,
        table,
        &def.name,
        &def.data_type,
        def.options.iter().map(|o| (o.name.as_ref(), &o.option)),
    )
}

/// MySQL MODIFY/CHANGE carry options without constraint names.
pub fn column_from_options(
    ctx: &mut Ctx,
    table: &QualifiedName,
    name: &Ident,
    dt: &DataType,
    options: &[ColumnOption],
) -> Result<ColumnSpec, Diagnostic> {
    column_parts(ctx, table, name, dt, options.iter().map(|o| (None, o)))
}

fn column_parts<'o>(
    ctx: &mut Ctx,
    table: &QualifiedName,
    name: &Ident,
    dt: &DataType,
    options: impl Iterator<Item = (Option<&'o Ident>, &'o ColumnOption)>,
) -> Result<ColumnSpec, Diagnostic> {
    let name = ctx.ident(name);
    let label = format!("{table}.{name}");
    let mut col = Column::new(name.clone(), type_text(ctx.dialect, dt));
    if let Some(base) = serial_base(ctx.dialect, dt) {
        col.data_type = base.into();
        col.identity = Some(Identity::Serial);
        col.nullable = false;
    }
    let mut constraints = Vec::new();
    let mut charset = None;
    for (cname, opt) in options {
        match opt {
            ColumnOption::Null => col.nullable = true,
            ColumnOption::NotNull => col.nullable = false,
            ColumnOption::Default(e) => {
                col.default = (!is_null(e)).then(|| typed_default(ctx.dialect, &col.data_type, e));
            }
            ColumnOption::Collation(c) => col.collation = Some(collation_name(c)),
            // An empty comment is no comment, as the servers report it.
            ColumnOption::Comment(c) => col.comment = Some(c.clone()).filter(|c| !c.is_empty()),
            ColumnOption::Generated {
                generated_as,
                generation_expr,
                generation_expr_mode,
                sequence_options,
                ..
            } => match generation_expr {
                Some(e) => {
                    // Postgres only has STORED; MySQL and SQLite default to VIRTUAL.
                    let stored = ctx.dialect == Dialect::Postgres
                        || matches!(generation_expr_mode, Some(GeneratedExpressionMode::Stored));
                    col.generated = Some(Generated {
                        expr: normalize_expr(ctx.dialect, e),
                        stored,
                    });
                }
                None => {
                    col.identity = Some(match generated_as {
                        GeneratedAs::ByDefault => Identity::ByDefault,
                        _ => Identity::Always,
                    });
                    col.nullable = false;
                    col.sequence =
                        identity_sequence(ctx, &label, &col.data_type, sequence_options)?
                            .map(Box::new);
                }
            },
            ColumnOption::DialectSpecific(tokens) if is_auto_increment(tokens) => {
                col.identity = Some(Identity::AutoIncrement);
                if ctx.dialect == Dialect::Mysql {
                    col.nullable = false;
                }
            }
            ColumnOption::PrimaryKey(pk) => constraints.push(Constraint::PrimaryKey {
                name: pk.name.as_ref().or(cname).map(|i| ctx.ident(i)),
                columns: vec![name.clone()],
            }),
            ColumnOption::Unique(u) => {
                let cname = u.name.as_ref().or(cname).map(|i| ctx.ident(i));
                constraints.push(if ctx.dialect == Dialect::Mysql {
                    Constraint::Index {
                        name: cname,
                        index: crate::model::Index {
                            name: String::new(),
                            unique: true,
                            parts: vec![crate::model::IndexPart::column(name.clone())],
                            predicate: None,
                            method: None,
                            fk_generated: Default::default(),
                            include: Vec::new(),
                            nulls_not_distinct: false,
                            storage: Vec::new(),
                            comment: None,
                        },
                    }
                } else {
                    Constraint::Unique {
                        name: cname,
                        columns: vec![name.clone()],
                        nulls_not_distinct: u.nulls_distinct
                            == sqlparser::ast::NullsDistinctOption::NotDistinct,
                        include: Vec::new(),
                        method: None,
                    }
                });
            }
            ColumnOption::ForeignKey(fk) => {
                if ctx.dialect == Dialect::Mysql {
                    // MySQL and MariaDB parse a column-level REFERENCES and then ignore it.
                    ctx.unsupported_clause("column-level REFERENCES (MySQL ignores it; use FOREIGN KEY (...) REFERENCES)", &label);
                } else {
                    let mut c = constraints::foreign_key(ctx, fk, Some(&name), table);
                    if let (Constraint::ForeignKey { name: n, .. }, Some(given)) = (&mut c, cname) {
                        n.get_or_insert_with(|| ctx.ident(given));
                    }
                    constraints.push(c);
                }
            }
            ColumnOption::Check(c) => {
                constraints.push(constraints::check(ctx, c, cname, Some(&name)))
            }
            ColumnOption::CharacterSet(cs) if ctx.dialect == Dialect::Mysql => {
                charset = Some(collation_name(cs))
            }
            ColumnOption::CharacterSet(cs) => {
                ctx.unsupported_clause(&format!("CHARACTER SET {cs}"), &label)
            }
            ColumnOption::OnUpdate(e) if ctx.dialect == Dialect::Mysql && is_now(e) => {
                col.on_update = Some(normalize_expr(ctx.dialect, e));
            }
            other => ctx.unsupported_clause(&other.to_string(), &label),
        }
    }
    Ok(ColumnSpec {
        column: col,
        constraints,
        charset,
    })
}

/// MySQL only takes `CURRENT_TIMESTAMP[(n)]` (or a synonym) after ON UPDATE.
fn is_now(e: &sqlparser::ast::Expr) -> bool {
    let sqlparser::ast::Expr::Function(f) = e else {
        return false;
    };
    let name = f.name.to_string().to_ascii_lowercase();
    matches!(
        name.as_str(),
        "current_timestamp" | "now" | "localtime" | "localtimestamp"
    )
}

fn is_auto_increment(tokens: &[Token]) -> bool {
    tokens.iter().any(|t| matches!(t, Token::Word(w) if matches!(w.keyword, Keyword::AUTO_INCREMENT | Keyword::AUTOINCREMENT)))
}

/// The options of an identity's sequence (of the column's type), as the model keeps them; an
/// option this cannot read is reported, not dropped.
pub(super) fn identity_sequence(
    ctx: &mut Ctx,
    label: &str,
    data_type: &str,
    options: &Option<Vec<sqlparser::ast::SequenceOptions>>,
) -> Result<Option<crate::model::SequenceOptions>, Diagnostic> {
    use super::sequence_options::{created, from_ast};
    let opts = match from_ast(options.as_deref().unwrap_or_default()) {
        Ok(o) => o,
        Err(why) => {
            ctx.unsupported_clause(&format!("identity option {why}"), label);
            return Ok(None);
        }
    };
    let (_, e) = created(&opts, data_type);
    super::sequence::accepted(ctx, label, &e, data_type)?;
    Ok(e.options(data_type))
}
