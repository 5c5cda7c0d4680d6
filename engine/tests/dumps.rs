//! What dumps and migration tools write around DDL: pg_dump's serial columns and session
//! statements, mysqldump's delimiters and version comments, PostgreSQL DO blocks. The
//! histories under tests/histories prove the same files against the servers.

use waymark::ingest::{apply_sql, parse_schema};
use waymark::{Code, Dialect, Identity, Location, QualifiedName, Schema, Severity};

fn read(d: Dialect, sql: &str) -> (Schema, Vec<waymark::Diagnostic>) {
    parse_schema(d, sql).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn pg_dump_sequences_make_a_serial_column_and_ownership_is_a_note() {
    let sql = "SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE public.t (id integer NOT NULL, n bigint);
ALTER TABLE public.t OWNER TO app;
CREATE SEQUENCE public.t_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;
CREATE SEQUENCE free_seq;
ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);
ALTER TABLE ONLY public.t ALTER COLUMN n SET DEFAULT nextval('free_seq'::regclass);
SELECT pg_catalog.setval('public.t_id_seq', 1, false);";
    let (s, diags) = read(Dialect::Postgres, sql);
    // The one warning: a sequence no column owns is not modelled.
    let warnings: Vec<_> = diags
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    assert_eq!(warnings.len(), 1, "{diags:#?}");
    assert_eq!(warnings[0].code, Code::UnsupportedStatement);
    assert!(warnings[0].message.contains("free_seq"), "{warnings:?}");
    let t = &s.tables[&QualifiedName::bare("t")];
    assert_eq!(t.columns[0].identity, Some(Identity::Serial));
    assert_eq!(t.columns[0].default, None);
    // A sequence no column owns stays a plain default.
    assert_eq!(t.columns[1].identity, None);
    assert_eq!(t.columns[1].default.as_deref(), Some("nextval('free_seq')"));
    let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::SessionStatement) && codes.contains(&Code::SequenceStatement));
}

#[test]
fn mysqldump_delimiters_locks_and_version_comments_are_read() {
    let sql = "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
DROP TABLE IF EXISTS `t`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `t` (`id` int NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB;
LOCK TABLES `t` WRITE;
/*!40000 ALTER TABLE `t` DISABLE KEYS */;
INSERT INTO `t` VALUES (1);
/*!40000 ALTER TABLE `t` ENABLE KEYS */;
UNLOCK TABLES;
DELIMITER $$
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.id = NEW.id + 1; END$$
DELIMITER ;";
    let (s, diags) = read(Dialect::Mysql, sql);
    assert!(
        diags.iter().all(|d| d.severity == Severity::Info),
        "{diags:#?}"
    );
    assert_eq!(s.tables.len(), 1);
    assert_eq!(s.triggers.len(), 1);
}

#[test]
fn a_do_block_is_unsupported_at_its_position_never_a_syntax_error() {
    let sql = "CREATE TABLE t (id int);\n  DO $fn$ DECLARE n int; BEGIN RAISE NOTICE 'x'; END $fn$ LANGUAGE plpgsql;\nDO 'BEGIN PERFORM 1; END';";
    let (_, diags) = read(Dialect::Postgres, sql);
    let unsupported: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::UnsupportedStatement)
        .collect();
    assert_eq!(unsupported.len(), 2, "{diags:#?}");
    assert_eq!(
        unsupported[0].location,
        Some(Location { line: 2, column: 3 })
    );
    assert_eq!(unsupported[0].message, "unsupported: DO block at 2:3");
}

#[test]
fn idempotent_do_blocks_apply_their_ddl_when_the_check_says_so() {
    let mut s = Schema::empty(Dialect::Postgres);
    let guarded = "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN CREATE TYPE mood AS ENUM ('a'); END IF; END $$;";
    apply_sql(&mut s, guarded).unwrap();
    let mood = QualifiedName::bare("mood");
    assert_eq!(s.enums[&mood].values, ["a"]);
    // The second time the check finds the type: nothing happens, no duplicate error.
    let again = guarded.replace("('a')", "('a', 'b')");
    apply_sql(&mut s, &again).unwrap();
    assert_eq!(s.enums[&mood].values, ["a"]);
    let caught = "DO $$ BEGIN CREATE TYPE mood AS ENUM ('z'); EXCEPTION WHEN duplicate_object THEN null; END $$;";
    let applied = apply_sql(&mut s, caught).unwrap();
    assert!(applied.diagnostics.is_empty(), "{:?}", applied.diagnostics);
    assert_eq!(s.enums[&mood].values, ["a"]);
    // An error the handler does not name still fails, as on the server.
    let other = "DO $$ BEGIN ALTER TABLE nope ADD COLUMN a int; EXCEPTION WHEN duplicate_object THEN null; END $$;";
    assert_eq!(
        apply_sql(&mut s, other).unwrap_err().code,
        Code::UnknownTable
    );
}

#[test]
fn a_serial_sequence_keeps_its_options() {
    let sql = "CREATE TABLE t (id integer NOT NULL);
CREATE SEQUENCE t_id_seq AS integer INCREMENT BY 5 START WITH 100 CACHE 1;
ALTER SEQUENCE t_id_seq OWNED BY t.id;
ALTER TABLE t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);
ALTER SEQUENCE t_id_seq RESTART WITH 7 MAXVALUE 5000;";
    let (s, diags) = read(Dialect::Postgres, sql);
    assert!(
        diags.iter().all(|d| d.severity == Severity::Info),
        "{diags:#?}"
    );
    let id = &s.tables.values().next().unwrap().columns[0];
    assert_eq!(id.identity, Some(waymark::model::Identity::Serial));
    let o = id.sequence.as_ref().expect("options kept");
    assert_eq!(
        (o.increment, o.start, o.max),
        (Some(5), Some(100), Some(5000))
    );
    let (_, diags) = read(
        Dialect::Postgres,
        "CREATE SEQUENCE s INCREMENT BY 2 NO SUCH;",
    );
    let codes: Vec<Code> = diags
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| d.code)
        .collect();
    // The option it cannot read, and that the sequence stands alone.
    assert_eq!(
        codes,
        [Code::UnsupportedClause, Code::UnsupportedStatement],
        "{diags:#?}"
    );
}

/// The dumps the oracle replays against the servers (tests/histories/*/18_*dump*): read with
/// nothing but notes, except for the one standalone sequence of the pg_dump file, which the
/// model does not hold (that no column owns it is warned about).
#[test]
fn the_history_dumps_read_with_notes_only() {
    let dumps = [
        (
            Dialect::Postgres,
            include_str!("../../tests/histories/postgres/18_pg_dump/001_schema_dump.sql"),
        ),
        (
            Dialect::Mysql,
            include_str!("../../tests/histories/mysql/18_mysqldump/001_dump.sql"),
        ),
    ];
    for (d, sql) in dumps {
        let (s, diags) = read(d, sql);
        let loud: Vec<_> = diags
            .iter()
            .filter(|x| x.severity != Severity::Info)
            .collect();
        let expected = if d == Dialect::Postgres { 1 } else { 0 };
        assert_eq!(loud.len(), expected, "{d}: {loud:#?}");
        assert!(
            loud.iter().all(|x| x.message.contains("invoice_counter")),
            "{d}: {loud:#?}"
        );
        assert!(s.tables.len() >= 2, "{d}");
    }
}

#[test]
fn dropping_the_sequence_of_a_serial_column() {
    let sql = "CREATE TABLE t (id integer NOT NULL);
CREATE SEQUENCE t_id_seq;
ALTER SEQUENCE t_id_seq OWNED BY t.id;
ALTER TABLE t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);";
    let e = parse_schema(
        Dialect::Postgres,
        &format!("{sql}\nDROP SEQUENCE t_id_seq;"),
    )
    .unwrap_err();
    assert_eq!(e.code, Code::DependentObjects);
    let (s, _) = read(
        Dialect::Postgres,
        &format!("{sql}\nDROP SEQUENCE t_id_seq CASCADE;\nDROP SEQUENCE IF EXISTS other;"),
    );
    let col = &s.tables[&QualifiedName::bare("t")].columns[0];
    assert_eq!((col.identity, col.default.as_deref()), (None, None));
}

#[test]
fn pg_dump_partitions_read_as_the_sql_they_came_from() {
    // pg_dump writes partitions as tables ATTACHed later, their keys and indexes one by one.
    let dump = format!(
        "\\restrict k3y\n{}\n\\unrestrict k3y\n",
        include_str!("../../tests/histories/postgres/22_pg_dump_partitions/001_dump.sql")
    );
    let (dumped, diags) = read(Dialect::Postgres, &dump);
    let loud: Vec<_> = diags
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert!(diags.iter().any(|d| d.code == Code::PartitionMember));
    let (written, _) = read(
        Dialect::Postgres,
        include_str!("plans/postgres/partitions/from.sql"),
    );
    assert_eq!(dumped.tables, written.tables);
}
