//! MySQL's national character types: `NVARCHAR(n)`, `NCHAR(n)`, `NATIONAL [VARCHAR | CHAR
//! [VARYING] | CHARACTER [VARYING]](n)`, `NCHAR VARCHAR|VARYING(n)`. The server stores them
//! as `varchar(n)` / `char(n)` in its national character set (utf8mb3 on MariaDB 10.11 and
//! MySQL 8). sqlparser reads only some of the spellings, so the tokens are rewritten to
//! `VARCHAR(n) CHARACTER SET utf8mb3`: the extra words become white space and the character
//! set is inserted with the type's span, so the text and positions stay the input's.

use sqlparser::tokenizer::{Token, TokenWithSpan, Whitespace};

fn upper(t: &Token) -> Option<String> {
    match t {
        Token::Word(w) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
        _ => None,
    }
}

pub(crate) fn rewrite(tokens: &mut Vec<TokenWithSpan>) {
    let sig: Vec<usize> = (0..tokens.len())
        .filter(|&i| !matches!(tokens[i].token, Token::Whitespace(_)))
        .collect();
    let word =
        |tokens: &[TokenWithSpan], k: usize| sig.get(k).and_then(|&i| upper(&tokens[i].token));
    // Where the character set goes: after these tokens.
    let mut inserts = Vec::new();
    let mut k = 1;
    while k < sig.len() {
        // A type follows a name (column, or CAST's AS); a column may be named `nchar`.
        let after_word = matches!(tokens[sig[k - 1]].token, Token::Word(_));
        let len_varying = match word(tokens, k).as_deref() {
            _ if !after_word => None,
            Some("NVARCHAR") => Some((1, true)),
            Some("NCHAR") => match word(tokens, k + 1).as_deref() {
                Some("VARCHAR" | "VARYING") => Some((2, true)),
                _ => Some((1, false)),
            },
            Some("NATIONAL") => match word(tokens, k + 1).as_deref() {
                Some("VARCHAR") => Some((2, true)),
                Some("CHAR" | "CHARACTER") => match word(tokens, k + 2).as_deref() {
                    Some("VARYING") => Some((3, true)),
                    _ => Some((2, false)),
                },
                _ => None,
            },
            _ => None,
        };
        let Some((len, varying)) = len_varying else {
            k += 1;
            continue;
        };
        tokens[sig[k]].token = Token::make_keyword(if varying { "VARCHAR" } else { "CHAR" });
        for j in k + 1..k + len {
            tokens[sig[j]].token = Token::Whitespace(Whitespace::Space);
        }
        let mut last = k + len - 1;
        if sig
            .get(last + 1)
            .is_some_and(|&i| tokens[i].token == Token::LParen)
        {
            while last + 1 < sig.len() && tokens[sig[last]].token != Token::RParen {
                last += 1;
            }
        }
        inserts.push(sig[last]);
        k = last + 1;
    }
    for at in inserts.into_iter().rev() {
        // The statement's text ends with its last token: the inserted ones end where the
        // type does.
        let span = tokens[at].span;
        let t = |token| TokenWithSpan { token, span };
        let space = || t(Token::Whitespace(Whitespace::Space));
        let added = [
            space(),
            t(Token::make_keyword("CHARACTER")),
            space(),
            t(Token::make_keyword("SET")),
            space(),
            t(Token::make_word("utf8mb3", None)),
        ];
        tokens.splice(at + 1..at + 1, added);
    }
}

#[cfg(test)]
mod tests {
    use crate::dialect::Dialect;
    use crate::ingest::parse_schema;

    #[test]
    fn national_types_are_varchar_and_char_in_utf8mb3() {
        let sql = "CREATE TABLE a (nchar int, x NVARCHAR(10), y NATIONAL VARCHAR(5), z NCHAR(2), w NATIONAL CHARACTER VARYING(4), q NCHAR NOT NULL);";
        let (s, _) = parse_schema(Dialect::Mysql, sql).unwrap();
        let t = s.tables.values().next().unwrap();
        let types: Vec<(&str, Option<&str>)> = t
            .columns
            .iter()
            .map(|c| (c.data_type.as_str(), c.collation.as_deref()))
            .collect();
        let utf8 = Some("utf8mb3_general_ci");
        assert_eq!(
            types,
            [
                ("int", None),
                ("varchar(10)", utf8),
                ("varchar(5)", utf8),
                ("char(2)", utf8),
                ("varchar(4)", utf8),
                ("char(1)", utf8)
            ]
        );
    }
}
