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

/// STRICT and WITHOUT ROWID in any order, `ANY` columns, string-literal column names: what
/// SQL declares is what SQLite reports.
const OPTIONS_SQL: &str = "
CREATE TABLE items (id integer PRIMARY KEY, name text) STRICT;
CREATE TABLE lookup (name text PRIMARY KEY, data text) WITHOUT ROWID;
CREATE TABLE kv (id integer PRIMARY KEY, data ANY) STRICT, WITHOUT ROWID;
CREATE TABLE kv2 (k text, v any, PRIMARY KEY (k)) WITHOUT ROWID, STRICT;
CREATE TABLE s (id INT PRIMARY KEY, n integer) STRICT;
CREATE TABLE 'bigdata' ('data' integer, 'other' text NOT NULL);
CREATE TABLE plain (a any, b text PRIMARY KEY);
ALTER TABLE items ADD COLUMN payload ANY;
ALTER TABLE plain ADD COLUMN c any;
";

#[test]
fn strict_without_rowid_any_and_quoted_names() {
    let live = introspect_after(Dialect::Sqlite, OPTIONS_SQL);
    let (read, diags) = ingest::parse_schema(Dialect::Sqlite, OPTIONS_SQL).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    if let Some(d) = waymark_oracle::diff::explain("sql", &read, "server", &live) {
        panic!("{d}");
    }
    let opts = |n: &str| {
        let o = &table(&live, n).options;
        (o.strict, o.without_rowid)
    };
    assert_eq!(opts("items"), (true, false));
    assert_eq!(opts("lookup"), (false, true));
    assert_eq!(opts("kv"), (true, true));
    assert_eq!(opts("kv2"), (true, true));
    assert_eq!(opts("plain"), (false, false));
    assert_eq!(table(&live, "kv").column("data").unwrap().data_type, "ANY");
    assert_eq!(
        table(&live, "plain").column("a").unwrap().data_type,
        "NUMERIC",
        "outside STRICT tables ANY is a name with NUMERIC affinity"
    );
    assert!(!table(&live, "lookup").column("name").unwrap().nullable);
    assert!(
        table(&live, "items").column("id").unwrap().nullable,
        "the rowid"
    );
    assert!(!table(&live, "s").column("id").unwrap().nullable);
    assert!(table(&live, "bigdata").column("data").is_some());
}

#[test]
fn triggers_as_written() {
    let sql = "CREATE TABLE users (id integer PRIMARY KEY, age integer);
CREATE TABLE logs (body text);
CREATE VIEW adults AS SELECT * FROM users WHERE age >= 18;
CREATE TRIGGER IF NOT EXISTS users_ins AFTER INSERT ON Users WHEN NEW.age > 1
BEGIN
  INSERT INTO logs VALUES (CASE WHEN NEW.age > 20 THEN 'old' ELSE 'young' END);
END;
CREATE TRIGGER adults_ins INSTEAD OF INSERT ON adults BEGIN INSERT INTO users (id, age) VALUES (NEW.id, NEW.age); END;";
    let live = introspect_after(Dialect::Sqlite, sql);
    let (parsed, _) = ingest::parse_schema(Dialect::Sqlite, sql).unwrap();
    assert!(parsed.triggers.keys().eq(live.triggers.keys()));
    let keys: Vec<String> = live.triggers.keys().map(|k| k.to_string()).collect();
    assert_eq!(keys, ["adults.adults_ins", "users.users_ins"]);
    for (key, t) in &live.triggers {
        assert!(canon::definition::same_definition(
            Dialect::Sqlite,
            &parsed.triggers[key].definition,
            &t.definition
        ));
    }
}
