//! The versioned JSON form: every field survives a round trip, and bad snapshots are refused
//! with a stable code.

use waymark::snapshot::{from_json, to_json};
use waymark::*;

fn rich_schema() -> Schema {
    let mut s = Schema::empty(Dialect::Postgres);
    s.namespaces.push("billing".into());
    let users = QualifiedName::bare("users");
    let mut t = Table::new(users.clone());
    let mut id = Column::new("id", "bigint");
    id.nullable = false;
    id.identity = Some(Identity::Always);
    let mut email = Column::new("email", "character varying(255)");
    email.collation = Some("C".into());
    email.comment = Some("login".into());
    let mut created = Column::new("created_at", "timestamp with time zone");
    created.default = Some("CURRENT_TIMESTAMP".into());
    let mut lower = Column::new("email_lower", "text");
    lower.generated = Some(Generated {
        expr: "lower(email)".into(),
        stored: true,
    });
    t.columns = vec![id, email, created, lower, Column::new("mood", "mood")];
    t.primary_key = Some(PrimaryKey {
        name: Some("users_pkey".into()),
        columns: vec!["id".into()],
        comment: None,
    });
    t.uniques.push(UniqueConstraint {
        name: Some("users_email_key".into()),
        columns: vec!["email".into()],
        nulls_not_distinct: true,
        include: Vec::new(),
        comment: None,
    });
    t.indexes.push(Index {
        name: "users_created_idx".into(),
        unique: false,
        parts: vec![
            IndexPart {
                descending: true,
                nulls_first: Some(false),
                ..IndexPart::column("created_at")
            },
            IndexPart {
                expression: true,
                ..IndexPart::column("lower(email)")
            },
        ],
        predicate: Some("email IS NOT NULL".into()),
        method: Some("gin".into()),
        fk_generated: Default::default(),
        include: Vec::new(),
        nulls_not_distinct: false,
        storage: Vec::new(),
        comment: None,
    });
    t.checks.push(Check {
        name: Some("users_email_check".into()),
        expr: "email <> ''".into(),
        not_valid: true,
        no_inherit: true,
        comment: None,
    });
    t.comment = Some("people".into());
    s.tables.insert(users.clone(), t);

    let invoices = QualifiedName::new(Some("billing".into()), "invoices");
    let mut inv = Table::new(invoices.clone());
    inv.columns.push(Column::new("user_id", "bigint"));
    inv.foreign_keys.push(ForeignKey {
        name: Some("invoices_user_id_fkey".into()),
        columns: vec!["user_id".into()],
        ref_table: users.clone(),
        ref_columns: vec!["id".into()],
        on_delete: FkAction::Cascade,
        on_update: FkAction::SetNull,
        deferrable: Deferrable::InitiallyDeferred,
        not_valid: true,
        comment: None,
    });
    s.tables.insert(invoices.clone(), inv);

    let mood = QualifiedName::bare("mood");
    s.enums.insert(
        mood.clone(),
        EnumType {
            name: mood,
            values: vec!["sad".into(), "ok".into()],
            comment: None,
        },
    );
    let v = QualifiedName::bare("big_invoices");
    s.views.insert(
        v.clone(),
        View {
            name: v,
            definition: "SELECT * FROM billing.invoices".into(),
            reads: vec![invoices],
            materialized: true,
            comment: None,
        },
    );
    s
}

#[test]
fn every_field_round_trips() {
    let s = rich_schema();
    let json = to_json(&s);
    let back = from_json(&json).expect("reads its own output");
    assert_eq!(back, s);
    assert_eq!(
        to_json(&back),
        json,
        "output is byte-identical the second time"
    );
    insta::assert_snapshot!("rich_schema_json", json);
}

#[test]
fn refuses_other_versions_and_formats() {
    let json = to_json(&rich_schema());
    let v2 = json.replacen("\"version\": 1", "\"version\": 2", 1);
    assert_eq!(
        from_json(&v2).unwrap_err().code,
        Code::UnsupportedSnapshotVersion
    );
    let other = json.replacen("waymark.schema", "something.else", 1);
    assert_eq!(from_json(&other).unwrap_err().code, Code::InvalidSnapshot);
    let err = from_json(
        "{\"format\": \"waymark.schema\", \"version\": 1, \"schema\": {\"dialect\": \"oracle\"}}",
    )
    .unwrap_err();
    assert_eq!(err.code, Code::InvalidSnapshot);
    assert!(err.message.contains("oracle"), "{}", err.message);
    assert_eq!(
        from_json("not json").unwrap_err().code,
        Code::InvalidSnapshot
    );
    assert_eq!(from_json("").unwrap_err().code, Code::InvalidSnapshot);
}

#[test]
fn refuses_duplicate_tables_with_their_name() {
    let t = r#"{"name": "users", "columns": []}"#;
    let json = format!(
        r#"{{"format": "waymark.schema", "version": 1, "schema": {{"dialect": "sqlite", "tables": [{t}, {t}]}}}}"#
    );
    let err = from_json(&json).unwrap_err();
    assert_eq!(err.code, Code::InvalidSnapshot);
    assert!(
        err.message.contains("`users` appears twice"),
        "{}",
        err.message
    );
    assert!(err.location.is_some());
}
