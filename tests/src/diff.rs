//! Readable differences between two schemas: the engine's structural list, then a line diff
//! of the pretty JSON for context.

use similar::{ChangeTag, TextDiff};
use waymark::compare::{differences, Options};
use waymark::Schema;

/// `None` when equal (view definitions aside: servers print those in their own words).
pub fn explain(
    expected_label: &str,
    expected: &Schema,
    actual_label: &str,
    actual: &Schema,
) -> Option<String> {
    let diffs = differences(expected, actual, Options::default());
    if diffs.is_empty() {
        return None;
    }
    let mut out = format!("left = {expected_label}, right = {actual_label}\n");
    for d in &diffs {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&line_diff(
        &waymark::snapshot::to_json(expected),
        &waymark::snapshot::to_json(actual),
    ));
    Some(out)
}

/// Unified-style diff with three lines of context.
pub fn line_diff(left: &str, right: &str) -> String {
    let diff = TextDiff::from_lines(left, right);
    let mut out = String::new();
    for group in diff.grouped_ops(3) {
        out.push_str("  @@\n");
        for op in group {
            for change in diff.iter_changes(&op) {
                let sign = match change.tag() {
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                    ChangeTag::Equal => ' ',
                };
                out.push_str(&format!("  {sign}{change}"));
            }
        }
    }
    out
}
