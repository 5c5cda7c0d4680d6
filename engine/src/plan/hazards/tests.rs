//! Table-driven tests for the hazard rules: `narrows` and the conversions behind it, the
//! rewrite exemptions, and `check` on every kind of change that has a hazard.

use super::table_rewrites::volatile_call;
use super::type_widths::{classify, pg_keeps_rows, Conversion};
use super::{check, narrows, Context};
use crate::diag::{Code, Severity};
use crate::diff::{Change, ColumnAspect};
use crate::model::{
    Check, Column, EnumType, ForeignKey, Generated, Identity, Index, IndexPart, PrimaryKey,
    QualifiedName, Schema, Table, UniqueConstraint, View,
};
use crate::Dialect::{self, Mysql, Postgres, Sqlite};

// ---------------------------------------------------------------------------------------
// narrows

#[test]
fn narrows_table() {
    let rows: &[(Dialect, &str, &str, bool)] = &[
        // Postgres: the same type.
        (Postgres, "integer", "integer", false),
        (Postgres, "text", "text", false),
        // Strings.
        (
            Postgres,
            "character varying(10)",
            "character varying(20)",
            false,
        ),
        (
            Postgres,
            "character varying(20)",
            "character varying(10)",
            true,
        ),
        (Postgres, "character varying(255)", "text", false),
        (
            Postgres,
            "character varying(255)",
            "character varying",
            false,
        ),
        (Postgres, "text", "character varying(10)", true),
        (Postgres, "text", "character varying", false),
        (Postgres, "character varying", "text", false),
        (Postgres, "character varying", "character varying(10)", true),
        (Postgres, "character(10)", "character varying(10)", false),
        (Postgres, "character(10)", "text", false),
        (Postgres, "character(5)", "character(10)", false),
        (Postgres, "character(10)", "character(5)", true),
        (Postgres, "character varying(10)", "character(10)", true),
        (Postgres, "text", "character(10)", true),
        // Integers and exact numerics.
        (Postgres, "smallint", "integer", false),
        (Postgres, "integer", "bigint", false),
        (Postgres, "smallint", "bigint", false),
        (Postgres, "bigint", "integer", true),
        (Postgres, "integer", "smallint", true),
        (Postgres, "numeric(5,2)", "numeric(10,2)", false),
        (Postgres, "numeric(10,2)", "numeric(5,2)", true),
        (Postgres, "numeric(10,2)", "numeric(10,1)", true),
        (Postgres, "numeric(10,2)", "numeric(12,4)", false),
        (Postgres, "numeric(10,2)", "numeric(11,4)", true),
        (Postgres, "numeric(10,2)", "numeric", false),
        (Postgres, "numeric", "numeric(10,2)", true),
        (Postgres, "numeric(10)", "numeric(12,2)", false),
        (Postgres, "integer", "numeric(10,0)", false),
        (Postgres, "integer", "numeric(9,0)", true),
        (Postgres, "integer", "numeric(12,2)", false),
        (Postgres, "bigint", "numeric(19,0)", false),
        (Postgres, "bigint", "numeric", false),
        (Postgres, "numeric(4,0)", "smallint", false),
        (Postgres, "numeric(5,0)", "smallint", true),
        (Postgres, "numeric(9,0)", "integer", false),
        (Postgres, "numeric(10,2)", "integer", true),
        (Postgres, "numeric", "bigint", true),
        (Postgres, "numeric(1000,0)", "bigint", true),
        // Floating point.
        (Postgres, "real", "double precision", false),
        (Postgres, "double precision", "real", true),
        (Postgres, "smallint", "real", false),
        (Postgres, "integer", "real", true),
        (Postgres, "integer", "double precision", false),
        (Postgres, "bigint", "double precision", true),
        (Postgres, "numeric(6,2)", "real", false),
        (Postgres, "numeric(10,2)", "real", true),
        (Postgres, "numeric(15,2)", "double precision", false),
        (Postgres, "numeric", "double precision", true),
        (Postgres, "double precision", "numeric", true),
        (Postgres, "real", "integer", true),
        // Across families.
        (Postgres, "text", "integer", true),
        (Postgres, "integer", "text", false),
        (Postgres, "integer", "character varying(11)", false),
        (Postgres, "integer", "character varying(10)", true),
        (Postgres, "bigint", "character varying(20)", false),
        (Postgres, "bigint", "character varying(19)", true),
        (Postgres, "integer", "character(11)", true),
        (Postgres, "uuid", "text", false),
        (Postgres, "uuid", "character varying(36)", false),
        (Postgres, "uuid", "character varying(35)", true),
        (Postgres, "text", "uuid", true),
        (Postgres, "boolean", "text", false),
        (Postgres, "boolean", "integer", false),
        (Postgres, "integer", "boolean", true),
        (Postgres, "bytea", "text", false),
        (Postgres, "text", "bytea", true),
        (Postgres, "numeric(10,2)", "text", false),
        (Postgres, "numeric(10,2)", "character varying(13)", false),
        (Postgres, "numeric(10,2)", "character varying(12)", true),
        // Time.
        (Postgres, "date", "timestamp without time zone", false),
        (Postgres, "date", "timestamp with time zone", false),
        (Postgres, "timestamp without time zone", "date", true),
        (
            Postgres,
            "timestamp without time zone",
            "timestamp with time zone",
            false,
        ),
        (
            Postgres,
            "timestamp with time zone",
            "timestamp without time zone",
            true,
        ),
        (
            Postgres,
            "timestamp(3) without time zone",
            "timestamp without time zone",
            false,
        ),
        (
            Postgres,
            "timestamp without time zone",
            "timestamp(3) without time zone",
            true,
        ),
        (
            Postgres,
            "timestamp(3) with time zone",
            "timestamp(6) with time zone",
            false,
        ),
        (
            Postgres,
            "time without time zone",
            "time(0) without time zone",
            true,
        ),
        (
            Postgres,
            "time(0) without time zone",
            "time without time zone",
            false,
        ),
        (
            Postgres,
            "time without time zone",
            "time with time zone",
            false,
        ),
        (
            Postgres,
            "time with time zone",
            "time without time zone",
            true,
        ),
        (Postgres, "date", "text", false),
        (
            Postgres,
            "timestamp with time zone",
            "character varying(20)",
            true,
        ),
        // JSON.
        (Postgres, "json", "jsonb", true),
        (Postgres, "jsonb", "json", false),
        (Postgres, "jsonb", "text", false),
        (Postgres, "text", "jsonb", true),
        // Arrays.
        (Postgres, "integer[]", "bigint[]", false),
        (Postgres, "bigint[]", "integer[]", true),
        (
            Postgres,
            "character varying(10)[]",
            "character varying(20)[]",
            false,
        ),
        (Postgres, "integer[]", "integer", true),
        (Postgres, "integer", "integer[]", true),
        (Postgres, "integer[]", "text", false),
        // Bits.
        (Postgres, "bit(8)", "bit(16)", true),
        (Postgres, "bit varying(8)", "bit varying(16)", false),
        (Postgres, "bit varying(16)", "bit varying(8)", true),
        (Postgres, "bit(8)", "bit varying(8)", false),
        (Postgres, "bit varying", "bit varying(8)", true),
        (Postgres, "bit varying(8)", "bit varying", false),
        // Enum and other named types: text holds them, nothing else is known.
        (Postgres, "mood", "text", false),
        (Postgres, "text", "mood", true),
        (Postgres, "mood", "feeling", true),
        (Postgres, "point", "polygon", true),
        (Postgres, "interval", "interval", false),
        // MySQL integers.
        (Mysql, "int", "bigint", false),
        (Mysql, "bigint", "int", true),
        (Mysql, "tinyint", "smallint", false),
        (Mysql, "smallint", "mediumint", false),
        (Mysql, "mediumint", "int", false),
        (Mysql, "int", "mediumint", true),
        (Mysql, "tinyint(1)", "tinyint", false),
        (Mysql, "tinyint", "tinyint(1)", false),
        (Mysql, "int", "tinyint(1)", true),
        (Mysql, "int unsigned", "bigint", false),
        (Mysql, "int unsigned", "int", true),
        (Mysql, "int", "int unsigned", true),
        (Mysql, "int unsigned", "bigint unsigned", false),
        (Mysql, "int", "bigint unsigned", true),
        (Mysql, "smallint unsigned", "mediumint", false),
        (Mysql, "int unsigned zerofill", "int unsigned", false),
        // MySQL strings.
        (Mysql, "varchar(10)", "varchar(20)", false),
        (Mysql, "varchar(255)", "varchar(100)", true),
        (Mysql, "varchar(255)", "text", false),
        (Mysql, "varchar(20000)", "text", false),
        (Mysql, "varchar(100)", "tinytext", true),
        (Mysql, "varchar(60)", "tinytext", false),
        (Mysql, "varchar(255)", "mediumtext", false),
        (Mysql, "varchar(255)", "longtext", false),
        (Mysql, "text", "varchar(255)", true),
        (Mysql, "tinytext", "varchar(255)", false),
        (Mysql, "tinytext", "varchar(254)", true),
        (Mysql, "text", "mediumtext", false),
        (Mysql, "text", "longtext", false),
        (Mysql, "mediumtext", "text", true),
        (Mysql, "longtext", "mediumtext", true),
        (Mysql, "mediumtext", "longtext", false),
        (Mysql, "char(10)", "varchar(10)", false),
        (Mysql, "char(10)", "char(20)", false),
        (Mysql, "varchar(10)", "char(10)", true),
        // MySQL bytes.
        (Mysql, "varbinary(10)", "varbinary(20)", false),
        (Mysql, "blob", "varbinary(100)", true),
        (Mysql, "varbinary(100)", "blob", false),
        (Mysql, "binary(16)", "varbinary(16)", false),
        (Mysql, "varbinary(16)", "binary(16)", true),
        (Mysql, "varchar(16)", "varbinary(64)", true),
        // MySQL exact and approximate numerics.
        (Mysql, "decimal(10,2)", "decimal(12,2)", false),
        (Mysql, "decimal(10,2)", "decimal(10,1)", true),
        (Mysql, "decimal(10,2) unsigned", "decimal(10,2)", false),
        (Mysql, "decimal(10,2)", "decimal(10,2) unsigned", true),
        (Mysql, "int", "decimal(10,0)", false),
        (Mysql, "int unsigned", "decimal(10,0)", false),
        (Mysql, "int", "decimal(10,2)", true),
        (Mysql, "bigint unsigned", "decimal(20,0)", false),
        (Mysql, "bigint unsigned", "decimal(19,0)", true),
        (Mysql, "decimal(10,0)", "bigint", false),
        (Mysql, "decimal(10,2)", "int", true),
        (Mysql, "float", "double", false),
        (Mysql, "double", "float", true),
        (Mysql, "float(7,3)", "float", false),
        (Mysql, "float", "float(7,3)", true),
        (Mysql, "int", "double", false),
        (Mysql, "bigint", "double", true),
        // MySQL across families.
        (Mysql, "int", "varchar(11)", false),
        (Mysql, "int", "varchar(10)", true),
        (Mysql, "int unsigned", "varchar(10)", false),
        (Mysql, "int", "text", false),
        (Mysql, "varchar(10)", "int", true),
        (Mysql, "datetime", "varchar(19)", false),
        (Mysql, "datetime(3)", "varchar(19)", true),
        (Mysql, "date", "varchar(10)", false),
        (Mysql, "json", "longtext", false),
        (Mysql, "json", "text", true),
        (Mysql, "longtext", "json", true),
        (Mysql, "geometry", "point", true),
        // MySQL time.
        (Mysql, "date", "datetime", false),
        (Mysql, "datetime", "date", true),
        (Mysql, "datetime", "timestamp", true),
        (Mysql, "timestamp", "datetime", false),
        (Mysql, "datetime", "datetime(3)", false),
        (Mysql, "datetime(3)", "datetime", true),
        (Mysql, "date", "timestamp", true),
        (Mysql, "time", "time(3)", false),
        // MySQL enum and set.
        (Mysql, "enum('a','b')", "enum('a','b','c')", false),
        (Mysql, "enum('a','b','c')", "enum('a','b')", true),
        (Mysql, "enum('a','b')", "enum('b','a')", false),
        (Mysql, "enum('a','b')", "set('a','b')", true),
        (Mysql, "set('a','b')", "set('a')", true),
        (Mysql, "set('a')", "set('a','b')", false),
        (Mysql, "enum('a','b')", "varchar(1)", false),
        (Mysql, "enum('a','bb')", "varchar(1)", true),
        (Mysql, "enum('a','b')", "text", false),
        (Mysql, "varchar(10)", "enum('a')", true),
        (Mysql, "enum('it''s','x')", "enum('it''s','x','y')", false),
        (Mysql, "enum('it''s','x')", "enum('its','x')", true),
        // MySQL bits.
        (Mysql, "bit(8)", "bit(16)", false),
        (Mysql, "bit(16)", "bit(8)", true),
        // SQLite: only text/blob into a numeric affinity.
        (Sqlite, "TEXT", "INTEGER", true),
        (Sqlite, "TEXT", "REAL", true),
        (Sqlite, "TEXT", "NUMERIC", true),
        (Sqlite, "BLOB", "REAL", true),
        (Sqlite, "BLOB", "INTEGER", true),
        (Sqlite, "INTEGER", "TEXT", false),
        (Sqlite, "INTEGER", "REAL", false),
        (Sqlite, "REAL", "INTEGER", false),
        (Sqlite, "NUMERIC", "INTEGER", false),
        (Sqlite, "TEXT", "BLOB", false),
        (Sqlite, "INTEGER", "BLOB", false),
        (Sqlite, "INTEGER", "INTEGER", false),
        // Declared rather than canonical types still go by affinity.
        (Sqlite, "varchar(10)", "int", true),
        (Sqlite, "varchar(10)", "clob", false),
    ];
    let wrong: Vec<String> = rows
        .iter()
        .filter(|(d, from, to, want)| narrows(*d, from, to) != *want)
        .map(|(d, from, to, want)| format!("{d}: {from} → {to} narrows() should be {want}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn odd_type_strings_neither_panic_nor_pass_as_widening() {
    let types = [
        "",
        "(",
        ")",
        "()",
        "character varying(",
        "character varying()",
        "character varying(x)",
        "numeric(abc)",
        "numeric(1000,0)",
        "numeric(2,5)",
        "decimal(65,30)",
        "decimal(,)",
        "enum(",
        "enum('a",
        "set()",
        "enum('')",
        "timestamp(x) with time zone",
        "time(99) without time zone",
        "bit()",
        "[]",
        "integer[][]",
        "int unsigned",
        "tinyint(1) unsigned zerofill",
        "varchar(18446744073709551615)",
        "é(1)",
        "TEXT",
        "BLOB",
    ];
    for d in Dialect::ALL {
        for a in types {
            assert!(!narrows(d, a, a), "{d}: {a}");
            for b in types {
                let _ = classify(d, a, b);
                let _ = pg_keeps_rows(a, b);
                let _ = found(&retype("t", "c", a, b), d, false);
            }
        }
    }
    // Different types this module cannot read count as narrowing.
    assert!(narrows(Postgres, "numeric(abc)", "numeric(def)"));
    assert!(narrows(Mysql, "geometry", "linestring"));
}

#[test]
fn conversions_between_families_are_told_from_widening() {
    use Conversion::*;
    let rows: &[(Dialect, &str, &str, Conversion)] = &[
        (Postgres, "integer", "bigint", Widening),
        (Postgres, "integer", "numeric(10,0)", Widening),
        (Postgres, "character varying(10)", "text", Widening),
        (Postgres, "date", "timestamp without time zone", Widening),
        (Postgres, "integer", "text", Convertible),
        (Postgres, "integer", "double precision", Convertible),
        (Postgres, "boolean", "integer", Convertible),
        (Postgres, "uuid", "text", Convertible),
        (Postgres, "mood", "text", Convertible),
        (Postgres, "jsonb", "json", Convertible),
        (
            Postgres,
            "timestamp without time zone",
            "timestamp with time zone",
            Convertible,
        ),
        (Postgres, "date", "timestamp with time zone", Convertible),
        (Postgres, "text", "integer", Narrowing),
        (Mysql, "int", "bigint", Widening),
        (Mysql, "enum('a')", "enum('a','b')", Widening),
        (Mysql, "int", "varchar(20)", Convertible),
        (Mysql, "enum('a','b')", "varchar(10)", Convertible),
        (Mysql, "json", "longtext", Convertible),
        (Sqlite, "INTEGER", "TEXT", Convertible),
        (Sqlite, "TEXT", "TEXT", Widening),
        (Sqlite, "TEXT", "INTEGER", Narrowing),
    ];
    for (d, from, to, want) in rows {
        assert_eq!(classify(*d, from, to), *want, "{d}: {from} → {to}");
    }
}

#[test]
fn postgres_changes_that_keep_the_rows() {
    let rows: &[(&str, &str, bool)] = &[
        ("character varying(10)", "character varying(20)", true),
        ("character varying(10)", "character varying", true),
        ("character varying(10)", "text", true),
        ("character varying", "text", true),
        ("text", "character varying", true),
        ("character varying(20)", "character varying(10)", false),
        ("text", "character varying(10)", false),
        ("character(5)", "character(10)", false),
        ("character(10)", "text", false),
        ("numeric(5,2)", "numeric(10,2)", true),
        ("numeric(5,2)", "numeric", true),
        ("numeric(5,2)", "numeric(10,3)", false),
        ("numeric(10,2)", "numeric(5,2)", false),
        ("numeric", "numeric(10,2)", false),
        ("integer", "bigint", false),
        ("smallint", "integer", false),
        ("real", "double precision", false),
        (
            "timestamp(3) without time zone",
            "timestamp without time zone",
            true,
        ),
        (
            "timestamp without time zone",
            "timestamp(3) without time zone",
            false,
        ),
        (
            "timestamp without time zone",
            "timestamp with time zone",
            false,
        ),
        ("time(0) with time zone", "time(3) with time zone", true),
        ("bit varying(5)", "bit varying(10)", true),
        ("bit varying(5)", "bit varying", true),
        ("bit(5)", "bit(10)", false),
        ("character varying(10)[]", "character varying(20)[]", false),
        ("mood", "text", false),
    ];
    for (from, to, want) in rows {
        assert_eq!(pg_keeps_rows(from, to), *want, "{from} → {to}");
    }
}

#[test]
fn volatile_defaults() {
    let rows: &[(&str, Option<&str>)] = &[
        ("gen_random_uuid()", Some("gen_random_uuid")),
        ("public.gen_random_uuid()", Some("gen_random_uuid")),
        ("uuid_generate_v4()", Some("uuid_generate_v4")),
        ("nextval('users_id_seq'::regclass)", Some("nextval")),
        ("clock_timestamp()", Some("clock_timestamp")),
        ("floor(random() * 10)", Some("random")),
        ("RANDOM ()", Some("random")),
        ("CURRENT_TIMESTAMP", None),
        ("now()", None),
        ("CURRENT_DATE", None),
        ("'random()'", None),
        ("'it''s random()'", None),
        ("my_random()", None),
        ("random", None),
        ("lower('x')", None),
        ("0", None),
    ];
    for (expr, want) in rows {
        assert_eq!(volatile_call(expr), *want, "{expr}");
    }
}

// ---------------------------------------------------------------------------------------
// check

fn t(name: &str) -> QualifiedName {
    QualifiedName::bare(name)
}

fn col(name: &str, ty: &str) -> Column {
    Column::new(name, ty)
}

fn not_null(mut c: Column) -> Column {
    c.nullable = false;
    c
}

fn with_default(mut c: Column, d: &str) -> Column {
    c.default = Some(d.into());
    c
}

fn table(name: &str, columns: Vec<Column>) -> Table {
    let mut t = Table::new(QualifiedName::bare(name));
    t.columns = columns;
    t
}

/// The previous schema the Postgres rows run against: an enum `mood` used by
/// `people.feeling` (and an array of it), and a check proving `accounts.email` is set.
fn previous(dialect: Dialect) -> Schema {
    let mut s = Schema::empty(dialect);
    if dialect == Postgres {
        s.enums.insert(
            t("mood"),
            EnumType {
                name: t("mood"),
                values: vec!["happy".into(), "sad".into(), "ok".into()],
                comment: None,
            },
        );
        s.tables.insert(
            t("people"),
            table(
                "people",
                vec![
                    col("id", "integer"),
                    col("feeling", "mood"),
                    col("history", "mood[]"),
                ],
            ),
        );
        let mut accounts = table("accounts", vec![col("email", "text")]);
        accounts.checks.push(Check {
            name: Some("accounts_email_set".into()),
            expr: "email IS NOT NULL".into(),
            not_valid: false,
            no_inherit: false,
            comment: None,
        });
        s.tables.insert(t("accounts"), accounts);
    }
    s
}

fn alter(table: &str, previous: Column, next: Column) -> Change {
    Change::AlterColumn {
        table: t(table),
        aspects: ColumnAspect::between(&previous, &next),
        previous,
        next,
    }
}

fn retype(table: &str, name: &str, from: &str, to: &str) -> Change {
    alter(table, col(name, from), col(name, to))
}

fn add_column(table: &str, column: Column) -> Change {
    Change::AddColumn {
        table: t(table),
        column,
        after: None,
    }
}

fn index(name: &str, unique: bool, cols: &[&str]) -> Index {
    Index {
        name: name.into(),
        unique,
        parts: cols.iter().map(|c| IndexPart::column(*c)).collect(),
        predicate: None,
        method: None,
        fk_generated: Default::default(),
        include: Vec::new(),
        nulls_not_distinct: false,
        storage: Vec::new(),
        comment: None,
    }
}

fn add_index(table: &str, name: &str, unique: bool, cols: &[&str]) -> Change {
    Change::AddIndex {
        table: t(table),
        index: index(name, unique, cols),
    }
}

fn add_unique(table: &str, name: &str, cols: &[&str]) -> Change {
    Change::AddUnique {
        table: t(table),
        unique: UniqueConstraint {
            name: Some(name.into()),
            columns: cols.iter().map(|c| c.to_string()).collect(),
            nulls_not_distinct: false,
            include: Vec::new(),
            comment: None,
        },
    }
}

fn add_check(table: &str, name: Option<&str>, expr: &str) -> Change {
    Change::AddCheck {
        table: t(table),
        check: Check {
            name: name.map(Into::into),
            expr: expr.into(),
            not_valid: false,
            no_inherit: false,
            comment: None,
        },
    }
}

fn add_fk(table: &str, name: Option<&str>, column: &str, parent: &str) -> Change {
    Change::AddForeignKey {
        table: t(table),
        foreign_key: ForeignKey {
            name: name.map(Into::into),
            columns: vec![column.into()],
            ref_table: t(parent),
            ref_columns: vec!["id".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
            deferrable: Default::default(),
            not_valid: false,
            comment: None,
        },
    }
}

fn primary_key(name: Option<&str>) -> PrimaryKey {
    PrimaryKey {
        name: name.map(Into::into),
        columns: vec!["id".into()],
        comment: None,
    }
}

fn enum_type(values: &[&str]) -> EnumType {
    EnumType {
        name: t("mood"),
        values: values.iter().map(|v| v.to_string()).collect(),
        comment: None,
    }
}

use Code::*;

type Row = (
    &'static str,
    Dialect,
    bool,
    Change,
    Vec<(Code, &'static str)>,
);

fn rows() -> Vec<Row> {
    let users = || table("users", vec![col("id", "integer"), col("email", "text")]);
    let mut identity = not_null(col("id", "bigint"));
    identity.identity = Some(Identity::ByDefault);
    let mut auto = not_null(col("id", "bigint"));
    auto.identity = Some(Identity::AutoIncrement);
    let mut stored = not_null(col("total", "integer"));
    stored.generated = Some(Generated {
        expr: "a + b".into(),
        stored: true,
    });
    let mut virtual_ = col("total", "integer");
    virtual_.generated = Some(Generated {
        expr: "a + b".into(),
        stored: false,
    });
    let mut commented = col("email", "text");
    commented.comment = Some("where we write".into());
    let mut latin = col("name", "varchar(60)");
    latin.collation = Some("latin1_swedish_ci".into());
    let mut latin_next = col("name", "varchar(70)");
    latin_next.collation = Some("latin1_swedish_ci".into());
    let mut recollated = col("name", "varchar(60)");
    recollated.collation = Some("utf8mb4_bin".into());
    let mut partial = index("orders_open_ref", true, &["ref"]);
    partial.predicate = Some("status = 'open'".into());

    vec![
        // The seed scenario: MySQL `Users` drops `birthDate` and gets a unique index on `email`.
        (
            "seed: drop column",
            Mysql,
            false,
            Change::DropColumn {
                table: t("Users"),
                column: col("birthDate", "date"),
                after: Some("email".into()),
            },
            vec![
                (DataLossDropColumn, "Users.birthDate"),
                (BreaksAppDrop, "Users.birthDate"),
            ],
        ),
        (
            "seed: unique index",
            Mysql,
            false,
            add_index("Users", "Users_email_key", true, &["email"]),
            vec![(MayFailUnique, "Users.Users_email_key")],
        ),
        // Drops and renames.
        (
            "drop table",
            Postgres,
            false,
            Change::DropTable { table: users() },
            vec![(DataLossDropTable, "users"), (BreaksAppDrop, "users")],
        ),
        (
            "drop table in a schema",
            Postgres,
            false,
            Change::DropTable {
                table: Table::new(QualifiedName::new(Some("billing".into()), "invoices")),
            },
            vec![
                (DataLossDropTable, "billing.invoices"),
                (BreaksAppDrop, "billing.invoices"),
            ],
        ),
        (
            "drop view",
            Sqlite,
            false,
            Change::DropView {
                view: View {
                    name: t("active_users"),
                    definition: "SELECT 1".into(),
                    reads: vec![],
                    materialized: false,
                    comment: None,
                },
            },
            vec![(BreaksAppDrop, "active_users")],
        ),
        (
            "rename table",
            Postgres,
            false,
            Change::RenameTable {
                from: t("users"),
                to: t("accounts"),
            },
            vec![(BreaksAppRename, "accounts")],
        ),
        (
            "rename column",
            Mysql,
            false,
            Change::RenameColumn {
                table: t("users"),
                from: "mail".into(),
                to: "email".into(),
            },
            vec![(BreaksAppRename, "users.email")],
        ),
        (
            "create table",
            Postgres,
            false,
            Change::CreateTable { table: users() },
            vec![],
        ),
        (
            "drop index",
            Postgres,
            false,
            Change::DropIndex {
                table: t("users"),
                index: index("users_email", false, &["email"]),
            },
            vec![],
        ),
        // Postgres type changes.
        (
            "pg shorter varchar",
            Postgres,
            false,
            retype(
                "users",
                "name",
                "character varying(100)",
                "character varying(50)",
            ),
            vec![
                (DataLossNarrowingType, "users.name"),
                (MayFailCast, "users.name"),
                (TableRewrite, "users.name"),
            ],
        ),
        (
            "pg longer varchar",
            Postgres,
            false,
            retype(
                "users",
                "name",
                "character varying(50)",
                "character varying(100)",
            ),
            vec![],
        ),
        (
            "pg varchar to text",
            Postgres,
            false,
            retype("users", "name", "character varying(50)", "text"),
            vec![],
        ),
        (
            "pg text to varchar(n)",
            Postgres,
            false,
            retype("users", "name", "text", "character varying(50)"),
            vec![
                (DataLossNarrowingType, "users.name"),
                (MayFailCast, "users.name"),
                (TableRewrite, "users.name"),
            ],
        ),
        (
            "pg more numeric precision",
            Postgres,
            false,
            retype("orders", "total", "numeric(5,2)", "numeric(10,2)"),
            vec![],
        ),
        (
            "pg more numeric scale",
            Postgres,
            false,
            retype("orders", "total", "numeric(5,2)", "numeric(10,4)"),
            vec![(TableRewrite, "orders.total")],
        ),
        (
            "pg integer to bigint",
            Postgres,
            false,
            retype("users", "id", "integer", "bigint"),
            vec![(TableRewrite, "users.id")],
        ),
        (
            "pg integer to text",
            Postgres,
            false,
            retype("users", "zip", "integer", "text"),
            vec![(MayFailCast, "users.zip"), (TableRewrite, "users.zip")],
        ),
        (
            "pg text to integer",
            Postgres,
            false,
            retype("users", "zip", "text", "integer"),
            vec![
                (DataLossNarrowingType, "users.zip"),
                (MayFailCast, "users.zip"),
                (TableRewrite, "users.zip"),
            ],
        ),
        (
            "pg timestamp to timestamptz",
            Postgres,
            false,
            retype(
                "events",
                "at",
                "timestamp without time zone",
                "timestamp with time zone",
            ),
            vec![(MayFailCast, "events.at"), (TableRewrite, "events.at")],
        ),
        (
            "pg comment only",
            Postgres,
            false,
            alter("users", col("email", "text"), commented.clone()),
            vec![],
        ),
        (
            "pg default only",
            Postgres,
            false,
            alter(
                "users",
                col("email", "text"),
                with_default(col("email", "text"), "''"),
            ),
            vec![],
        ),
        // MySQL type changes.
        (
            "mysql int to bigint",
            Mysql,
            false,
            retype("Users", "id", "int", "bigint"),
            vec![(TableRewrite, "Users.id")],
        ),
        (
            "mysql shorter varchar",
            Mysql,
            false,
            retype("Users", "name", "varchar(255)", "varchar(100)"),
            vec![
                (DataLossNarrowingType, "Users.name"),
                (MayFailCast, "Users.name"),
                (TableRewrite, "Users.name"),
            ],
        ),
        (
            "mysql varchar growth, one length byte",
            Mysql,
            false,
            retype("Users", "name", "varchar(10)", "varchar(20)"),
            vec![],
        ),
        (
            "mysql varchar growth, two length bytes",
            Mysql,
            false,
            retype("Users", "name", "varchar(300)", "varchar(400)"),
            vec![],
        ),
        (
            "mysql varchar growth past 255 bytes (utf8mb4)",
            Mysql,
            false,
            retype("Users", "name", "varchar(60)", "varchar(70)"),
            vec![(TableRewrite, "Users.name")],
        ),
        (
            "mysql varchar growth within 255 bytes (latin1)",
            Mysql,
            false,
            alter("Users", latin.clone(), latin_next),
            vec![],
        ),
        (
            "mysql collation change",
            Mysql,
            false,
            alter("Users", latin, recollated),
            vec![(TableRewrite, "Users.name")],
        ),
        (
            "mysql varchar to text",
            Mysql,
            false,
            retype("Users", "bio", "varchar(255)", "text"),
            vec![(TableRewrite, "Users.bio")],
        ),
        (
            "mysql enum value dropped",
            Mysql,
            false,
            retype("Users", "status", "enum('a','b','c')", "enum('a','c')"),
            vec![
                (DataLossDropEnumValue, "Users.status"),
                (TableRewrite, "Users.status"),
            ],
        ),
        (
            "mysql enum values dropped, one warning each",
            Mysql,
            false,
            retype("Users", "status", "enum('a','b','c')", "enum('c')"),
            vec![
                (DataLossDropEnumValue, "Users.status"),
                (DataLossDropEnumValue, "Users.status"),
                (TableRewrite, "Users.status"),
            ],
        ),
        (
            "mysql enum value appended",
            Mysql,
            false,
            retype("Users", "status", "enum('a','b')", "enum('a','b','c')"),
            vec![],
        ),
        (
            "mysql enum value inserted first",
            Mysql,
            false,
            retype("Users", "status", "enum('a','b')", "enum('z','a','b')"),
            vec![(TableRewrite, "Users.status")],
        ),
        (
            "mysql set member dropped",
            Mysql,
            false,
            retype("Users", "tags", "set('x','y')", "set('x')"),
            vec![
                (DataLossDropEnumValue, "Users.tags"),
                (TableRewrite, "Users.tags"),
            ],
        ),
        (
            "mysql enum to set",
            Mysql,
            false,
            retype("Users", "tags", "enum('x','y')", "set('x','y')"),
            vec![
                (DataLossNarrowingType, "Users.tags"),
                (MayFailCast, "Users.tags"),
                (TableRewrite, "Users.tags"),
            ],
        ),
        (
            "mysql default only",
            Mysql,
            false,
            alter("Users", col("n", "int"), with_default(col("n", "int"), "0")),
            vec![],
        ),
        // SQLite type changes: the planner's rebuild brings its own table-rewrite.
        (
            "sqlite text to integer",
            Sqlite,
            false,
            retype("users", "zip", "TEXT", "INTEGER"),
            vec![(DataLossNarrowingType, "users.zip")],
        ),
        (
            "sqlite integer to text",
            Sqlite,
            false,
            retype("users", "zip", "INTEGER", "TEXT"),
            vec![],
        ),
        // Nullability.
        (
            "pg set not null",
            Postgres,
            false,
            alter(
                "users",
                col("email", "text"),
                not_null(col("email", "text")),
            ),
            vec![
                (MayFailSetNotNull, "users.email"),
                (LongLockValidation, "users.email"),
            ],
        ),
        (
            "pg set not null online",
            Postgres,
            true,
            alter(
                "users",
                col("email", "text"),
                not_null(col("email", "text")),
            ),
            vec![(MayFailSetNotNull, "users.email")],
        ),
        (
            "pg set not null proven by a check",
            Postgres,
            false,
            alter(
                "accounts",
                col("email", "text"),
                not_null(col("email", "text")),
            ),
            vec![(MayFailSetNotNull, "accounts.email")],
        ),
        (
            "pg drop not null",
            Postgres,
            false,
            alter(
                "users",
                not_null(col("email", "text")),
                col("email", "text"),
            ),
            vec![],
        ),
        (
            "pg set not null and narrow",
            Postgres,
            false,
            alter(
                "users",
                col("age", "bigint"),
                not_null(col("age", "integer")),
            ),
            vec![
                (DataLossNarrowingType, "users.age"),
                (MayFailSetNotNull, "users.age"),
                (MayFailCast, "users.age"),
                (TableRewrite, "users.age"),
                (LongLockValidation, "users.age"),
            ],
        ),
        (
            "mysql set not null",
            Mysql,
            false,
            alter(
                "Users",
                col("email", "varchar(255)"),
                not_null(col("email", "varchar(255)")),
            ),
            vec![
                (MayFailSetNotNull, "Users.email"),
                (TableRewrite, "Users.email"),
            ],
        ),
        (
            "mysql drop not null",
            Mysql,
            false,
            alter(
                "Users",
                not_null(col("email", "varchar(255)")),
                col("email", "varchar(255)"),
            ),
            vec![(TableRewrite, "Users.email")],
        ),
        (
            "sqlite set not null",
            Sqlite,
            false,
            alter(
                "users",
                col("email", "TEXT"),
                not_null(col("email", "TEXT")),
            ),
            vec![(MayFailSetNotNull, "users.email")],
        ),
        // Added columns.
        (
            "pg required column",
            Postgres,
            false,
            add_column("users", not_null(col("age", "integer"))),
            vec![(MayFailNotNull, "users.age")],
        ),
        (
            "mysql required column",
            Mysql,
            false,
            add_column("Users", not_null(col("age", "int"))),
            vec![(MayFailNotNull, "Users.age")],
        ),
        (
            "sqlite required column",
            Sqlite,
            false,
            add_column("users", not_null(col("age", "INTEGER"))),
            vec![(MayFailNotNull, "users.age")],
        ),
        (
            "pg required column with a constant default",
            Postgres,
            false,
            add_column("users", with_default(not_null(col("age", "integer")), "0")),
            vec![],
        ),
        (
            "pg required column with a stable default",
            Postgres,
            false,
            add_column(
                "users",
                with_default(
                    not_null(col("created_at", "timestamp with time zone")),
                    "CURRENT_TIMESTAMP",
                ),
            ),
            vec![],
        ),
        (
            "pg volatile default",
            Postgres,
            false,
            add_column(
                "users",
                with_default(col("token", "uuid"), "gen_random_uuid()"),
            ),
            vec![(TableRewrite, "users.token")],
        ),
        (
            "mysql volatile default",
            Mysql,
            false,
            add_column("Users", with_default(col("token", "varchar(36)"), "uuid()")),
            vec![],
        ),
        (
            "pg identity",
            Postgres,
            false,
            add_column("users", identity),
            vec![(TableRewrite, "users.id")],
        ),
        (
            "pg stored generated",
            Postgres,
            false,
            add_column("orders", stored.clone()),
            vec![(TableRewrite, "orders.total")],
        ),
        (
            "mysql auto increment",
            Mysql,
            false,
            add_column("Users", auto),
            vec![(TableRewrite, "Users.id")],
        ),
        (
            "mysql stored generated",
            Mysql,
            false,
            add_column("orders", stored),
            vec![(TableRewrite, "orders.total")],
        ),
        (
            "mysql virtual generated",
            Mysql,
            false,
            add_column("orders", virtual_),
            vec![],
        ),
        (
            "mysql nullable column anywhere",
            Mysql,
            false,
            Change::AddColumn {
                table: t("Users"),
                column: col("nick", "varchar(20)"),
                after: None,
            },
            vec![],
        ),
        // Indexes and constraints.
        (
            "pg index",
            Postgres,
            false,
            add_index("users", "users_email", false, &["email"]),
            vec![(LongLockIndex, "users.users_email")],
        ),
        (
            "pg index online",
            Postgres,
            true,
            add_index("users", "users_email", false, &["email"]),
            vec![],
        ),
        (
            "pg unique index",
            Postgres,
            false,
            add_index("users", "users_email_key", true, &["email"]),
            vec![
                (MayFailUnique, "users.users_email_key"),
                (LongLockIndex, "users.users_email_key"),
            ],
        ),
        (
            "pg unique index online",
            Postgres,
            true,
            add_index("users", "users_email_key", true, &["email"]),
            vec![(MayFailUnique, "users.users_email_key")],
        ),
        (
            "pg partial unique index",
            Postgres,
            true,
            Change::AddIndex {
                table: t("orders"),
                index: partial,
            },
            vec![(MayFailUnique, "orders.orders_open_ref")],
        ),
        (
            "mysql index",
            Mysql,
            false,
            add_index("Users", "idx_name", false, &["name"]),
            vec![],
        ),
        (
            "sqlite unique index",
            Sqlite,
            false,
            add_index("users", "users_email", true, &["email"]),
            vec![(MayFailUnique, "users.users_email")],
        ),
        (
            "pg unique constraint",
            Postgres,
            false,
            add_unique("users", "users_email_key", &["email"]),
            vec![
                (MayFailUnique, "users.users_email_key"),
                (LongLockIndex, "users.users_email_key"),
            ],
        ),
        (
            "pg unique constraint online",
            Postgres,
            true,
            add_unique("users", "users_email_key", &["email"]),
            vec![
                (MayFailUnique, "users.users_email_key"),
                (LongLockIndex, "users.users_email_key"),
            ],
        ),
        (
            "sqlite unnamed unique constraint",
            Sqlite,
            false,
            Change::AddUnique {
                table: t("users"),
                unique: UniqueConstraint {
                    name: None,
                    columns: vec!["email".into(), "org".into()],
                    nulls_not_distinct: false,
                    include: Vec::new(),
                    comment: None,
                },
            },
            vec![(MayFailUnique, "users.(email, org)")],
        ),
        (
            "pg primary key",
            Postgres,
            true,
            Change::AddPrimaryKey {
                table: t("users"),
                primary_key: primary_key(Some("users_pkey")),
            },
            vec![
                (MayFailUnique, "users.users_pkey"),
                (LongLockIndex, "users.users_pkey"),
            ],
        ),
        (
            "mysql primary key",
            Mysql,
            false,
            Change::AddPrimaryKey {
                table: t("Users"),
                primary_key: primary_key(None),
            },
            vec![(MayFailUnique, "Users"), (TableRewrite, "Users")],
        ),
        (
            "mysql drop primary key",
            Mysql,
            false,
            Change::DropPrimaryKey {
                table: t("Users"),
                primary_key: primary_key(None),
            },
            vec![(TableRewrite, "Users")],
        ),
        (
            "pg check",
            Postgres,
            false,
            add_check("orders", Some("orders_total_positive"), "total > 0"),
            vec![
                (MayFailCheck, "orders.orders_total_positive"),
                (LongLockValidation, "orders.orders_total_positive"),
            ],
        ),
        (
            "pg check online",
            Postgres,
            true,
            add_check("orders", Some("orders_total_positive"), "total > 0"),
            vec![(MayFailCheck, "orders.orders_total_positive")],
        ),
        (
            "pg unnamed check online",
            Postgres,
            true,
            add_check("orders", None, "total > 0"),
            vec![
                (MayFailCheck, "orders.(total > 0)"),
                (LongLockValidation, "orders.(total > 0)"),
            ],
        ),
        (
            "mysql check",
            Mysql,
            false,
            add_check("orders", Some("orders_chk_1"), "total > 0"),
            vec![
                (MayFailCheck, "orders.orders_chk_1"),
                (TableRewrite, "orders.orders_chk_1"),
            ],
        ),
        (
            "sqlite check",
            Sqlite,
            false,
            add_check("orders", None, "total > 0"),
            vec![(MayFailCheck, "orders.(total > 0)")],
        ),
        (
            "pg foreign key",
            Postgres,
            false,
            add_fk("orders", Some("orders_user_id_fkey"), "user_id", "users"),
            vec![
                (MayFailForeignKey, "orders.orders_user_id_fkey"),
                (LongLockValidation, "orders.orders_user_id_fkey"),
            ],
        ),
        (
            "pg foreign key online",
            Postgres,
            true,
            add_fk("orders", Some("orders_user_id_fkey"), "user_id", "users"),
            vec![(MayFailForeignKey, "orders.orders_user_id_fkey")],
        ),
        (
            "mysql foreign key",
            Mysql,
            false,
            add_fk("orders", Some("orders_ibfk_1"), "user_id", "Users"),
            vec![
                (MayFailForeignKey, "orders.orders_ibfk_1"),
                (TableRewrite, "orders.orders_ibfk_1"),
            ],
        ),
        (
            "sqlite unnamed foreign key",
            Sqlite,
            false,
            add_fk("orders", None, "user_id", "users"),
            vec![(MayFailForeignKey, "orders.(user_id) → users")],
        ),
        // Enums.
        (
            "pg drop enum value",
            Postgres,
            false,
            Change::DropEnumValue {
                name: t("mood"),
                value: "sad".into(),
                after: Some("happy".into()),
                before: Some("ok".into()),
            },
            vec![
                (DataLossDropEnumValue, "mood"),
                (TableRewrite, "people.feeling"),
                (TableRewrite, "people.history"),
            ],
        ),
        (
            "pg replace enum, reordered",
            Postgres,
            false,
            Change::ReplaceEnum {
                previous: enum_type(&["happy", "sad", "ok"]),
                next: enum_type(&["ok", "sad", "happy"]),
            },
            vec![
                (TableRewrite, "people.feeling"),
                (TableRewrite, "people.history"),
            ],
        ),
        (
            "pg replace enum, reordered and dropped",
            Postgres,
            false,
            Change::ReplaceEnum {
                previous: enum_type(&["happy", "sad", "ok"]),
                next: enum_type(&["ok", "happy"]),
            },
            vec![
                (DataLossDropEnumValue, "mood"),
                (TableRewrite, "people.feeling"),
                (TableRewrite, "people.history"),
            ],
        ),
        (
            "pg add enum value",
            Postgres,
            false,
            Change::AddEnumValue {
                name: t("mood"),
                value: "meh".into(),
                after: Some("ok".into()),
                before: None,
            },
            vec![],
        ),
    ]
}

fn found(change: &Change, dialect: Dialect, online: bool) -> Vec<crate::Diagnostic> {
    let previous = previous(dialect);
    let ctx = Context {
        dialect,
        previous: &previous,
        online,
    };
    check(change, &ctx)
}

#[test]
fn check_table() {
    let mut wrong = Vec::new();
    for (name, dialect, online, change, want) in rows() {
        let got: Vec<(Code, String)> = found(&change, dialect, online)
            .into_iter()
            .map(|d| (d.code, d.object.unwrap_or_default()))
            .collect();
        let want: Vec<(Code, String)> = want.into_iter().map(|(c, o)| (c, o.into())).collect();
        if got != want {
            wrong.push(format!("{name}:\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_hazard_is_a_warning_naming_its_object_with_a_hint() {
    for (name, dialect, online, change, _) in rows() {
        for d in found(&change, dialect, online) {
            assert_eq!(d.severity, Severity::Warning, "{name}: {d}");
            let object = d.object.as_deref().expect("an object");
            assert!(d.message.contains(object), "{name}: {d}");
            assert!(
                d.hint.as_deref().is_some_and(|h| !h.is_empty()),
                "{name}: {d}"
            );
        }
    }
}

#[test]
fn hazards_come_out_sorted_by_code_and_the_same_every_time() {
    for (name, dialect, online, change, _) in rows() {
        let first = found(&change, dialect, online);
        let codes: Vec<Code> = first.iter().map(|d| d.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted, "{name}");
        assert_eq!(first, found(&change, dialect, online), "{name}");
    }
}

#[test]
fn seed_scenario_messages() {
    let drop = Change::DropColumn {
        table: t("Users"),
        column: col("birthDate", "date"),
        after: Some("email".into()),
    };
    let got = found(&drop, Mysql, false);
    assert_eq!(got[0].code.as_str(), "data-loss-drop-column");
    assert_eq!(
        got[0].message,
        "dropping column Users.birthDate loses its values"
    );
    assert_eq!(
        got[0].hint.as_deref(),
        Some("back up the column or add a rename hint if it was renamed")
    );
    assert_eq!(got[1].code.as_str(), "breaks-app-drop");

    let unique = add_index("Users", "Users_email_key", true, &["email"]);
    let got = found(&unique, Mysql, false);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].code.as_str(), "may-fail-unique");
    assert_eq!(
        got[0].message,
        "adding unique index Users.Users_email_key fails if Users has duplicate (email) values"
    );
}

#[test]
fn messages_say_what_happens() {
    let msg = |change: Change, dialect| {
        found(&change, dialect, false)
            .into_iter()
            .map(|d| d.message)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        msg(
            retype("users", "name", "character varying(100)", "character varying(50)"),
            Postgres
        )[0],
        "changing column users.name from character varying(100) to character varying(50) can lose data: values that do not fit character varying(50) are rejected or cut"
    );
    assert_eq!(
        msg(
            Change::DropEnumValue {
                name: t("mood"),
                value: "sad".into(),
                after: None,
                before: None,
            },
            Postgres
        )[0],
        "dropping value 'sad' from enum mood loses it: the type is recreated, and rows of people.feeling, people.history that hold it make the change fail"
    );
    assert_eq!(
        msg(
            add_column("users", not_null(col("age", "integer"))),
            Postgres
        )[0],
        "adding NOT NULL column users.age without a default fails if users has rows"
    );
    assert_eq!(
        msg(add_column("Users", not_null(col("age", "int"))), Mysql)[0],
        "adding NOT NULL column Users.age without a default gives the rows already in Users the type's implicit default (0, '', ...)"
    );
    assert!(msg(
        add_column(
            "users",
            with_default(col("token", "uuid"), "gen_random_uuid()")
        ),
        Postgres
    )[0]
    .contains("volatile default (gen_random_uuid())"));
}

#[test]
fn a_hazard_serialises_as_a_diagnostic() {
    let got = found(&retype("users", "zip", "text", "integer"), Postgres, false);
    let json = serde_json::to_value(&got[0]).unwrap();
    assert_eq!(json["code"], "data-loss-narrowing-type");
    assert_eq!(json["severity"], "warning");
    assert_eq!(json["object"], "users.zip");
}
