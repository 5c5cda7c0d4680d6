//! MySQL script text the tokenizer should not see as written, overwritten before tokenizing
//! with the same number of bytes, so every position and every statement's text stay those
//! of the input:
//!
//! - the mysql client's `DELIMITER x` command, as scripts and dumps use it around stored
//!   programs (`DELIMITER //` ... `END //` ... `DELIMITER ;`): each use of the custom
//!   delimiter (outside quotes and comments) becomes `;` and spaces, and the `DELIMITER`
//!   line itself reads `DELIMITER ;` (a session statement). Delimiters that are not ASCII
//!   are left alone (and refused later);
//! - version comments (`/*!40101 SET NAMES utf8mb4 */`, MariaDB's `/*M!100100 ... */`): the
//!   server runs their content (every version mysqldump writes is below MariaDB 10.11's), so
//!   the markers become spaces and the content reads as SQL at its real position. (sqlparser
//!   reads the content too, but places it at the comment's start.)

use std::borrow::Cow;

pub fn rewrite(sql: &str) -> Cow<'_, str> {
    if !contains_word(sql, "delimiter") && !sql.contains("/*!") && !sql.contains("/*M!") {
        return Cow::Borrowed(sql);
    }
    let mut in_version_comment = false;
    let b = sql.as_bytes();
    let mut out = b.to_vec();
    let mut delim: Vec<u8> = b";".to_vec();
    let mut line_start = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if line_start && starts_word(b, i, b"delimiter") {
            let mut j = i + 9;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                j += 1;
            }
            let from = j;
            while j < b.len() && !b[j].is_ascii_whitespace() {
                j += 1;
            }
            let d = &b[from..j];
            if !d.is_empty() && d.is_ascii() {
                delim = d.to_vec();
                blank(&mut out, from, j);
            }
            i = j;
            line_start = false;
            continue;
        }
        match c {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            _ => line_start = false,
        }
        if let Some(len) = version_marker(&b[i..]) {
            blank_all(&mut out, i, i + len);
            in_version_comment = true;
            i += len;
            continue;
        }
        if in_version_comment && b[i..].starts_with(b"*/") {
            blank_all(&mut out, i, i + 2);
            in_version_comment = false;
            i += 2;
            continue;
        }
        if delim != b";" && b[i..].starts_with(&delim) {
            blank(&mut out, i, i + delim.len());
            i += delim.len();
            continue;
        }
        i = match c {
            b'\'' | b'"' | b'`' => skip_quoted(b, i),
            b'#' => skip_line(b, i),
            b'-' if b[i..].starts_with(b"-- ") || b[i..].starts_with(b"--\t") => skip_line(b, i),
            b'/' if b[i..].starts_with(b"/*") => match sql[i + 2..].find("*/") {
                Some(k) => i + 2 + k + 2,
                None => b.len(),
            },
            _ => i + 1,
        };
    }
    // Only ASCII bytes were overwritten with ASCII, so the text is still UTF-8.
    Cow::Owned(String::from_utf8(out).expect("ASCII replaced by ASCII"))
}

/// `;` then spaces over `from..to`.
fn blank(out: &mut [u8], from: usize, to: usize) {
    out[from] = b';';
    for x in &mut out[from + 1..to] {
        *x = b' ';
    }
}

/// The length of a `/*!NNNNN` or `/*M!NNNNNN` marker at the start of `b`.
fn version_marker(b: &[u8]) -> Option<usize> {
    let open = if b.starts_with(b"/*!") {
        3
    } else if b.starts_with(b"/*M!") {
        4
    } else {
        return None;
    };
    let digits = b[open..].iter().take_while(|c| c.is_ascii_digit()).count();
    Some(open + digits)
}

fn blank_all(out: &mut [u8], from: usize, to: usize) {
    for x in &mut out[from..to] {
        *x = b' ';
    }
}

fn contains_word(sql: &str, w: &str) -> bool {
    sql.to_ascii_lowercase().contains(w)
}

fn starts_word(b: &[u8], i: usize, w: &[u8]) -> bool {
    b.len() >= i + w.len()
        && b[i..i + w.len()].eq_ignore_ascii_case(w)
        && b.get(i + w.len())
            .is_some_and(|c| *c == b' ' || *c == b'\t')
}

/// Past the closing quote; a backslash escapes inside '...' and "...".
fn skip_quoted(b: &[u8], i: usize) -> usize {
    let q = b[i];
    let mut j = i + 1;
    while j < b.len() {
        if b[j] == b'\\' && q != b'`' {
            j += 2;
            continue;
        }
        if b[j] == q {
            return j + 1;
        }
        j += 1;
    }
    b.len()
}

fn skip_line(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|c| *c == b'\n')
        .map_or(b.len(), |k| i + k)
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn custom_delimiters_become_semicolons_of_the_same_length() {
        let sql = "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT '//'; END //\nDELIMITER ;\nDELIMITER $$\nSELECT 1$$\ndelimiter ;";
        let got = rewrite(sql);
        assert_eq!(got.len(), sql.len());
        assert_eq!(
            got,
            "DELIMITER ; \nCREATE PROCEDURE p() BEGIN SELECT '//'; END ; \nDELIMITER ;\nDELIMITER ; \nSELECT 1; \ndelimiter ;"
        );
    }

    #[test]
    fn version_comments_read_as_their_content() {
        let sql = "/*!40101 SET NAMES utf8mb4 */;\n/*M!100100 SET a=1*/; /* plain */";
        assert_eq!(
            rewrite(sql),
            "         SET NAMES utf8mb4   ;\n           SET a=1  ; /* plain */"
        );
    }

    #[test]
    fn text_without_the_command_is_borrowed() {
        assert!(matches!(
            rewrite("SELECT 1;"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
