//! Positions in the source text: line:column ↔ byte offsets, and locations of errors.

use crate::diag::{Code, Diagnostic, Location};

/// Checks that `bytes` is UTF-8; otherwise the error points at the first bad byte.
pub fn utf8(bytes: &[u8]) -> Result<&str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8, so counting chars after the last newline is exact.
        let prefix = std::str::from_utf8(good).unwrap_or("");
        let line = prefix.matches('\n').count() as u64 + 1;
        let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
        let column = prefix[line_start..].chars().count() as u64 + 1;
        let location = Location { line, column };
        Diagnostic::error(
            Code::InvalidUtf8,
            format!("input is not valid UTF-8: bad byte at {location}"),
        )
        .at(Some(location))
        .with_hint("save the file as UTF-8")
    })
}

/// Turns parser locations (1-based line, column in chars) into byte offsets. Statements come
/// in order, so a forward-moving cursor keeps the whole pass linear even on one huge line.
pub struct Cursor<'a> {
    text: &'a str,
    byte: usize,
    line: u64,
    column: u64,
}

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Self {
        Cursor {
            text,
            byte: 0,
            line: 1,
            column: 1,
        }
    }

    /// The byte offset of `loc`, clamped to the text.
    pub fn offset(&mut self, loc: Location) -> usize {
        if (loc.line, loc.column) < (self.line, self.column) {
            *self = Cursor::new(self.text);
        }
        let rest = &self.text[self.byte..];
        for (i, c) in rest.char_indices() {
            if (self.line, self.column) >= (loc.line, loc.column) {
                self.byte += i;
                return self.byte;
            }
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.byte = self.text.len();
        self.byte
    }
}

/// The position just past the end of `text` (sqlparser places EOF at 0:0).
pub fn end_of(text: &str) -> Location {
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line: text.matches('\n').count() as u64 + 1,
        column: text[line_start..].chars().count() as u64 + 1,
    }
}

/// sqlparser puts positions into its messages (`... at Line: 3, Column: 7`); read them back.
pub fn location_in_message(msg: &str) -> Option<Location> {
    let at = msg.rfind("Line: ")?;
    let rest = &msg[at + 6..];
    let (line, rest) = rest.split_once(", Column: ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Location {
        line: line.trim().parse().ok()?,
        column: column.parse().ok()?,
    })
}

/// The message without the trailing position, which the diagnostic carries separately.
pub fn strip_location(msg: &str) -> &str {
    match msg.rfind(" at Line: ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_chars() {
        let text = "é;\nab";
        let mut c = Cursor::new(text);
        assert_eq!(c.offset(Location { line: 1, column: 2 }), 2);
        assert_eq!(c.offset(Location { line: 2, column: 2 }), 5);
        assert_eq!(c.offset(Location { line: 1, column: 1 }), 0);
        assert_eq!(c.offset(Location { line: 9, column: 1 }), text.len());
    }

    #[test]
    fn bad_byte_location() {
        let err = utf8(b"ab\ncd\xffe").unwrap_err();
        assert_eq!(err.location, Some(Location { line: 2, column: 3 }));
    }

    #[test]
    fn message_location() {
        let m = "Expected: TO, found: a at Line: 2, Column: 28";
        assert_eq!(
            location_in_message(m),
            Some(Location {
                line: 2,
                column: 28
            })
        );
        assert_eq!(strip_location(m), "Expected: TO, found: a");
    }
}
