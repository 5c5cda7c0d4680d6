//! The planner's execution order, from SQL pairs: one test per dependency edge kind, plus
//! determinism, the differ's order kept for independent changes, and cycles.

use waymark::diff::{diff, summary, Change, MigrationPair, RenameHints};
use waymark::ingest::parse_schema;
use waymark::plan::order;
use waymark::{Code, Dialect, QualifiedName, Schema};

fn schema(dialect: Dialect, sql: &str) -> Schema {
    parse_schema(dialect, sql).expect("parses").0
}

/// The summary lines of the diff, in planned order.
fn planned_with(dialect: Dialect, before: &str, after: &str, hints: &RenameHints) -> Vec<String> {
    let (a, b) = (schema(dialect, before), schema(dialect, after));
    let pair = MigrationPair {
        previous: &a,
        next: &b,
    };
    let changes = diff(pair, hints).expect("diffs").changes;
    let idx = order(&changes, &a, &b).expect("orders");
    let mut seen = idx.clone();
    seen.sort();
    assert_eq!(
        seen,
        (0..changes.len()).collect::<Vec<_>>(),
        "a permutation"
    );
    let ordered: Vec<Change> = idx.iter().map(|&i| changes[i].clone()).collect();
    summary(&ordered)
}

fn planned(before: &str, after: &str) -> Vec<String> {
    planned_with(Dialect::Postgres, before, after, &RenameHints::default())
}

/// Asserts that the line starting with `first` comes before the one starting with `then`.
fn before(lines: &[String], first: &str, then: &str) {
    let at = |p: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(p))
            .unwrap_or_else(|| panic!("no `{p}` in {lines:#?}"))
    };
    assert!(
        at(first) < at(then),
        "`{first}` not before `{then}`: {lines:#?}"
    );
}

#[test]
fn foreign_key_is_dropped_before_the_table_it_references() {
    let lines = planned(
        "CREATE TABLE a (id int PRIMARY KEY);
         CREATE TABLE b (id int, a_id int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));",
        "CREATE TABLE b (id int, a_id int);",
    );
    before(&lines, "- foreign key b b_a", "- table a");
}

#[test]
fn foreign_key_is_dropped_before_its_referenced_column_changes() {
    let lines = planned(
        "CREATE TABLE a (id int PRIMARY KEY);
         CREATE TABLE b (a_id int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));",
        "CREATE TABLE a (id bigint PRIMARY KEY);
         CREATE TABLE b (a_id bigint,
           CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE CASCADE);",
    );
    before(&lines, "- foreign key b b_a", "~ column a.id");
    before(&lines, "~ column a.id", "+ foreign key b b_a");
    before(&lines, "~ column b.a_id", "+ foreign key b b_a");
}

#[test]
fn referenced_table_is_created_before_tables_and_keys_pointing_to_it() {
    // `a_child` sorts before `z_parent`, so only the graph can put the parent first.
    let lines = planned(
        "CREATE TABLE other (p int);",
        "CREATE TABLE z_parent (id int PRIMARY KEY);
         CREATE TABLE a_child (p int REFERENCES z_parent (id));
         CREATE TABLE other (p int, CONSTRAINT o_p FOREIGN KEY (p) REFERENCES z_parent (id));",
    );
    before(&lines, "+ table z_parent", "+ table a_child");
    before(&lines, "+ table z_parent", "+ foreign key other o_p");
}

#[test]
fn unique_index_is_added_before_the_foreign_key_that_needs_it() {
    let lines = planned(
        "CREATE TABLE a (code int); CREATE TABLE b (code int);",
        "CREATE TABLE a (code int); CREATE UNIQUE INDEX z_code ON a (code);
         CREATE TABLE b (code int, CONSTRAINT b_code FOREIGN KEY (code) REFERENCES a (code));",
    );
    before(&lines, "+ index a.z_code", "+ foreign key b b_code");
}

#[test]
fn view_is_dropped_before_and_recreated_after_a_column_change() {
    let lines = planned(
        "CREATE TABLE t (x int, y int); CREATE VIEW v AS SELECT x FROM t;",
        "CREATE TABLE t (x int); CREATE VIEW w AS SELECT x FROM t;",
    );
    before(&lines, "- view v", "- column t.y");
    before(&lines, "- column t.y", "+ view w");
}

#[test]
fn replaced_view_comes_after_the_column_it_reads() {
    let lines = planned(
        "CREATE TABLE t (x int); CREATE VIEW a_view AS SELECT x FROM t;",
        "CREATE TABLE t (x int, y int); CREATE VIEW a_view AS SELECT x, y FROM t;",
    );
    before(&lines, "+ column t.y", "~ view a_view");
}

#[test]
fn enum_value_is_added_before_a_default_uses_it() {
    let lines = planned(
        "CREATE TYPE mood AS ENUM ('ok'); CREATE TABLE a (m mood);",
        "CREATE TYPE mood AS ENUM ('ok', 'happy'); CREATE TABLE a (m mood DEFAULT 'happy', n mood DEFAULT 'happy');",
    );
    before(&lines, "+ enum value mood 'happy'", "~ column a.m");
    before(&lines, "+ enum value mood 'happy'", "+ column a.n");
}

#[test]
fn enum_is_created_before_and_dropped_after_its_columns() {
    let lines = planned(
        "CREATE TYPE a_old AS ENUM ('x'); CREATE TABLE t (o a_old);",
        "CREATE TYPE a_new AS ENUM ('y'); CREATE TABLE t (n a_new);",
    );
    before(&lines, "- column t.o", "- enum a_old");
    before(&lines, "+ enum a_new", "+ column t.n");
}

#[test]
fn index_and_constraints_are_dropped_before_their_column() {
    let lines = planned(
        "CREATE TABLE t (a int, b int, CONSTRAINT t_b UNIQUE (b), CONSTRAINT t_c CHECK (b > 0));
         CREATE INDEX t_idx ON t (b);",
        "CREATE TABLE t (a int);",
    );
    for member in ["- index t.t_idx", "- unique t t_b", "- check t t_c"] {
        before(&lines, member, "- column t.b");
    }
}

#[test]
fn column_is_added_before_index_and_constraints_on_it() {
    let lines = planned(
        "CREATE TABLE t (a int);",
        "CREATE TABLE t (a int, z int, CONSTRAINT t_z UNIQUE (z), CONSTRAINT t_c CHECK (z > 0));
         CREATE INDEX a_idx ON t (z);",
    );
    for member in ["+ index t.a_idx", "+ unique t t_z", "+ check t t_c"] {
        before(&lines, "+ column t.z", member);
    }
}

#[test]
fn renames_come_before_changes_using_the_new_name() {
    let hints = RenameHints {
        tables: vec![(QualifiedName::bare("old_t"), QualifiedName::bare("t"))],
        columns: vec![(QualifiedName::bare("t"), "a".into(), "b".into())],
    };
    let lines = planned_with(
        Dialect::Postgres,
        "CREATE TABLE old_t (a int);",
        "CREATE TABLE t (b int); CREATE INDEX a_idx ON t (b);",
        &hints,
    );
    before(&lines, "~ table old_t", "+ index t.a_idx");
    before(&lines, "~ column", "+ index t.a_idx");
}

#[test]
fn an_index_name_is_freed_before_it_is_reused() {
    let lines = planned(
        "CREATE TABLE t (a int, b int); CREATE INDEX t_i ON t (a);",
        "CREATE TABLE t (a int, b int); CREATE INDEX t_i ON t (b);",
    );
    before(&lines, "- index t.t_i", "+ index t.t_i");
}

const BIG_BEFORE: &str = "CREATE TYPE mood AS ENUM ('ok');
    CREATE TABLE a (id int PRIMARY KEY, m mood);
    CREATE TABLE b (id int, a_id int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a (id));
    CREATE VIEW v AS SELECT id FROM b;";
const BIG_AFTER: &str = "CREATE TYPE mood AS ENUM ('ok', 'meh');
    CREATE TABLE b (id bigint, a_id int, note text DEFAULT 'x');
    CREATE TABLE c (id int PRIMARY KEY, b_id int);
    CREATE VIEW v AS SELECT id, note FROM b;";

#[test]
fn order_is_deterministic() {
    let first = planned(BIG_BEFORE, BIG_AFTER);
    for _ in 0..3 {
        assert_eq!(planned(BIG_BEFORE, BIG_AFTER), first);
    }
}

#[test]
fn independent_changes_keep_the_differs_order() {
    let (a, b) = (
        schema(
            Dialect::Postgres,
            "CREATE TABLE t (a int); CREATE TABLE u (a int);",
        ),
        schema(
            Dialect::Postgres,
            "CREATE TABLE s (a int); CREATE TABLE t (a int, b int); CREATE TABLE u (c int);",
        ),
    );
    let pair = MigrationPair {
        previous: &a,
        next: &b,
    };
    let changes = diff(pair, &RenameHints::default()).unwrap().changes;
    assert!(changes.len() >= 4);
    let idx = order(&changes, &a, &b).unwrap();
    assert_eq!(idx, (0..changes.len()).collect::<Vec<_>>());
}

#[test]
fn a_cycle_is_an_error_naming_its_changes() {
    // Two columns swapping names: each rename needs the other's old name freed first.
    let t = QualifiedName::bare("t");
    let swap = |from: &str, to: &str| Change::RenameColumn {
        table: t.clone(),
        from: from.into(),
        to: to.into(),
    };
    let changes = vec![swap("a", "b"), swap("b", "a")];
    let s = Schema::empty(Dialect::Postgres);
    let err = order(&changes, &s, &s).unwrap_err();
    assert_eq!(err.code, Code::PlanCycle);
    assert!(
        err.message.contains("t.a") && err.message.contains("t.b"),
        "{}",
        err.message
    );
}
