//! Migration checksums, versioned so the normalisation can change without invalidating the
//! histories already recorded (Liquibase's checksum churn is the cautionary tale): a record
//! keeps the version it was computed with, and verification recomputes with that version.
//!
//! Version 1: SHA-256, lower-case hex, of the text after
//! - dropping a leading UTF-8 byte order mark;
//! - reading CRLF and lone CR as LF (a checkout on Windows must not look edited);
//! - dropping spaces and tabs at the end of every line, and blank lines at the end of the file
//!   (editors add and strip them; they never change what a statement does, except inside a
//!   multi-line string literal, which we accept).
//!
//! Everything else counts, including comments: a comment can carry the no-transaction marker.

use crate::diag::{Code, Diagnostic};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const CHECKSUM_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checksum {
    pub version: u32,
    /// 64 lower-case hex digits.
    pub value: String,
}

/// The current-version checksum of a migration's SQL.
pub fn checksum(sql: &str) -> Checksum {
    let mut hasher = Sha256::new();
    feed_normalised_v1(sql, |bytes| hasher.update(bytes));
    Checksum {
        version: CHECKSUM_VERSION,
        value: hex(&hasher.finalize()),
    }
}

/// The checksum of `sql` computed with `version`, to compare with a record made by it.
pub fn checksum_with(sql: &str, version: u32) -> Result<Checksum, Diagnostic> {
    match version {
        1 => Ok(checksum(sql)),
        v => Err(Diagnostic::error(
            Code::UnsupportedChecksumVersion,
            format!(
                "checksum version {v} is unknown to this engine (it knows 1 to {CHECKSUM_VERSION})"
            ),
        )
        .with_hint("the history table was written by a newer waymark: upgrade this one")),
    }
}

/// Feeds the version-1 normal form to `out` piece by piece, without building it: lines with
/// their trailing blanks cut, joined by LF; blank lines are held back until a non-blank one
/// follows, so those at the end are dropped.
fn feed_normalised_v1(sql: &str, mut out: impl FnMut(&[u8])) {
    let sql = sql.strip_prefix('\u{feff}').unwrap_or(sql);
    let mut held_newlines = 0usize;
    let mut first = true;
    // CRLF splits at the LF and leaves a CR at the line's end; any other CR ends a line too.
    for line in sql
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
    {
        if !first {
            held_newlines += 1;
        }
        first = false;
        let line = line.trim_end_matches([' ', '\t']);
        if line.is_empty() {
            continue;
        }
        for _ in 0..held_newlines {
            out(b"\n");
        }
        held_newlines = 0;
        out(line.as_bytes());
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_trailing_blanks_do_not_count() {
        let lf = checksum("CREATE TABLE t (id int);\nDROP TABLE t;\n");
        assert_eq!(
            lf,
            checksum("CREATE TABLE t (id int);\r\nDROP TABLE t;\r\n")
        );
        assert_eq!(
            lf,
            checksum("\u{feff}CREATE TABLE t (id int);  \rDROP TABLE t;\t\n\n\n")
        );
        assert_ne!(lf, checksum("CREATE TABLE t (id bigint);\nDROP TABLE t;\n"));
        assert_ne!(lf, checksum("  CREATE TABLE t (id int);\nDROP TABLE t;\n"));
        // Known answer: SHA-256 of the empty string.
        assert_eq!(
            checksum("\r\n").value,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
