//! A rich schema created directly on MariaDB 10.11, introspected with the engine's queries.

use waymark::*;
use waymark_oracle::{introspect_after, table};

fn schema() -> Schema {
    introspect_after(Dialect::Mysql, include_str!("rich/mysql.sql"))
}

#[test]
fn columns_types_defaults_generated_json_collation() {
    let s = schema();
    let users = table(&s, "users");
    let col = |n: &str| users.column(n).unwrap_or_else(|| panic!("no column {n}"));
    assert_eq!(
        col("id").data_type,
        "int unsigned",
        "display width stripped"
    );
    assert_eq!(col("id").identity, Some(Identity::AutoIncrement));
    assert_eq!(col("name").default.as_deref(), Some("'anon'"));
    assert_eq!(col("name").collation.as_deref(), Some("utf8mb4_bin"));
    assert_eq!(
        col("email").collation,
        None,
        "the table's collation is not repeated"
    );
    assert_eq!(col("nickname").default, None, "DEFAULT NULL is no default");
    assert!(col("nickname").nullable);
    assert_eq!(col("status").data_type, "enum('active','banned')");
    assert_eq!(col("status").default.as_deref(), Some("'active'"));
    assert_eq!(col("score").default.as_deref(), Some("0"));
    assert_eq!(col("is_admin").data_type, "tinyint(1)");
    assert_eq!(
        col("settings").data_type,
        "json",
        "MariaDB's longtext + json_valid is json"
    );
    assert_eq!(col("settings").collation, None);
    assert_eq!(
        col("created_at").default.as_deref(),
        Some("CURRENT_TIMESTAMP")
    );
    let virt = col("email_domain").generated.as_ref().unwrap();
    assert_eq!(
        (virt.expr.as_str(), virt.stored),
        ("substring_index(email, '@', -1)", false)
    );
    let stored = col("score_x2").generated.as_ref().unwrap();
    assert_eq!((stored.expr.as_str(), stored.stored), ("score * 2", true));
    assert_eq!(col("bio").comment.as_deref(), Some("about me"));
    assert_eq!(users.comment.as_deref(), Some("people"));
}

#[test]
fn keys_indexes_checks() {
    let s = schema();
    let users = table(&s, "users");
    let pk = users.primary_key.as_ref().unwrap();
    assert_eq!(
        (pk.name.clone(), pk.columns.clone()),
        (None, vec!["id".to_string()])
    );
    assert!(
        users.uniques.is_empty(),
        "unique constraints are unique indexes"
    );
    let names: Vec<&str> = users.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["users_bio_ft", "users_email_uq", "users_name_idx"]);
    assert_eq!(users.indexes[0].method.as_deref(), Some("fulltext"));
    assert!(users.indexes[1].unique);
    let parts = &users.indexes[2].parts;
    assert_eq!(
        (parts[0].column.as_str(), parts[0].length),
        ("name", Some(20))
    );
    assert!(parts[1].descending);
    let checks: Vec<(Option<&str>, &str)> = users
        .checks
        .iter()
        .map(|c| (c.name.as_deref(), c.expr.as_str()))
        .collect();
    assert_eq!(
        checks,
        [
            (Some("CONSTRAINT_1"), "status <> 'banned' OR is_admin = 0"),
            (Some("score_positive"), "score >= 0")
        ],
        "no json_valid check"
    );
}

#[test]
fn foreign_keys_and_their_implicit_indexes() {
    let s = schema();
    let posts = table(&s, "posts");
    let fks: Vec<(Option<&str>, &[String], FkAction, FkAction)> = posts
        .foreign_keys
        .iter()
        .map(|f| {
            (
                f.name.as_deref(),
                f.columns.as_slice(),
                f.on_delete,
                f.on_update,
            )
        })
        .collect();
    assert_eq!(
        fks,
        [
            (
                Some("posts_ibfk_1"),
                &["editor_id".to_string()][..],
                FkAction::SetNull,
                FkAction::NoAction
            ),
            (
                Some("posts_user_fk"),
                &["user_id".to_string()][..],
                FkAction::Cascade,
                FkAction::NoAction
            ),
        ],
        "RESTRICT and NO ACTION are the same rule in InnoDB"
    );
    assert_eq!(
        posts.foreign_keys[0].ref_table,
        QualifiedName::bare("users")
    );
    let names: Vec<&str> = posts.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        ["editor_id", "posts_user_fk"],
        "InnoDB's implicit FK indexes are ordinary indexes"
    );
}

#[test]
fn views_read_their_tables() {
    let s = schema();
    let v = &s.views[&QualifiedName::bare("user_posts")];
    assert_eq!(
        v.reads,
        [QualifiedName::bare("posts"), QualifiedName::bare("users")]
    );
}

/// Table options, character sets, ON UPDATE and index kinds, as SQL declares them and as
/// MariaDB reports them: ingestion and introspection give the same schema.
const OPTIONS_SQL: &str = "
CREATE TABLE a (
  id int PRIMARY KEY,
  name varchar(10),
  code varchar(5) CHARACTER SET ascii,
  bin varchar(5) COLLATE utf8mb4_bin,
  note text CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci,
  kind enum('x','y') CHARACTER SET latin1,
  doc json
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin ROW_FORMAT=DYNAMIC AUTO_INCREMENT=10;
CREATE TABLE b (
  id int,
  legacy varchar(10) CHARACTER SET utf8 COLLATE utf8_unicode_ci,
  plain varchar(10) CHARACTER SET latin1
) ENGINE=MyISAM DEFAULT CHARSET=latin1;
CREATE TABLE c (id int, label varchar(3)) ENGINE=aria CHARSET=utf8;
ALTER TABLE c ENGINE=InnoDB, COLLATE utf8mb4_unicode_ci, ADD COLUMN extra varchar(3);
ALTER TABLE b DEFAULT CHARACTER SET = utf8mb4;
ALTER TABLE b MODIFY plain varchar(12) CHARACTER SET utf8mb4;
CREATE TABLE d (id int, t varchar(3) COLLATE utf8mb4_general_ci) DEFAULT CHARSET=utf8mb4;
CREATE TABLE h (id int, KEY k (id) USING HASH);
CREATE TABLE bin (
  word varchar(64) BINARY NOT NULL,
  body text BINARY,
  ascii_word char(3) CHARACTER SET ascii BINARY,
  raw BINARY(16),
  `text` binary
) DEFAULT CHARSET=latin1;
CREATE TABLE ts (
  id int,
  created_at datetime DEFAULT current_timestamp,
  updated_at timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  touched_at datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  seen_at datetime ON UPDATE now()
);
ALTER TABLE ts MODIFY created_at datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP;
CREATE TABLE posts (
  id int PRIMARY KEY,
  title varchar(40),
  body text,
  loc point NOT NULL,
  FULLTEXT KEY ft_title (title),
  SPATIAL KEY sp_loc (loc)
) ENGINE=Aria;
CREATE FULLTEXT INDEX ft_body ON posts (body);
ALTER TABLE posts ADD FULLTEXT INDEX ft_both (title, body);
";

#[test]
fn table_options_charsets_on_update_and_index_kinds() {
    let live = introspect_after(Dialect::Mysql, OPTIONS_SQL);
    let (read, diags) = ingest::parse_schema(Dialect::Mysql, OPTIONS_SQL).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    if let Some(d) = waymark_oracle::diff::explain("sql", &read, "server", &live) {
        panic!("{d}");
    }
    assert_eq!(
        live.default_collation.as_deref(),
        Some("utf8mb4_general_ci")
    );
    let a = table(&live, "a");
    assert_eq!(a.options.collation.as_deref(), Some("utf8mb4_bin"));
    assert_eq!(a.options.engine, None, "InnoDB is the default");
    assert_eq!(a.column("bin").unwrap().collation, None, "the table's");
    assert_eq!(
        a.column("code").unwrap().collation.as_deref(),
        Some("ascii_general_ci")
    );
    let b = table(&live, "b");
    assert_eq!(b.options.engine.as_deref(), Some("MyISAM"));
    assert_eq!(
        b.column("legacy").unwrap().collation.as_deref(),
        Some("utf8mb3_unicode_ci")
    );
    assert_eq!(
        table(&live, "d").options.collation,
        None,
        "the database's default is no option"
    );
    let bin = table(&live, "bin");
    let coll = |c: &str| bin.column(c).unwrap().collation.clone();
    assert_eq!(coll("word").as_deref(), Some("latin1_bin"), "BINARY");
    assert_eq!(coll("ascii_word").as_deref(), Some("ascii_bin"));
    assert_eq!(bin.column("raw").unwrap().data_type, "binary(16)");
    let ts = table(&live, "ts");
    assert_eq!(
        ts.column("updated_at").unwrap().on_update.as_deref(),
        read.tables[&QualifiedName::bare("ts")]
            .column("updated_at")
            .unwrap()
            .on_update
            .as_deref()
    );
    assert_eq!(
        ts.column("seen_at").unwrap().on_update.as_deref(),
        Some("CURRENT_TIMESTAMP")
    );
    let posts = table(&live, "posts");
    let kinds: Vec<(&str, Option<&str>)> = posts
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.method.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("ft_body", Some("fulltext")),
            ("ft_both", Some("fulltext")),
            ("ft_title", Some("fulltext")),
            ("sp_loc", Some("spatial"))
        ]
    );
}

#[test]
fn triggers_with_compound_bodies() {
    let sql = "CREATE TABLE t (id int, n int);
CREATE TABLE audit (msg varchar(20));
CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW
BEGIN
  IF NEW.n IS NULL THEN
    SET NEW.n = 0;
  END IF;
END;
CREATE TRIGGER `t_ad` AFTER DELETE ON `t` FOR EACH ROW INSERT INTO audit VALUES ('gone');";
    let live = introspect_after(Dialect::Mysql, sql);
    let (parsed, _) = ingest::parse_schema(Dialect::Mysql, sql).unwrap();
    assert!(parsed.triggers.keys().eq(live.triggers.keys()));
    assert_eq!(live.triggers.len(), 2);
    for (key, t) in &live.triggers {
        let written = &parsed.triggers[key];
        assert!(
            canon::definition::same_definition(Dialect::Mysql, &written.definition, &t.definition),
            "{} ≠ {}",
            written.definition,
            t.definition
        );
    }
    let bi = live.triggers.values().find(|t| t.name == "t_bi").unwrap();
    assert!(bi
        .definition
        .starts_with("CREATE TRIGGER `t_bi` BEFORE INSERT ON `t` FOR EACH ROW BEGIN"));
}
