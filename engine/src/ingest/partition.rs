//! MySQL/MariaDB `PARTITION BY ...`, which sqlparser 0.63 cannot read. The clause is read
//! token by token up to the end of its statement and kept as normalised text
//! (`TableOptions.partition`): structural keywords upper-case, other names lower-case (MySQL
//! compares column, partition and function names without case) and unquoted where that is
//! safe, and fixed spacing. MariaDB's catalog rebuilds the same text (`introspect::mysql`),
//! so a clause written in SQL and the one a server holds compare equal.

use sqlparser::dialect::MySqlDialect;
use sqlparser::keywords::{Keyword, ALL_KEYWORDS};
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Token, Tokenizer};

/// Words of the clause's own grammar, written upper-case.
const STRUCTURE: &[&str] = &[
    "PARTITION",
    "PARTITIONS",
    "SUBPARTITION",
    "SUBPARTITIONS",
    "BY",
    "RANGE",
    "LIST",
    "HASH",
    "KEY",
    "LINEAR",
    "COLUMNS",
    "VALUES",
    "LESS",
    "THAN",
    "IN",
    "MAXVALUE",
    "ALGORITHM",
];

/// Whether the parser is at `PARTITION BY`.
pub(crate) fn at_partition_by(p: &Parser) -> bool {
    super::parse::is_kw(p, 0, Keyword::PARTITION) && super::parse::is_kw(p, 1, Keyword::BY)
}

/// Reads `PARTITION BY ...` up to the statement's end (`;` outside parentheses, or the end of
/// input), leaving the `;`; returns the normalised clause.
pub(crate) fn read(p: &mut Parser) -> Result<String, ParserError> {
    let mut tokens = Vec::new();
    let mut depth = 0i32;
    loop {
        let t = p.peek_token_ref().token.clone();
        match t {
            Token::EOF => break,
            Token::SemiColon if depth <= 0 => break,
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            _ => {}
        }
        p.next_token();
        tokens.push(t);
    }
    if depth != 0 {
        return p.expected("balanced parentheses in PARTITION BY", p.peek_token());
    }
    Ok(normalise_tokens(&tokens))
}

/// `sql` (a PARTITION BY clause) in normalised form; the text itself when it does not tokenize.
pub(crate) fn normalise(sql: &str) -> String {
    match Tokenizer::new(&MySqlDialect {}, sql)
        .with_unescape(true)
        .tokenize()
    {
        Ok(tokens) => normalise_tokens(&tokens),
        Err(_) => sql.trim().to_string(),
    }
}

fn simple(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_keyword(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ALL_KEYWORDS.binary_search(&upper.as_str()).is_ok()
}

fn normalise_tokens(tokens: &[Token]) -> String {
    // (text, is a structural word)
    let mut pieces: Vec<(String, bool, Token)> = Vec::new();
    for t in tokens {
        let (text, structural) = match t {
            Token::Whitespace(_) => continue,
            // MariaDB's `/*!50100 ... */` version comment: its contents are read as SQL.
            Token::Mul if matches!(pieces.last(), Some((_, _, Token::Div))) => {
                pieces.pop();
                continue;
            }
            Token::Word(w) => {
                let upper = w.value.to_ascii_uppercase();
                let lower = w.value.to_ascii_lowercase();
                if w.quote_style.is_none() && STRUCTURE.contains(&upper.as_str()) {
                    (upper, true)
                } else if simple(&lower) && (w.quote_style.is_none() || !is_keyword(&lower)) {
                    (lower, false)
                } else {
                    (format!("`{}`", w.value.replace('`', "``")), false)
                }
            }
            Token::Number(n, _) => (n.clone(), false),
            Token::SingleQuotedString(s) => (format!("'{}'", s.replace('\'', "''")), false),
            other => (other.to_string(), false),
        };
        pieces.push((text, structural, t.clone()));
    }
    let mut out = String::new();
    let mut prev: Option<&(String, bool, Token)> = None;
    for piece in &pieces {
        if let Some(p) = prev {
            let space = match (&p.2, &piece.2) {
                (Token::LParen, _) => false,
                (_, Token::RParen) | (_, Token::Comma) => false,
                (Token::Word(_), Token::LParen) => p.1,
                _ => true,
            };
            if space {
                out.push(' ');
            }
        }
        out.push_str(&piece.0);
        prev = Some(piece);
    }
    with_default_count(out)
}

/// HASH and KEY partitioning without a count or list has one partition: `PARTITIONS 1`.
fn with_default_count(clause: String) -> String {
    let hashed = [
        "PARTITION BY HASH",
        "PARTITION BY LINEAR HASH",
        "PARTITION BY KEY",
        "PARTITION BY LINEAR KEY",
    ]
    .iter()
    .any(|m| clause.starts_with(m));
    if !hashed || clause.contains(" PARTITIONS ") || clause.contains("(PARTITION ") {
        return clause;
    }
    format!("{clause} PARTITIONS 1")
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn sql_and_server_spellings_agree() {
        assert_eq!(
            normalise("/*!50100 PARTITION BY RANGE (year(`joined`))\n(PARTITION p2021 VALUES LESS THAN (2022),\n PARTITION pmax VALUES LESS THAN MAXVALUE) */"),
            "PARTITION BY RANGE (year(joined)) (PARTITION p2021 VALUES LESS THAN (2022), PARTITION pmax VALUES LESS THAN MAXVALUE)"
        );
        assert_eq!(
            normalise("partition by key (`a`,`b`)"),
            "PARTITION BY KEY (a, b) PARTITIONS 1"
        );
        assert_eq!(
            normalise("PARTITION BY LIST COLUMNS (c) (PARTITION `p east` VALUES IN ('US','CA'))"),
            "PARTITION BY LIST COLUMNS (c) (PARTITION `p east` VALUES IN ('US', 'CA'))"
        );
        assert_eq!(
            normalise("PARTITION BY HASH (TO_DAYS(d)) PARTITIONS 4"),
            "PARTITION BY HASH (to_days(d)) PARTITIONS 4"
        );
    }
}
