//! Migration ids, their order, checksums and the no-transaction marker.

use waymark::history::checksum::checksum_with;
use waymark::history::{
    checksum, has_no_transaction_marker, sort_ids, IdLayout, MigrationId, CHECKSUM_VERSION,
};
use waymark::Code;

#[test]
fn ids_sort_by_prefix_value_then_name() {
    let cases: &[(&[&str], &[&str])] = &[
        // Numeric, not textual: 10 after 9.
        (&["10_c", "9_b", "0001_a"], &["0001_a", "9_b", "10_c"]),
        // Same prefix: the rest decides.
        (
            &["0002_b", "0002_a", "0001_z"],
            &["0001_z", "0002_a", "0002_b"],
        ),
        // Timestamps: the Kysely pair, and precision padded on the right.
        (
            &["20230914000000_b", "20230913000001_a", "20230913_z"],
            &["20230913_z", "20230913000001_a", "20230914000000_b"],
        ),
        (
            &["20231109120000_add_users", "20231109115959_init"],
            &["20231109115959_init", "20231109120000_add_users"],
        ),
        // An id that is only a number.
        (&["2", "1_x"], &["1_x", "2"]),
    ];
    for (input, expected) in cases {
        let got: Vec<String> = sort_ids(input.iter().copied())
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect();
        assert_eq!(&got, expected, "sorting {input:?}");
    }
}

#[test]
fn layouts_and_names() {
    let t = MigrationId::parse("20231109120000_add_users").unwrap();
    assert_eq!((t.layout, t.name()), (IdLayout::Timestamp, "add_users"));
    let s = MigrationId::parse("0001_init").unwrap();
    assert_eq!((s.layout, s.name()), (IdLayout::Sequence, "init"));
}

#[test]
fn bad_ids_and_mixed_layouts_are_errors() {
    for bad in [
        "init",
        "_0001",
        "0001-init",
        "V1__init",
        "123456789012345678901_x",
    ] {
        let e = MigrationId::parse(bad).unwrap_err();
        assert_eq!(e.code, Code::InvalidMigrationId, "{bad}");
        assert!(e.message.contains(bad));
        assert!(e.hint.is_some());
    }
    let e = sort_ids(["0001_init", "20231109120000_add_users", "0002_more"]).unwrap_err();
    assert_eq!(e.code, Code::MixedIdLayouts);
    assert!(
        e.message.contains("20231109120000_add_users") && e.message.contains("0001_init"),
        "{}",
        e.message
    );
}

#[test]
fn checksums_ignore_line_endings_and_trailing_blanks_only() {
    let lf = "CREATE TABLE users (\n  id int\n);\n";
    let same = [
        "CREATE TABLE users (\r\n  id int\r\n);\r\n",
        "CREATE TABLE users (\r  id int\r);",
        "CREATE TABLE users (  \n  id int\t\n);\n\n\n",
        "\u{feff}CREATE TABLE users (\n  id int\n);\n",
    ];
    let sum = checksum(lf);
    assert_eq!(sum.version, CHECKSUM_VERSION);
    assert_eq!(sum.value.len(), 64);
    for s in same {
        assert_eq!(checksum(s), sum, "{s:?}");
    }
    let different = [
        "CREATE TABLE users (\n  id bigint\n);\n",
        "CREATE TABLE users (\n id int\n);\n",
        "-- a comment\nCREATE TABLE users (\n  id int\n);\n",
    ];
    for s in different {
        assert_ne!(checksum(s), sum, "{s:?}");
    }
    assert_eq!(checksum_with(lf, 1).unwrap(), sum);
    assert_eq!(
        checksum_with(lf, 99).unwrap_err().code,
        Code::UnsupportedChecksumVersion
    );
}

#[test]
fn the_no_transaction_marker_must_lead() {
    let cases = [
        ("-- waymark:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);", true),
        ("-- adds an index\n\n--   waymark:no-transaction  \r\nCREATE INDEX CONCURRENTLY i ON t (a);", true),
        ("CREATE INDEX i ON t (a);\n-- waymark:no-transaction\n", false),
        ("-- waymark:no-transactional\nSELECT 1;", false),
        ("", false),
    ];
    for (sql, expected) in cases {
        assert_eq!(has_no_transaction_marker(sql), expected, "{sql:?}");
    }
}
