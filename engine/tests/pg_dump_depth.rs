//! pg_dump prints constraints with heavy parenthesising; those must stay under the parser's
//! nesting limit.

use waymark::{ingest, Dialect};

#[test]
fn pg_dump_style_checks_are_read() {
    let sql = "CREATE TABLE t (status character varying(10), a int, b int, \
        CONSTRAINT t_status_check CHECK ((((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))), \
        CONSTRAINT t_ab_check CHECK ((((a > 0) AND (b > 0)) OR ((a IS NULL) AND ((b IS NULL) OR ((b)::numeric > (0)::numeric))))));";
    let (schema, _) = ingest::parse_schema(Dialect::Postgres, sql).expect("pg_dump output is read");
    let t = schema.tables.values().next().unwrap();
    let status = t
        .checks
        .iter()
        .find(|c| c.name.as_deref() == Some("t_status_check"))
        .unwrap();
    assert_eq!(status.expr, "status IN ('a', 'b')");
}
