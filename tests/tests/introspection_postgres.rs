//! A rich schema created directly on PostgreSQL 15, introspected with the engine's queries.

use waymark::*;
use waymark_oracle::{introspect_after, table};

fn schema() -> Schema {
    introspect_after(Dialect::Postgres, include_str!("rich/postgres.sql"))
}

#[test]
fn columns_types_identity_defaults_generated_collation_comments() {
    let s = schema();
    let users = table(&s, "users");
    let col = |n: &str| users.column(n).unwrap_or_else(|| panic!("no column {n}"));
    let names: Vec<&str> = users.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "id",
            "uid",
            "email",
            "name",
            "price",
            "status",
            "current",
            "moods",
            "tags",
            "created_at",
            "email_lower"
        ]
    );
    assert_eq!(col("id").identity, Some(Identity::Serial));
    assert_eq!(col("id").default, None, "serial's nextval() is implied");
    assert!(!col("id").nullable);
    assert_eq!(col("uid").identity, Some(Identity::Always));
    assert_eq!(col("email").data_type, "character varying(255)");
    assert_eq!(col("email").collation.as_deref(), Some("C"));
    assert_eq!(col("email").comment.as_deref(), Some("login"));
    assert_eq!(
        col("name").collation,
        None,
        "default collation is not reported"
    );
    assert_eq!(col("name").default.as_deref(), Some("'anon'"));
    assert_eq!(col("price").data_type, "numeric(10,2)");
    assert_eq!(col("current").data_type, "mood");
    assert_eq!(col("current").default.as_deref(), Some("'ok'"));
    assert_eq!(col("moods").data_type, "mood[]");
    assert_eq!(col("tags").data_type, "text[]");
    assert_eq!(col("created_at").data_type, "timestamp with time zone");
    assert_eq!(
        col("created_at").default.as_deref(),
        Some("CURRENT_TIMESTAMP")
    );
    let generated = col("email_lower").generated.as_ref().unwrap();
    assert_eq!(
        (generated.expr.as_str(), generated.stored),
        ("lower(email)", true)
    );
    assert_eq!(users.comment.as_deref(), Some("people"));
    let posts = table(&s, "Posts");
    assert_eq!(
        posts.column("id").unwrap().identity,
        Some(Identity::ByDefault)
    );
}

#[test]
fn keys_uniques_checks() {
    let s = schema();
    let users = table(&s, "users");
    let pk = users.primary_key.as_ref().unwrap();
    assert_eq!(
        (pk.name.as_deref(), pk.columns.clone()),
        (Some("users_pkey"), vec!["id".to_string()])
    );
    assert_eq!(users.uniques.len(), 1);
    assert!(users.uniques[0].nulls_not_distinct);
    let checks: Vec<(Option<&str>, &str)> = users
        .checks
        .iter()
        .map(|c| (c.name.as_deref(), c.expr.as_str()))
        .collect();
    assert_eq!(
        checks,
        [
            (Some("status_ok"), "status IN ('active', 'banned')"),
            (Some("users_price_check"), "price > 0")
        ]
    );
    let posts = table(&s, "Posts");
    assert_eq!(
        posts.primary_key.as_ref().unwrap().name.as_deref(),
        Some("Posts_pkey")
    );
    assert_eq!(
        posts.uniques[0].name.as_deref(),
        Some("Posts_user_id_title_key")
    );
    assert_eq!(posts.uniques[0].columns, ["user_id", "title"]);
}

#[test]
fn indexes_skip_constraint_backed_ones() {
    let s = schema();
    let users = table(&s, "users");
    let names: Vec<&str> = users.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        ["users_lower_idx", "users_recent_idx", "users_tags_idx"]
    );
    let lower = &users.indexes[0];
    assert!(lower.unique);
    assert_eq!(lower.parts[0].column, "lower(email)");
    assert!(lower.parts[0].expression);
    assert_eq!(lower.predicate.as_deref(), Some("price > 10"));
    let recent = &users.indexes[1];
    assert!(recent.parts[0].descending);
    assert_eq!(recent.parts[0].nulls_first, Some(false));
    assert!(!recent.parts[1].descending);
    assert_eq!(recent.parts[1].nulls_first, Some(true));
    assert_eq!(recent.method, None);
    assert_eq!(users.indexes[2].method.as_deref(), Some("gin"));
    assert!(table(&s, "Posts").indexes.is_empty());
}

#[test]
fn foreign_keys_actions_deferrable() {
    let s = schema();
    let fks = &table(&s, "Posts").foreign_keys;
    assert_eq!(fks.len(), 2);
    let user = &fks[0];
    assert_eq!(user.name.as_deref(), Some("Posts_user_id_fkey"));
    assert_eq!(user.ref_table, QualifiedName::bare("users"));
    assert_eq!(
        (user.on_delete, user.on_update),
        (FkAction::Cascade, FkAction::NoAction)
    );
    assert_eq!(user.deferrable, Deferrable::InitiallyDeferred);
    let editor = &fks[1];
    assert_eq!(editor.name.as_deref(), Some("posts_editor_fk"));
    assert_eq!(
        (editor.on_delete, editor.on_update),
        (FkAction::SetNull, FkAction::SetNull)
    );
    assert_eq!(editor.deferrable, Deferrable::NotDeferrable);
}

#[test]
fn enums_and_views() {
    let s = schema();
    let mood = &s.enums[&QualifiedName::bare("mood")];
    assert_eq!(mood.values, ["sad", "ok", "happy"]);
    let v = &s.views[&QualifiedName::bare("user_posts")];
    assert_eq!(
        v.reads,
        [QualifiedName::bare("Posts"), QualifiedName::bare("users")]
    );
    assert!(!v.materialized);
    assert!(v.definition.contains("JOIN \"Posts\" p"));
    let m = &s.views[&QualifiedName::bare("post_counts")];
    assert!(m.materialized);
    assert_eq!(m.reads, [QualifiedName::bare("Posts")]);
}

#[test]
fn enum_value_order_follows_sort_order_not_creation() {
    let s = introspect_after(
        Dialect::Postgres,
        "CREATE TYPE level AS ENUM ('low', 'high');
         ALTER TYPE level ADD VALUE 'mid' BEFORE 'high';
         ALTER TYPE level RENAME VALUE 'low' TO 'lowest';",
    );
    assert_eq!(
        s.enums[&QualifiedName::bare("level")].values,
        ["lowest", "mid", "high"]
    );
}
