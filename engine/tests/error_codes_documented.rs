//! docs/errors.md is the user's reference: it must list every code the engine can emit.

#[test]
fn every_code_is_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/errors.md"))
        .expect("docs/errors.md");
    let missing: Vec<&str> = waymark::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !doc.contains(&format!("| `{c}` |")))
        .collect();
    assert!(missing.is_empty(), "docs/errors.md lacks: {missing:?}");
}

#[test]
fn codes_serialise_as_their_stable_text() {
    for code in waymark::Code::ALL {
        assert_eq!(
            serde_json::to_value(code).unwrap(),
            serde_json::Value::String(code.as_str().into())
        );
    }
}
