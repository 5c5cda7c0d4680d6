use super::*;
use crate::footprint::{ObjectKind, ObjectRef};
use crate::model::QualifiedName;

fn apply(d: Dialect, sql: &str) -> (Schema, Applied) {
    let mut s = Schema::empty(d);
    let a = apply_sql(&mut s, sql).unwrap();
    (s, a)
}

#[test]
fn statement_labels() {
    let (_, a) = apply(
        Dialect::Postgres,
        "CREATE OR REPLACE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql;",
    );
    assert_eq!(
        a.diagnostics[0].message,
        "unsupported: CREATE FUNCTION at 1:1"
    );
}

#[test]
fn rename_footprint_and_mysql_fk_names() {
    let (s, a) = apply(
        Dialect::Mysql,
        "CREATE TABLE u (id int PRIMARY KEY); CREATE TABLE p (u_id int, FOREIGN KEY (u_id) REFERENCES u (id));\nRENAME TABLE p TO posts;",
    );
    let t = &s.tables[&QualifiedName::bare("posts")];
    assert_eq!(t.foreign_keys[0].name.as_deref(), Some("posts_ibfk_1"));
    let fp = &a.statements[2].footprint;
    let old = ObjectRef::table(&QualifiedName::bare("p"));
    let new = ObjectRef::table(&QualifiedName::bare("posts"));
    assert_eq!(fp.renames, vec![(old.clone(), new.clone())]);
    assert!(fp.alters.contains(&old) && fp.creates.contains(&new));
}

#[test]
fn failed_alter_leaves_table_unchanged() {
    let mut s = Schema::empty(Dialect::Postgres);
    apply_sql(&mut s, "CREATE TABLE t (a int);").unwrap();
    let before = s.clone();
    let e = apply_sql(&mut s, "ALTER TABLE t ADD COLUMN b int, DROP COLUMN nope;").unwrap_err();
    assert_eq!(e.code, Code::UnknownColumn);
    assert_eq!(e.object.as_deref(), Some("t.nope"));
    assert_eq!(s, before);
}

#[test]
fn check_expressions_follow_column_renames() {
    let (s, a) = apply(
        Dialect::Postgres,
        "CREATE TABLE t (price int CHECK (price > 0), q int, CHECK (price < q));\nALTER TABLE t RENAME COLUMN price TO cost;",
    );
    let t = &s.tables[&QualifiedName::bare("t")];
    let exprs: Vec<&str> = t.checks.iter().map(|c| c.expr.as_str()).collect();
    assert_eq!(exprs, ["cost > 0", "cost < q"]);
    assert_eq!(t.checks[0].name.as_deref(), Some("t_price_check"));
    assert!(a.statements[1].footprint.creates.contains(&ObjectRef::part(
        ObjectKind::Column,
        &QualifiedName::bare("t"),
        "cost"
    )));
}

#[test]
fn view_reads_exclude_ctes() {
    let (s, _) = apply(
        Dialect::Postgres,
        "CREATE TABLE a (id int); CREATE TABLE b (id int);\nCREATE VIEW v AS WITH x AS (SELECT id FROM b) SELECT * FROM a JOIN x USING (id) WHERE id IN (SELECT id FROM public.b);",
    );
    let v = &s.views[&QualifiedName::bare("v")];
    assert_eq!(
        v.reads,
        vec![QualifiedName::bare("a"), QualifiedName::bare("b")]
    );
}
