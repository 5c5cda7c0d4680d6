//! Functions and triggers: read from SQL, compared, planned.

use waymark::diff::{diff, MigrationPair, RenameHints};
use waymark::ingest::{parse_schema, split_statements};
use waymark::plan::{plan, PlanOptions};
use waymark::{Code, Dialect, QualifiedName, Schema, TriggerKey};

fn schema(d: Dialect, sql: &str) -> Schema {
    let (s, diags) = parse_schema(d, sql).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        diags.iter().all(|d| d.code != Code::UnsupportedStatement),
        "{diags:?}"
    );
    s
}

fn key(table: &str, name: &str) -> TriggerKey {
    TriggerKey {
        table: QualifiedName::bare(table),
        name: name.into(),
    }
}

#[test]
fn mysql_compound_bodies_are_one_statement() {
    let sql = "CREATE TABLE t (id int, n int);
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW
BEGIN
  DECLARE CONTINUE HANDLER FOR SQLSTATE '23000' SET @x = 1;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  IF (NEW.n IS NULL) THEN
    SET NEW.n = IF(NEW.id > 1, 1, 0);
  ELSEIF NEW.n < 0 THEN
    SET NEW.n = CASE WHEN NEW.id IS NULL THEN 0 ELSE NEW.id END;
  END IF;
  WHILE NEW.n > 10 DO SET NEW.n = NEW.n - 1; END WHILE;
  lbl: REPEAT SET NEW.n = NEW.n + 1; UNTIL NEW.n > 0 END REPEAT lbl;
END;
CREATE TRIGGER t_bu BEFORE UPDATE ON t FOR EACH ROW IF NEW.n IS NULL THEN SET NEW.n = 0; END IF;
CREATE TABLE after_them (id int);";
    let parts = split_statements(Dialect::Mysql, sql).unwrap();
    assert_eq!(parts.len(), 4, "{parts:#?}");
    assert!(parts[1].0.ends_with("END REPEAT lbl;\nEND"));
    assert!(parts[2].0.ends_with("END IF"));
    let s = schema(Dialect::Mysql, sql);
    assert_eq!(s.triggers.len(), 2);
    assert!(s.tables.contains_key(&QualifiedName::bare("after_them")));
}

#[test]
fn postgres_functions_keyed_by_input_types() {
    let s = schema(
        Dialect::Postgres,
        "CREATE FUNCTION f(a int, OUT b text, c varchar(3) DEFAULT 'x') RETURNS record AS $$ SELECT 1, 'a' $$ LANGUAGE sql;
         CREATE FUNCTION f(numeric(10,2)[]) RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql COST 5 ROWS 1 LEAKPROOF;
         CREATE FUNCTION f(t text) RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
         DROP FUNCTION f(IN x text);",
    );
    let keys: Vec<String> = s.functions.keys().map(|k| k.to_string()).collect();
    assert_eq!(keys, ["f(integer, character varying)", "f(numeric[])"]);
    let err = parse_schema(Dialect::Postgres, "CREATE FUNCTION g() RETURNS int AS 'SELECT 1' LANGUAGE sql; CREATE FUNCTION g() RETURNS int AS 'SELECT 2' LANGUAGE sql;").unwrap_err();
    assert_eq!(err.code, Code::DuplicateFunction);
    let err = parse_schema(
        Dialect::Postgres,
        "CREATE FUNCTION g(int) RETURNS int AS 'SELECT 1' LANGUAGE sql; CREATE FUNCTION g(text) RETURNS int AS 'SELECT 2' LANGUAGE sql; DROP FUNCTION g;",
    )
    .unwrap_err();
    assert_eq!(err.code, Code::UnknownFunction);
}

#[test]
fn triggers_follow_and_leave_with_their_table() {
    let s = schema(
        Dialect::Sqlite,
        "CREATE TABLE a (id integer); CREATE TABLE b (id integer);
         CREATE TRIGGER a_ins AFTER INSERT ON a BEGIN INSERT INTO b VALUES (NEW.id); END;
         CREATE TRIGGER b_ins AFTER INSERT ON b BEGIN SELECT 1; END;
         ALTER TABLE a RENAME TO c; DROP TABLE b;",
    );
    let t = &s.triggers[&key("c", "a_ins")];
    assert!(t.definition.contains("ON \"c\""), "{}", t.definition);
    assert_eq!(s.triggers.len(), 1);
    let err = parse_schema(
        Dialect::Mysql,
        "CREATE TABLE a (id int); CREATE TABLE b (id int);
         CREATE TRIGGER x BEFORE INSERT ON a FOR EACH ROW SET @a = 1;
         CREATE TRIGGER x BEFORE INSERT ON b FOR EACH ROW SET @a = 1;",
    )
    .unwrap_err();
    assert_eq!(
        err.code,
        Code::DuplicateTrigger,
        "MySQL names triggers per schema"
    );
    let err = parse_schema(Dialect::Postgres, "DROP TRIGGER nope ON nowhere;").unwrap_err();
    assert_eq!(err.code, Code::UnknownTable);
}

#[test]
fn spelling_is_no_change_and_diffs_mirror() {
    let a = schema(
        Dialect::Postgres,
        "CREATE TABLE t (id int);
         CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER t_f BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f();",
    );
    let b = schema(
        Dialect::Postgres,
        "create table t (id int);
         create or replace function F() returns TRIGGER as $body$ BEGIN RETURN NEW; END $body$ language plpgsql;
         create trigger t_f before insert on t for each row execute function f();",
    );
    let pair = |p, n| MigrationPair {
        previous: p,
        next: n,
    };
    assert!(diff(pair(&a, &b), &RenameHints::default())
        .unwrap()
        .changes
        .is_empty());
    let empty = Schema::empty(Dialect::Postgres);
    let up = diff(pair(&empty, &a), &RenameHints::default())
        .unwrap()
        .changes;
    let mut down: Vec<_> = diff(pair(&a, &empty), &RenameHints::default())
        .unwrap()
        .changes;
    let mut inverted: Vec<_> = up.iter().map(|c| c.inverse()).collect();
    inverted.sort_by_key(|c| c.subject());
    down.sort_by_key(|c| c.subject());
    assert_eq!(inverted, down);
    // Dropping everything: the trigger goes before its table and its function.
    let p = plan(
        pair(&a, &empty),
        &RenameHints::default(),
        &PlanOptions::default(),
    )
    .unwrap();
    let summary = p.summary();
    assert_eq!(summary[0], "- trigger t.t_f", "{summary:?}");
}

#[test]
fn snapshots_round_trip_functions_and_triggers() {
    let s = schema(
        Dialect::Postgres,
        "CREATE TABLE t (id int);
         CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER t_f BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();",
    );
    let json = waymark::snapshot::to_json(&s);
    assert_eq!(waymark::snapshot::from_json(&json).unwrap(), s);
}

#[test]
fn mysql_dump_delimiters_and_stored_programs() {
    let sql = "DELIMITER ;;
CREATE TABLE t (id int);;
CREATE DEFINER=`root`@`%` TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.id = 1; END;;
CREATE FUNCTION f() RETURNS int DETERMINISTIC BEGIN RETURN 1; END;;
DELIMITER ;
CREATE DEFINER=`root`@`%` PROCEDURE p() BEGIN SELECT 1; END;";
    let (s, diags) = parse_schema(Dialect::Mysql, sql).unwrap();
    assert_eq!(s.triggers.len(), 1);
    let unsupported: Vec<&str> = diags
        .iter()
        .filter(|d| d.code == Code::UnsupportedStatement)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        unsupported,
        [
            "unsupported: CREATE FUNCTION at 4:1",
            "unsupported: CREATE PROCEDURE at 6:1"
        ]
    );
    let texts: Vec<String> = split_statements(Dialect::Mysql, sql)
        .unwrap()
        .into_iter()
        .map(|(t, _, _)| t)
        .collect();
    assert_eq!(texts.len(), 4, "no DELIMITER for the server: {texts:#?}");
    // mysqldump writes triggers inside version comments.
    let dump = "CREATE TABLE t (id int, a int);
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END */;;
DELIMITER ;";
    let (s, _) = parse_schema(Dialect::Mysql, dump).unwrap();
    let t = s.triggers.values().next().unwrap();
    assert!(
        t.definition.starts_with("CREATE")
            && t.definition.ends_with("END")
            && t.definition.contains("TRIGGER x BEFORE INSERT ON t"),
        "{}",
        t.definition
    );
    // Any other delimiter ends statements the same way; the server gets them without it.
    let sql = "DELIMITER //\nCREATE TABLE t (id int)//\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;\n";
    let (s, _) = parse_schema(Dialect::Mysql, sql).unwrap();
    assert!(s.tables.contains_key(&QualifiedName::bare("t")));
    let texts: Vec<String> = split_statements(Dialect::Mysql, sql)
        .unwrap()
        .into_iter()
        .map(|(t, _, _)| t)
        .collect();
    assert_eq!(
        texts,
        [
            "CREATE TABLE t (id int)",
            "CREATE PROCEDURE p() BEGIN SELECT 1; END"
        ]
    );
}
