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
