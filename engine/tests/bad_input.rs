//! Input that is empty, broken, huge or hostile: always a clear diagnostic with a code and a
//! line:column, never a panic or a stack overflow.

use waymark::ingest::{apply_bytes, apply_sql, parse_schema, split_statements};
use waymark::{Code, Dialect, Location, Schema};

fn err(dialect: Dialect, sql: &str) -> waymark::Diagnostic {
    let mut schema = Schema::empty(dialect);
    apply_sql(&mut schema, sql).expect_err("input must be refused")
}

fn at(line: u64, column: u64) -> Option<Location> {
    Some(Location { line, column })
}

#[test]
fn empty_input_is_an_empty_schema() {
    for d in Dialect::ALL {
        for sql in ["", "   \n\t", ";;;", "-- only a comment\n", "/* block */"] {
            let (schema, diags) = parse_schema(d, sql).unwrap();
            assert_eq!(schema, Schema::empty(d));
            assert!(diags.is_empty());
        }
    }
}

#[test]
fn garbage_is_a_syntax_error_with_position() {
    for d in Dialect::ALL {
        let e = err(d, "CREATE TABLE t (id int);\n  hello world");
        assert_eq!(e.code, Code::SyntaxError);
        assert_eq!(e.location, at(2, 3), "{d}: {e}");
        let e = err(d, "\u{1F600} ☃");
        assert_eq!(e.code, Code::SyntaxError);
    }
}

#[test]
fn unterminated_string_and_comment() {
    for d in Dialect::ALL {
        let e = err(
            d,
            "CREATE TABLE t (a text);\nCREATE TABLE u (b text DEFAULT 'open",
        );
        assert_eq!(e.code, Code::SyntaxError);
        assert_eq!(e.location.unwrap().line, 2, "{d}: {e}");
        let e = err(
            d,
            "CREATE TABLE t (a int);\n/* never closed\nCREATE TABLE u (b int);",
        );
        assert_eq!(e.code, Code::SyntaxError);
        assert!(e.location.is_some(), "{d}: {e}");
        assert!(e.message.to_lowercase().contains("comment"), "{d}: {e}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let sql = format!(
        "CREATE TABLE t (a int CHECK ({}a > 0{}));",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    for d in Dialect::ALL {
        let e = err(d, &sql);
        assert_eq!(e.code, Code::SyntaxError, "{d}: {e}");
        assert!(e.location.is_some());
        assert!(e.message.contains("nested too deeply"), "{d}: {e}");
    }
    // Deep subqueries in a view, too.
    let view = format!(
        "CREATE VIEW v AS {}SELECT 1{};",
        "SELECT * FROM (".repeat(5_000),
        ") x".repeat(5_000)
    );
    assert_eq!(err(Dialect::Postgres, &view).code, Code::SyntaxError);
    // Moderate nesting still works.
    let ok = format!(
        "CREATE TABLE t (a int CHECK ({}a > 0{}));",
        "(".repeat(12),
        ")".repeat(12)
    );
    let (schema, _) = parse_schema(Dialect::Postgres, &ok).unwrap();
    assert_eq!(
        schema.tables.values().next().unwrap().checks[0].expr,
        "a > 0"
    );
}

#[test]
fn ten_megabytes() {
    // Many small tables: it parses, and the statement positions stay exact.
    let mut sql = String::with_capacity(10 << 20);
    let mut n = 0;
    while sql.len() < 10 << 20 {
        sql.push_str(&format!(
            "CREATE TABLE t{n} (id integer PRIMARY KEY, name varchar(100) NOT NULL, note text DEFAULT 'x', ref_id integer);\n"
        ));
        n += 1;
    }
    sql.push_str("CREATE TABLE broken (");
    let e = err(Dialect::Postgres, &sql);
    assert_eq!(e.code, Code::SyntaxError);
    assert_eq!(e.location.unwrap().line, n + 1, "{e}");

    // One 10 MB line of a single string default.
    let long = format!(
        "CREATE TABLE t (a text DEFAULT '{}');",
        "x".repeat(10 << 20)
    );
    let (schema, _) = parse_schema(Dialect::Sqlite, &long).unwrap();
    assert_eq!(schema.tables.len(), 1);
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let mut schema = Schema::empty(Dialect::Postgres);
    let e = apply_bytes(
        &mut schema,
        b"CREATE TABLE t (id int);\nCREATE TABLE \xc3\x28 (x int);",
    )
    .unwrap_err();
    assert_eq!(e.code, Code::InvalidUtf8);
    assert_eq!(e.location, at(2, 14));
    assert!(
        schema.tables.is_empty(),
        "nothing applies from undecodable input"
    );
    let ok = apply_bytes(&mut schema, "CREATE TABLE é (id int);".as_bytes()).unwrap();
    assert_eq!(ok.statements.len(), 1);
}

#[test]
fn split_keeps_exact_text_and_positions() {
    let sql = "-- header\nCREATE TABLE a (id int); CREATE TABLE \"é\" (x text DEFAULT ';');\n\n  DROP TABLE a";
    let parts = split_statements(Dialect::Postgres, sql).unwrap();
    let texts: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        texts,
        [
            "CREATE TABLE a (id int)",
            "CREATE TABLE \"é\" (x text DEFAULT ';')",
            "DROP TABLE a"
        ]
    );
    assert_eq!(parts[0].1, Location { line: 2, column: 1 });
    assert_eq!(
        parts[1].1,
        Location {
            line: 2,
            column: 26
        }
    );
    assert_eq!(parts[2].1, Location { line: 4, column: 3 });
    assert_eq!(
        parts[2].2,
        Location {
            line: 4,
            column: 15
        }
    );
}

#[test]
fn every_prefix_of_a_script_is_handled_without_panic() {
    let script = "CREATE SCHEMA s; CREATE TYPE s.m AS ENUM ('a'); CREATE TABLE s.t (id serial PRIMARY KEY, m s.m, \
        e text UNIQUE CHECK (e <> ''), p int REFERENCES s.t); CREATE INDEX ON s.t (lower(e)) WHERE id > 0; \
        ALTER TABLE s.t RENAME COLUMN e TO email, ADD COLUMN x int; CREATE VIEW s.v AS SELECT * FROM s.t; \
        ALTER TABLE s.t DROP COLUMN email; DROP TABLE s.t CASCADE;";
    for d in Dialect::ALL {
        for (i, _) in script.char_indices() {
            let mut schema = Schema::empty(d);
            let _ = apply_sql(&mut schema, &script[..i]);
        }
    }
}
