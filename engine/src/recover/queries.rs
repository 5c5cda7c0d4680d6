//! The queries that find the rows a statement failed on: duplicates under a new unique key,
//! NULLs under NOT NULL, rows a check rejects, children without a parent, values that do not
//! cast. The host runs them and shows the rows; the engine never sees the data.

use crate::diag::Code;
use crate::dialect::Dialect;
use crate::diff::{Change, ColumnAspect};
use crate::model::{Column, QualifiedName};
use crate::render::ddl::{qname, quote};
use serde::{Deserialize, Serialize};

/// Rows shown at most by a query that lists rows.
const ROWS: u32 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DataQuery {
    /// The `may-fail-*` code of the failure it explains.
    pub code: Code,
    /// `users.email`, `users.users_email_key`.
    pub object: String,
    /// What the rows it returns are.
    pub message: String,
    pub sql: String,
}

/// The queries for the data-dependent parts of `changes`.
pub(crate) fn data_queries(dialect: Dialect, changes: &[Change]) -> Vec<DataQuery> {
    let q = Q { dialect };
    let mut out = Vec::new();
    for c in changes {
        match c {
            Change::AddUnique { table, unique } => {
                out.push(q.duplicates(table, &unique.columns, unique.nulls_not_distinct));
            }
            Change::AddIndex { table, index } if index.unique => {
                if let Some(cols) = index
                    .parts
                    .iter()
                    .map(|p| (!p.expression).then(|| p.column.clone()))
                    .collect::<Option<Vec<_>>>()
                {
                    out.push(q.duplicates(table, &cols, false));
                }
            }
            Change::AddPrimaryKey { table, primary_key } => {
                out.push(q.duplicates(table, &primary_key.columns, true));
                out.extend(primary_key.columns.iter().map(|c| q.nulls(table, c)));
            }
            Change::AlterColumn {
                table,
                previous,
                next,
                aspects,
            } => {
                if aspects.contains(&ColumnAspect::Nullability) && !next.nullable {
                    out.push(q.nulls(table, &next.name));
                }
                if aspects.contains(&ColumnAspect::Type) {
                    out.push(q.casts(table, previous, next));
                }
            }
            Change::AddColumn { table, column, .. }
                if !column.nullable && column.default.is_none() && column.generated.is_none() =>
            {
                out.push(q.any_rows(table, column));
            }
            Change::AddCheck { table, check } => out.push(DataQuery {
                code: Code::MayFailCheck,
                object: format!("{table}.{}", check.name.as_deref().unwrap_or("check")),
                message: format!("rows of {table} that fail CHECK ({})", check.expr),
                sql: format!(
                    "SELECT * FROM {} WHERE NOT ({}) LIMIT {ROWS}",
                    qname(dialect, table),
                    check.expr
                ),
            }),
            Change::AddForeignKey { table, foreign_key } => {
                let fk = foreign_key;
                let child = |c: &String| format!("c.{}", quote(dialect, c));
                let present: Vec<String> = fk
                    .columns
                    .iter()
                    .map(|c| format!("{} IS NOT NULL", child(c)))
                    .collect();
                let joined: Vec<String> = fk
                    .columns
                    .iter()
                    .zip(&fk.ref_columns)
                    .map(|(c, r)| format!("p.{} = {}", quote(dialect, r), child(c)))
                    .collect();
                out.push(DataQuery {
                    code: Code::MayFailForeignKey,
                    object: format!("{table}.{}", fk.columns.join(",")),
                    message: format!(
                        "rows of {table} whose ({}) has no row in {}",
                        fk.columns.join(", "),
                        fk.ref_table
                    ),
                    sql: format!(
                        "SELECT c.* FROM {} c WHERE {} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {}) LIMIT {ROWS}",
                        qname(dialect, table),
                        present.join(" AND "),
                        qname(dialect, &fk.ref_table),
                        joined.join(" AND ")
                    ),
                });
            }
            _ => {}
        }
    }
    out
}

struct Q {
    dialect: Dialect,
}

impl Q {
    fn duplicates(&self, table: &QualifiedName, cols: &[String], nulls_equal: bool) -> DataQuery {
        let d = self.dialect;
        let list: Vec<String> = cols.iter().map(|c| quote(d, c)).collect();
        let list = list.join(", ");
        let filter = if nulls_equal {
            String::new()
        } else {
            let present: Vec<String> = cols
                .iter()
                .map(|c| format!("{} IS NOT NULL", quote(d, c)))
                .collect();
            format!(" WHERE {}", present.join(" AND "))
        };
        DataQuery {
            code: Code::MayFailUnique,
            object: format!("{table}.{}", cols.join(",")),
            message: format!(
                "values of {table} ({}) held by more than one row, with their counts",
                cols.join(", ")
            ),
            sql: format!(
                "SELECT {list}, COUNT(*) AS count FROM {}{filter} GROUP BY {list} HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC LIMIT {ROWS}",
                qname(d, table)
            ),
        }
    }

    fn nulls(&self, table: &QualifiedName, column: &str) -> DataQuery {
        let d = self.dialect;
        DataQuery {
            code: Code::MayFailSetNotNull,
            object: format!("{table}.{column}"),
            message: format!("rows of {table} whose {column} is NULL"),
            sql: format!(
                "SELECT * FROM {} WHERE {} IS NULL LIMIT {ROWS}",
                qname(d, table),
                quote(d, column)
            ),
        }
    }

    fn any_rows(&self, table: &QualifiedName, column: &Column) -> DataQuery {
        DataQuery {
            code: Code::MayFailNotNull,
            object: format!("{table}.{}", column.name),
            message: format!(
                "the rows of {table}: NOT NULL column {} has no default to fill them with",
                column.name
            ),
            sql: format!(
                "SELECT COUNT(*) AS count FROM {}",
                qname(self.dialect, table)
            ),
        }
    }

    /// Values that do not fit the new type, where a pattern or a length can say so; other
    /// types get the distinct values to look through.
    fn casts(&self, table: &QualifiedName, previous: &Column, next: &Column) -> DataQuery {
        let d = self.dialect;
        let col = quote(d, &next.name);
        let as_text = match d {
            Dialect::Postgres => format!("{col}::text"),
            Dialect::Mysql => format!("CAST({col} AS CHAR)"),
            Dialect::Sqlite => format!("CAST({col} AS TEXT)"),
        };
        let ty = next.data_type.to_ascii_lowercase();
        let integer = r"^ *[-+]?[0-9]+ *$";
        let number = r"^ *[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)? *$";
        let length = ty
            .split_once('(')
            .filter(|(base, _)| base.contains("char"))
            .and_then(|(_, rest)| rest.trim_end_matches(')').trim().parse::<u64>().ok());
        let regexp = |pattern: &str| match d {
            Dialect::Postgres => Some(format!("{as_text} !~ '{pattern}'")),
            Dialect::Mysql => Some(format!("{as_text} NOT REGEXP '{pattern}'")),
            Dialect::Sqlite => None,
        };
        let test = if let Some(n) = length {
            let len = if d == Dialect::Sqlite {
                "length"
            } else {
                "char_length"
            };
            Some(format!("{len}({as_text}) > {n}"))
        } else if ty.contains("int") || ty == "serial" || ty == "bigserial" {
            regexp(integer)
        } else if ["numeric", "decimal", "real", "double", "float"]
            .iter()
            .any(|t| ty.starts_with(t))
        {
            regexp(number)
        } else {
            None
        };
        let name = qname(d, table);
        let (message, sql) = match test {
            Some(t) => (
                format!(
                    "rows of {table} whose {} ({}) does not fit {}",
                    next.name, previous.data_type, next.data_type
                ),
                format!("SELECT * FROM {name} WHERE {col} IS NOT NULL AND {t} LIMIT {ROWS}"),
            ),
            None => (
                format!(
                    "the distinct values of {table}.{} ({}), to check against {}",
                    next.name, previous.data_type, next.data_type
                ),
                format!(
                    "SELECT {col}, COUNT(*) AS count FROM {name} GROUP BY {col} ORDER BY COUNT(*) DESC LIMIT {ROWS}"
                ),
            ),
        };
        DataQuery {
            code: Code::MayFailCast,
            object: format!("{table}.{}", next.name),
            message,
            sql,
        }
    }
}
