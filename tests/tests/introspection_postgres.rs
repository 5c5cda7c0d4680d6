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

/// Privileges, row-level security and policies read from the server equal what ingestion
/// makes of the same SQL. Roles belong to the server: created here if missing.
#[test]
fn grants_row_security_and_policies_match_ingestion() {
    let roles = "DO $$ BEGIN CREATE ROLE wm_test_app; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
         DO $$ BEGIN CREATE ROLE \"wm-test reader\"; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;";
    let sql = "CREATE TABLE users (id bigint PRIMARY KEY, tenant_id bigint, name varchar(20));
         CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint);
         GRANT SELECT, INSERT ON users TO wm_test_app, \"wm-test reader\";
         GRANT UPDATE ON users, posts TO wm_test_app WITH GRANT OPTION;
         GRANT ALL PRIVILEGES ON posts TO \"wm-test reader\";
         GRANT SELECT ON users TO PUBLIC;
         REVOKE INSERT ON users FROM \"wm-test reader\";
         REVOKE TRUNCATE, TRIGGER ON posts FROM \"wm-test reader\";
         REVOKE GRANT OPTION FOR UPDATE ON posts FROM wm_test_app;
         GRANT SELECT (id, name), UPDATE (name) ON users TO \"wm-test reader\";
         GRANT INSERT (user_id) ON posts TO wm_test_app WITH GRANT OPTION;
         GRANT SELECT (id) ON posts TO wm_test_app;
         REVOKE SELECT ON posts FROM wm_test_app;
         ALTER TABLE users RENAME COLUMN name TO label;
         CREATE TABLE counters (id bigserial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY);
         GRANT USAGE, SELECT ON SEQUENCE counters_id_seq TO wm_test_app WITH GRANT OPTION;
         GRANT UPDATE ON SEQUENCE counters_n_seq TO PUBLIC;
         GRANT SELECT ON counters TO wm_test_app;
         REVOKE SELECT ON counters FROM wm_test_app;
         ALTER TABLE counters RENAME COLUMN n TO m;
         ALTER TABLE users ENABLE ROW LEVEL SECURITY;
         ALTER TABLE posts FORCE ROW LEVEL SECURITY;
         CREATE POLICY tenant ON users
           USING (tenant_id::text = current_setting('app.tenant', true))
           WITH CHECK (label::text <> '' AND tenant_id > 0);
         CREATE POLICY own ON posts AS RESTRICTIVE FOR UPDATE TO wm_test_app, \"wm-test reader\"
           USING (user_id = 1);
         CREATE POLICY everyone ON posts FOR SELECT TO wm_test_app, PUBLIC USING (true);
         ALTER POLICY own ON posts TO wm_test_app WITH CHECK (user_id IN (1, 2));";
    let server = introspect_after(Dialect::Postgres, &format!("{roles}\n{sql}"));
    let (ingested, diags) = ingest::parse_schema(Dialect::Postgres, sql).expect("SQL parses");
    assert!(diags.is_empty(), "{diags:?}");
    for name in ["users", "posts", "counters"] {
        let (s, i) = (table(&server, name), table(&ingested, name));
        assert_eq!(s.grants, i.grants, "{name}: grants");
        assert_eq!(s.row_security, i.row_security, "{name}: row security");
        assert_eq!(s.policies, i.policies, "{name}: policies");
    }
    let users = table(&server, "users");
    let app: Vec<_> = users
        .grants
        .iter()
        .filter(|g| g.role == "wm_test_app")
        .collect();
    assert_eq!(app.len(), 2, "plain and with grant option: {app:?}");
    assert_eq!(app[0].privileges, ["INSERT", "SELECT"]);
    assert!(app[1].with_grant_option && app[1].privileges == ["UPDATE"]);
    assert!(users.grants.iter().any(|g| g.role == "public"));
    assert!(
        !users.grants.iter().any(|g| g.role == "postgres"),
        "the owner's own privileges are implied"
    );
    assert_eq!(
        users.policies[0].using.as_deref(),
        Some("tenant_id::text = current_setting('app.tenant', true)"),
        "a cast of a bigint column to text is kept"
    );
    let reader: Vec<_> = users
        .grants
        .iter()
        .filter(|g| g.role == "wm-test reader")
        .map(|g| (g.column.as_deref(), g.privileges.join(",")))
        .collect();
    assert_eq!(
        reader,
        [
            (None, "SELECT".to_string()),
            (Some("id"), "SELECT".to_string()),
            (Some("label"), "SELECT,UPDATE".to_string())
        ]
    );
    let posts = table(&server, "posts");
    assert!(
        !posts
            .grants
            .iter()
            .any(|g| g.role == "wm_test_app" && g.privileges.contains(&"SELECT".to_string())),
        "revoking SELECT on the table took SELECT (id) along: {:?}",
        posts.grants
    );
    assert!(posts.row_security.forced && !posts.row_security.enabled);
    let counters: Vec<_> = table(&server, "counters")
        .grants
        .iter()
        .map(|g| {
            (
                g.role.as_str(),
                g.column.as_deref(),
                g.sequence.as_deref(),
                g.privileges.join(","),
            )
        })
        .collect();
    assert_eq!(
        counters,
        [
            ("public", Some("m"), Some("counters_n_seq"), "UPDATE".into()),
            (
                "wm_test_app",
                Some("id"),
                Some("counters_id_seq"),
                "SELECT,USAGE".into()
            ),
        ],
        "the sequence keeps its name when its column is renamed"
    );
    let everyone = &posts.policies[0];
    assert_eq!(
        (everyone.command, everyone.roles.as_slice()),
        (PolicyCommand::Select, ["public".to_string()].as_slice())
    );
}

/// Domains, and the comments on indexes, views, enum types and constraints, read from the
/// server equal what ingestion makes of the same SQL.
#[test]
fn domains_and_object_comments_match_ingestion() {
    let sql = "CREATE TYPE color AS ENUM ('red', 'green');
         COMMENT ON TYPE color IS 'colours';
         CREATE DOMAIN email AS text NOT NULL DEFAULT 'x@y'
           CHECK (VALUE ~ '@') CONSTRAINT email_len CHECK (length(VALUE) < 200);
         CREATE DOMAIN score AS numeric(5,2) DEFAULT 1.50 CHECK (VALUE >= 0) CHECK (VALUE <= 100);
         CREATE DOMAIN primary_color AS color;
         CREATE DOMAIN \"Tag\" AS varchar(20) COLLATE \"C\";
         ALTER DOMAIN score ADD CONSTRAINT score_not_42 CHECK (VALUE <> 42);
         ALTER DOMAIN email DROP CONSTRAINT email_len;
         COMMENT ON DOMAIN email IS 'mail';
         COMMENT ON CONSTRAINT score_check ON DOMAIN score IS 'positive';
         CREATE TABLE users (id integer PRIMARY KEY, mail email, s score, c primary_color,
           tags \"Tag\"[], CHECK (id > 1));
         CREATE INDEX users_mail ON users (mail);
         COMMENT ON INDEX users_mail IS 'lookup';
         COMMENT ON CONSTRAINT users_pkey ON users IS 'key';
         COMMENT ON CONSTRAINT users_id_check ON users IS 'check';
         CREATE VIEW v AS SELECT id FROM users;
         COMMENT ON VIEW v IS 'view';";
    let server = introspect_after(Dialect::Postgres, sql);
    let (ingested, diags) = ingest::parse_schema(Dialect::Postgres, sql).expect("SQL parses");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(server.domains, ingested.domains);
    assert_eq!(server.enums, ingested.enums);
    let (s, i) = (table(&server, "users"), table(&ingested, "users"));
    assert_eq!(s.columns, i.columns);
    assert_eq!(s.primary_key, i.primary_key);
    assert_eq!(s.checks, i.checks);
    assert_eq!(s.indexes, i.indexes);
    let view = |schema: &Schema| schema.views[&QualifiedName::bare("v")].comment.clone();
    assert_eq!(view(&server), Some("view".into()));
    assert_eq!(view(&ingested), view(&server));
    let score = &server.domains[&QualifiedName::bare("score")];
    let checks: Vec<(&str, &str, Option<&str>)> = score
        .checks
        .iter()
        .map(|c| {
            (
                c.name.as_deref().unwrap_or(""),
                c.expr.as_str(),
                c.comment.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        checks,
        [
            ("score_check", "value >= 0", Some("positive")),
            ("score_check1", "value <= 100", None),
            ("score_not_42", "value <> 42", None),
        ]
    );
    assert_eq!(score.default.as_deref(), Some("1.5"));
    let tag = &server.domains[&QualifiedName::bare("Tag")];
    assert_eq!(
        (tag.data_type.as_str(), tag.collation.as_deref()),
        ("character varying(20)", Some("C"))
    );
    assert_eq!(s.column("tags").unwrap().data_type, "Tag[]");
    assert_eq!(s.indexes[0].comment.as_deref(), Some("lookup"));
}

/// Extensions are per database: one of its own, so none leaks into other tests.
#[test]
fn extensions_match_ingestion() {
    let sql = "CREATE EXTENSION IF NOT EXISTS pgcrypto;
         CREATE EXTENSION \"uuid-ossp\";
         CREATE TABLE t (id uuid DEFAULT uuid_generate_v4());";
    let mut db = waymark_oracle::Scratch::open_database(Dialect::Postgres);
    db.execute(sql).expect("server runs the SQL");
    let server = db.introspect().expect("introspects");
    let (ingested, _) = ingest::parse_schema(Dialect::Postgres, sql).expect("SQL parses");
    let names: Vec<&String> = server.extensions.keys().collect();
    assert_eq!(names, ["pgcrypto", "uuid-ossp"], "plpgsql is left out");
    assert_eq!(server.extensions, ingested.extensions);
}

#[test]
fn functions_and_triggers() {
    let sql = "CREATE TABLE t (id int, n text);
CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql;
COMMENT ON FUNCTION touch() IS 'touches';
CREATE FUNCTION add(a int, b varchar(5) DEFAULT 'x', OUT c int) AS 'SELECT a' LANGUAGE sql;
CREATE PROCEDURE p(VARIADIC xs int[]) LANGUAGE sql AS 'SELECT 1';
CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE OF n ON t FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TRIGGER t_touch ON t IS 'on t';";
    let live = introspect_after(Dialect::Postgres, sql);
    let keys: Vec<String> = live.functions.keys().map(|k| k.to_string()).collect();
    assert_eq!(
        keys,
        ["add(integer, character varying)", "p(integer[])", "touch()"]
    );
    let (parsed, _) = ingest::parse_schema(Dialect::Postgres, sql).unwrap();
    assert!(
        parsed.functions.keys().eq(live.functions.keys()),
        "SQL and catalog agree on the signatures"
    );
    let touch = live
        .functions
        .values()
        .find(|f| f.name.name == "touch")
        .unwrap();
    assert_eq!(touch.comment.as_deref(), Some("touches"));
    assert!(
        touch
            .definition
            .starts_with("CREATE OR REPLACE FUNCTION touch()"),
        "the scratch schema's qualifier is gone: {}",
        touch.definition
    );
    assert!(live.functions.values().any(|f| f.procedure));
    let t = &live.triggers[&TriggerKey {
        table: QualifiedName::bare("t"),
        name: "t_touch".into(),
    }];
    assert_eq!(t.function, Some(QualifiedName::bare("touch")));
    assert_eq!(t.comment.as_deref(), Some("on t"));
    assert_eq!(
        t.definition,
        "CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE OF n ON t FOR EACH ROW EXECUTE FUNCTION touch()"
    );
    assert!(parsed.triggers.keys().eq(live.triggers.keys()));
}
