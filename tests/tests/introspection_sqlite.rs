//! A rich schema created directly in SQLite, introspected with the engine's queries.

use waymark::*;
use waymark_oracle::{introspect_after, table};

fn schema() -> Schema {
    introspect_after(Dialect::Sqlite, include_str!("rich/sqlite.sql"))
}

#[test]
fn columns_affinity_defaults_generated_collation_autoincrement() {
    let s = schema();
    let users = table(&s, "users");
    let col = |n: &str| users.column(n).unwrap_or_else(|| panic!("no column {n}"));
    assert_eq!(col("id").identity, Some(Identity::AutoIncrement));
    assert_eq!(col("email").data_type, "TEXT");
    assert!(!col("email").nullable);
    assert_eq!(col("name").collation.as_deref(), Some("NOCASE"));
    assert_eq!(col("name").default.as_deref(), Some("'anon'"));
    assert_eq!(col("score").data_type, "REAL");
    assert_eq!(col("score").default.as_deref(), Some("0"));
    assert_eq!(
        col("created_at").default.as_deref(),
        Some("CURRENT_TIMESTAMP")
    );
    assert_eq!(col("flags").data_type, "INTEGER");
    let virt = col("email_lower").generated.as_ref().unwrap();
    assert_eq!((virt.expr.as_str(), virt.stored), ("lower(email)", false));
    let stored = col("score2").generated.as_ref().unwrap();
    assert_eq!((stored.expr.as_str(), stored.stored), ("score * 2", true));
}

#[test]
fn keys_uniques_indexes_checks() {
    let s = schema();
    let users = table(&s, "users");
    assert_eq!(users.primary_key.as_ref().unwrap().columns, ["id"]);
    let uniques: Vec<&[String]> = users.uniques.iter().map(|u| u.columns.as_slice()).collect();
    assert_eq!(
        uniques,
        [
            &["email".to_string()][..],
            &["name".to_string(), "created_at".to_string()][..]
        ]
    );
    assert!(users.uniques.iter().all(|u| u.name.is_none()));
    let names: Vec<&str> = users.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        ["users_lower_idx", "users_recent_idx"],
        "autoindexes are not indexes"
    );
    assert!(users.indexes[0].unique && users.indexes[0].parts[0].expression);
    assert_eq!(users.indexes[0].parts[0].column, "lower(email)");
    assert!(users.indexes[1].parts[0].descending);
    assert_eq!(users.indexes[1].predicate.as_deref(), Some("flags > 1"));
    let checks: Vec<&str> = users.checks.iter().map(|c| c.expr.as_str()).collect();
    // Unnamed checks are in canonical order: by expression text.
    assert_eq!(checks, ["flags IS NULL OR flags > 0", "score >= 0"]);
    let posts = table(&s, "posts");
    assert_eq!(
        posts.primary_key.as_ref().unwrap().columns,
        ["user_id", "slug"]
    );
}

#[test]
fn foreign_keys_in_canonical_order() {
    let s = schema();
    let fks = &table(&s, "posts").foreign_keys;
    assert_eq!(fks.len(), 2);
    // Unnamed keys are in canonical order: by columns.
    assert_eq!(fks[1].columns, ["user_id"]);
    assert_eq!(
        fks[1].ref_columns,
        ["id"],
        "REFERENCES users means its primary key"
    );
    assert_eq!(fks[1].on_delete, FkAction::Cascade);
    assert_eq!(fks[0].columns, ["editor_id"]);
    assert_eq!(fks[0].on_update, FkAction::SetNull);
    assert_eq!(fks[0].deferrable, Deferrable::InitiallyDeferred);
}

#[test]
fn views_read_tables_not_ctes() {
    let s = schema();
    let v = &s.views[&QualifiedName::bare("user_posts")];
    assert_eq!(
        v.reads,
        [QualifiedName::bare("posts"), QualifiedName::bare("users")]
    );
}
