//! The report: one line per case, sorted by class then id, and a histogram of the reasons
//! cases are unsupported.

use crate::oracle::Verdict;
use std::collections::BTreeMap;

pub const CLASSES: [&str; 4] = ["passed", "unsupported", "wrong", "crashed"];

/// Counts per class, in `CLASSES` order.
pub fn counts(results: &[(String, Verdict)]) -> BTreeMap<&'static str, usize> {
    let mut out: BTreeMap<&'static str, usize> = CLASSES.iter().map(|c| (*c, 0)).collect();
    for (_, v) in results {
        *out.entry(v.class()).or_default() += 1;
    }
    out
}

/// `{"passed":N,"unsupported":N,"wrong":N,"crashed":N}`.
pub fn counts_json(results: &[(String, Verdict)]) -> String {
    let c = counts(results);
    let fields: Vec<String> = CLASSES
        .iter()
        .map(|k| format!("\"{k}\":{}", c[k]))
        .collect();
    format!("{{{}}}", fields.join(","))
}

pub fn render(results: &[(String, Verdict)]) -> String {
    let mut rows: Vec<&(String, Verdict)> = results.iter().collect();
    rows.sort_by(|a, b| (a.1.class(), &a.0).cmp(&(b.1.class(), &b.0)));
    let mut out = String::new();
    for (id, v) in rows {
        out.push_str(&format!("{}\t{id}\t{}\n", v.class(), v.reason()));
    }
    out.push_str(&format!("\n# totals {}\n", counts_json(results)));
    for class in ["unsupported", "wrong", "crashed"] {
        out.push_str(&format!("# {class}, by reason\n"));
        for (n, key) in histogram(results, class) {
            out.push_str(&format!("{n:>5}  {key}\n"));
        }
    }
    out
}

/// (count, key) for the reasons of one class, most frequent first.
pub fn histogram(results: &[(String, Verdict)], class: &str) -> Vec<(usize, String)> {
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (_, v) in results.iter().filter(|(_, v)| v.class() == class) {
        *by_key.entry(reason_key(v.reason())).or_default() += 1;
    }
    let mut out: Vec<(usize, String)> = by_key.into_iter().map(|(k, n)| (n, k)).collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out
}

/// What a reason is about: its head up to `:` or `;` (the diagnostic code, `needs ...`,
/// `server refused the input`, `up step refused`) and, after a `:`, up to two words (`CREATE
/// TRIGGER`, `not yet`). Quoted SQL, step numbers and SQLSTATEs are left out.
pub fn reason_key(reason: &str) -> String {
    let reason = without_backticks(reason);
    let cut = reason.find([':', ';']).filter(|&i| i <= 60);
    let Some(i) = cut else {
        return reason
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
    };
    let head: Vec<&str> = reason[..i]
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let head = head.join(" ");
    if reason[i..].starts_with(';') {
        return head;
    }
    let mut words = Vec::new();
    for w in reason[i + 1..].split_whitespace() {
        let bare = w.trim_end_matches([':', ',']);
        // Error numbers and SQLSTATEs (`42601:`, `1075 (42000):`) before the message.
        if words.is_empty() && bare.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let filler = ["at", "on", "in"].contains(&bare);
        let plain = bare.len() > 1 && bare.chars().all(|c| c.is_alphabetic() || "_-/".contains(c));
        if filler || !plain || words.len() == 2 {
            break;
        }
        words.push(bare);
        if bare.len() != w.len() {
            break;
        }
    }
    match words.is_empty() {
        true => head,
        false => format!("{head}: {}", words.join(" ")),
    }
}

/// `up step 1 `ALTER ...` refused` → `up step 1 refused`. The statement goes first, as a
/// whole: MySQL statements hold backticks of their own.
fn without_backticks(reason: &str) -> String {
    let mut reason = reason.to_string();
    if let Some(end) = reason.find("` refused: ") {
        if let Some(start) = reason[..end].find('`') {
            reason.replace_range(start..=end, "");
        }
    }
    reason
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join("")
}

#[cfg(test)]
mod tests {
    use super::reason_key;

    #[test]
    fn keys() {
        assert_eq!(
            reason_key("unsupported-statement: CREATE TRIGGER at 3:1 (from)"),
            "unsupported-statement: CREATE TRIGGER"
        );
        assert_eq!(
            reason_key("unsupported-change: not yet (plan)"),
            "unsupported-change: not yet"
        );
        assert_eq!(
            reason_key("needs PostgreSQL >= 18.0; the oracle runs PostgreSQL 15 / MariaDB 10.11"),
            "needs PostgreSQL >= 18.0"
        );
        assert_eq!(
            reason_key("server refused the input: to: 42601: syntax error"),
            "server refused the input: to"
        );
        assert_eq!(
            reason_key("up step 3 `ALTER TABLE t ADD x::int` refused: 42601: syntax error at or"),
            "up step refused: syntax error"
        );
        assert_eq!(
            reason_key("unsupported-statement: GRANT at 5:1 (to)"),
            "unsupported-statement: GRANT"
        );
    }
}
