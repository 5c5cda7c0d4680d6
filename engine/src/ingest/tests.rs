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
    let (_, a) = apply(Dialect::Postgres, "CREATE ROLE app;");
    assert_eq!(a.diagnostics[0].message, "unsupported: CREATE ROLE at 1:1");
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
    // Checks are in name order: `t_check` (the table-level one), then `t_price_check`.
    assert_eq!(exprs, ["cost < q", "cost > 0"]);
    assert_eq!(t.checks[1].name.as_deref(), Some("t_price_check"));
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

#[test]
fn session_statements_are_notes_with_positions() {
    let (_, a) = apply(
        Dialect::Sqlite,
        "PRAGMA foreign_keys = OFF;\n  PRAGMA main.legacy_alter_table=ON; PRAGMA foreign_key_check;\nCREATE TABLE t (a int);",
    );
    let kinds: Vec<StatementKind> = a.statements.iter().map(|s| s.kind).collect();
    use StatementKind::*;
    assert_eq!(kinds, [Session, Session, Session, Ddl]);
    assert_eq!(a.statements[1].text, "PRAGMA main.legacy_alter_table=ON");
    assert_eq!(
        (a.statements[1].start.line, a.statements[1].start.column),
        (2, 3)
    );
    assert_eq!(a.statements[3].start.line, 3);
    assert!(a
        .diagnostics
        .iter()
        .all(|d| d.code == Code::SessionStatement && d.severity == Severity::Info));
}

#[test]
fn postgres_alter_column_forms_sqlparser_lacks() {
    let (s, _) = apply(
        Dialect::Postgres,
        "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, c varchar(5) COLLATE \"C\", d text);\n\
         ALTER TABLE t ALTER COLUMN id DROP IDENTITY, ALTER d DROP IDENTITY IF EXISTS;\n\
         ALTER TABLE t ALTER c SET DATA TYPE varchar(9) COLLATE \"POSIX\" USING c::varchar(9);\n\
         ALTER TABLE t ALTER COLUMN d TYPE varchar(3);",
    );
    let t = &s.tables[&QualifiedName::bare("t")];
    let id = t.column("id").unwrap();
    assert_eq!((id.identity, id.nullable), (None, false));
    let c = t.column("c").unwrap();
    assert_eq!(c.data_type, "character varying(9)");
    assert_eq!(c.collation.as_deref(), Some("POSIX"));
    let mut s2 = s.clone();
    let e = apply_sql(&mut s2, "ALTER TABLE t ALTER COLUMN d DROP IDENTITY;").unwrap_err();
    assert_eq!(e.code, Code::UnknownConstraint);
}

#[test]
fn mysql_table_comment_and_fk_index_bookkeeping() {
    let (s, _) = apply(
        Dialect::Mysql,
        "CREATE TABLE a (id int PRIMARY KEY);\n\
         CREATE TABLE b (id int, a_id int, FOREIGN KEY (a_id) REFERENCES a (id)) COMMENT 'x';\n\
         ALTER TABLE b COMMENT = 'y';\n\
         ALTER TABLE b DROP FOREIGN KEY b_ibfk_1;\n\
         ALTER TABLE b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id);",
    );
    let t = &s.tables[&QualifiedName::bare("b")];
    assert_eq!(t.comment.as_deref(), Some("y"));
    // The server-made index `a_id` gave way to the new key's own index.
    let names: Vec<&str> = t.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["b_a"]);
}
