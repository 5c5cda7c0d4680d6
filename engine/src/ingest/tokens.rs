//! Tokens for sqlparser, with spellings it cannot read rewritten in place. SQLite:
//!
//! - table options after CREATE TABLE's column list are a comma-separated list in any order
//!   (`) STRICT, WITHOUT ROWID`); sqlparser 0.63 takes only `WITHOUT ROWID` then `STRICT`,
//!   without a comma;
//! - a column name may be a string literal (`'data' integer`), which SQLite reads as the
//!   identifier `data`; sqlparser wants a word there.
//!
//! MySQL: the `BINARY` attribute after a text type (`varchar(64) BINARY`), which means the
//! binary collation of the column's character set, reads as `COLLATE \`binary\``; the
//! collation is resolved with the table's character set (`table_options::resolve_column`).
//!
//! Only tokens change, never the text: every token keeps its span (a rewritten option list
//! spans what was written), so positions and statement text stay exact. Both ingestion and
//! SQLite introspection, which parses the CREATE statements SQLite keeps, read through here.

use crate::dialect::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::parser::ParserError;
use sqlparser::tokenizer::{Span, Token, TokenWithSpan, Tokenizer, Word};

/// Tokenizes `sql` as sqlparser would for `dialect`, with the SQLite rewrites applied.
pub(crate) fn tokens(
    dialect: &dyn sqlparser::dialect::Dialect,
    which: Dialect,
    sql: &str,
) -> Result<Vec<TokenWithSpan>, ParserError> {
    let mut tokens = Tokenizer::new(dialect, sql)
        .with_unescape(true)
        .tokenize_with_location()?;
    match which {
        Dialect::Sqlite => rewrite(&mut tokens),
        Dialect::Mysql => {
            mysql_binary(&mut tokens);
            super::national::rewrite(&mut tokens);
        }
        Dialect::Postgres => super::identity_options::rewrite(&mut tokens),
    }
    Ok(tokens)
}

/// Text types a `BINARY` attribute may follow directly (others end with `)`).
const TEXT_TYPES: &[&str] = &[
    "char",
    "varchar",
    "text",
    "tinytext",
    "mediumtext",
    "longtext",
];

/// `<text type> BINARY` → `<text type> COLLATE \`binary\``, where BINARY is not itself a
/// type (`BINARY(16)`, or right after the column name).
fn mysql_binary(tokens: &mut Vec<TokenWithSpan>) {
    let sig: Vec<usize> = (0..tokens.len())
        .filter(|&i| !matches!(tokens[i].token, Token::Whitespace(_)))
        .collect();
    let mut at = Vec::new();
    for k in 1..sig.len() {
        if !is_kw(&tokens[sig[k]].token, Keyword::BINARY) {
            continue;
        }
        let before = |n: usize| k.checked_sub(n).map(|j| &tokens[sig[j]].token);
        let after_type = match &tokens[sig[k - 1]].token {
            Token::RParen => true,
            Token::Word(w) => {
                let text_type = w.quote_style.is_none()
                    && TEXT_TYPES.contains(&w.value.to_ascii_lowercase().as_str())
                    // `name text BINARY`, not a column named `text` of type BINARY.
                    && matches!(before(2), Some(Token::Word(_)));
                // `CHARACTER SET x BINARY`, `CHARSET x BINARY`.
                let charset =
                    before(2).is_some_and(|t| is_kw(t, Keyword::SET) || is_kw(t, Keyword::CHARSET));
                text_type || charset
            }
            _ => false,
        };
        let type_follows = sig
            .get(k + 1)
            .is_some_and(|&i| tokens[i].token == Token::LParen);
        if after_type && !type_follows {
            at.push(sig[k]);
        }
    }
    for i in at.into_iter().rev() {
        let span = tokens[i].span;
        let collate = TokenWithSpan {
            token: Token::make_keyword("COLLATE"),
            span,
        };
        let name = TokenWithSpan {
            token: Token::Word(Word {
                value: "binary".into(),
                quote_style: Some('`'),
                keyword: Keyword::NoKeyword,
            }),
            span,
        };
        tokens.splice(i..=i, [collate, name]);
    }
}

fn is_kw(t: &Token, kw: Keyword) -> bool {
    matches!(t, Token::Word(w) if w.keyword == kw && w.quote_style.is_none())
}

fn rewrite(tokens: &mut Vec<TokenWithSpan>) {
    // Positions of the tokens that are not white space or comments.
    let sig: Vec<usize> = (0..tokens.len())
        .filter(|&i| !matches!(tokens[i].token, Token::Whitespace(_)))
        .collect();
    let tok = |tokens: &[TokenWithSpan], n: usize| sig.get(n).map(|&i| tokens[i].token.clone());
    // (first, last) positions in `sig` of option lists to rewrite, with what they say.
    let mut edits: Vec<(usize, usize, bool, bool)> = Vec::new();
    let mut n = 0;
    while n < sig.len() {
        let start = n;
        // The end of this statement: the next `;` outside parentheses.
        let mut depth = 0i32;
        let mut end = n;
        while end < sig.len() {
            match &tokens[sig[end]].token {
                Token::LParen => depth += 1,
                Token::RParen => depth -= 1,
                Token::SemiColon if depth <= 0 => break,
                _ => {}
            }
            end += 1;
        }
        if let Some(edit) = create_table(tokens, &sig, start, end, &tok) {
            edits.push(edit);
        }
        add_column(tokens, &sig, start, end, &tok);
        n = end + 1;
    }
    for (first, last, without_rowid, strict) in edits.into_iter().rev() {
        let mut words: Vec<&str> = Vec::new();
        if without_rowid {
            words.extend(["WITHOUT", "ROWID"]);
        }
        if strict {
            words.push("STRICT");
        }
        let spans: Vec<Span> = (first..=last).map(|k| tokens[sig[k]].span).collect();
        let last_end = spans[spans.len() - 1].end;
        let count = words.len();
        let replacement: Vec<TokenWithSpan> = words
            .into_iter()
            .enumerate()
            .map(|(i, w)| {
                let mut span = spans[i];
                if i + 1 == count {
                    span.end = last_end;
                }
                TokenWithSpan {
                    token: Token::make_keyword(w),
                    span,
                }
            })
            .collect();
        tokens.splice(sig[first]..=sig[last], replacement);
    }
}

/// Words that start a table constraint, not a column.
const TABLE_CONSTRAINTS: &[Keyword] = &[
    Keyword::PRIMARY,
    Keyword::FOREIGN,
    Keyword::UNIQUE,
    Keyword::CHECK,
    Keyword::CONSTRAINT,
];

/// Words that end a column's type: its constraints.
const COLUMN_CONSTRAINTS: &[Keyword] = &[
    Keyword::CONSTRAINT,
    Keyword::PRIMARY,
    Keyword::NOT,
    Keyword::NULL,
    Keyword::UNIQUE,
    Keyword::CHECK,
    Keyword::DEFAULT,
    Keyword::COLLATE,
    Keyword::REFERENCES,
    Keyword::GENERATED,
    Keyword::AS,
    Keyword::AUTOINCREMENT,
];

/// SQLite takes any sequence of names as a column type (`UNSIGNED BIG INT`, `VARYING
/// CHARACTER(10)`) and gives it an affinity by the words in it; sqlparser reads one or two
/// known words. Two or more words from `n` on become one quoted name holding all of them
/// (the others white space), which reads as a custom type with the same affinity.
fn sqlite_type_words(tokens: &mut [TokenWithSpan], sig: &[usize], n: usize, end: usize) {
    let is_type_word = |t: &Token| matches!(t, Token::Word(w) if w.quote_style.is_none() && !COLUMN_CONSTRAINTS.contains(&w.keyword));
    let mut k = n;
    while k < end && is_type_word(&tokens[sig[k]].token) {
        k += 1;
    }
    if k - n < 2 {
        return;
    }
    let words: Vec<String> = (n..k).map(|j| tokens[sig[j]].token.to_string()).collect();
    tokens[sig[n]].token = Token::Word(Word {
        value: words.join(" "),
        quote_style: Some('"'),
        keyword: Keyword::NoKeyword,
    });
    for j in n + 1..k {
        tokens[sig[j]].token = Token::Whitespace(sqlparser::tokenizer::Whitespace::Space);
    }
}

/// `ALTER TABLE t ADD [COLUMN] name <type words>`: the type words as in CREATE TABLE.
fn add_column(tokens: &mut [TokenWithSpan], sig: &[usize], start: usize, end: usize, tok: &Peek) {
    let kw = |tokens: &[TokenWithSpan], n: usize, k: Keyword| {
        tok(tokens, n).is_some_and(|t| is_kw(&t, k))
    };
    if !(kw(tokens, start, Keyword::ALTER) && kw(tokens, start + 1, Keyword::TABLE)) {
        return;
    }
    let Some(add) = (start + 2..end).find(|&n| kw(tokens, n, Keyword::ADD)) else {
        return;
    };
    let name = if kw(tokens, add + 1, Keyword::COLUMN) {
        add + 2
    } else {
        add + 1
    };
    if name < end {
        sqlite_type_words(tokens, sig, name + 1, end);
    }
}

type Peek<'a> = dyn Fn(&[TokenWithSpan], usize) -> Option<Token> + 'a;

/// For a CREATE TABLE between `start` and `end` (positions in `sig`): turns string-literal
/// column names into quoted identifiers in place, and returns the option list to rewrite.
fn create_table(
    tokens: &mut [TokenWithSpan],
    sig: &[usize],
    start: usize,
    end: usize,
    tok: &Peek,
) -> Option<(usize, usize, bool, bool)> {
    let mut n = start;
    if !tok(tokens, n).is_some_and(|t| is_kw(&t, Keyword::CREATE)) {
        return None;
    }
    n += 1;
    if tok(tokens, n).is_some_and(|t| is_kw(&t, Keyword::TEMP) || is_kw(&t, Keyword::TEMPORARY)) {
        n += 1;
    }
    if !tok(tokens, n).is_some_and(|t| is_kw(&t, Keyword::TABLE)) {
        return None;
    }
    // The column list: the first parenthesis, unless AS comes first (CREATE TABLE ... AS).
    while n < end {
        let t = tok(tokens, n)?;
        if t == Token::LParen {
            break;
        }
        if is_kw(&t, Keyword::AS) {
            return None;
        }
        n += 1;
    }
    if n >= end {
        return None;
    }
    let mut depth = 0;
    let mut at_item_start = false;
    let close = loop {
        if n >= end {
            return None;
        }
        let i = sig[n];
        match &tokens[i].token {
            Token::LParen => {
                depth += 1;
                at_item_start = depth == 1;
            }
            Token::RParen => {
                depth -= 1;
                if depth == 0 {
                    break n;
                }
            }
            Token::Comma if depth == 1 => at_item_start = true,
            Token::SingleQuotedString(s) if depth == 1 && at_item_start => {
                tokens[i].token = Token::Word(Word {
                    value: s.clone(),
                    quote_style: Some('"'),
                    keyword: Keyword::NoKeyword,
                });
                at_item_start = false;
                sqlite_type_words(tokens, sig, n + 1, end);
            }
            Token::Word(w) if depth == 1 && at_item_start => {
                at_item_start = false;
                if w.quote_style.is_some() || !TABLE_CONSTRAINTS.contains(&w.keyword) {
                    sqlite_type_words(tokens, sig, n + 1, end);
                }
            }
            _ => at_item_start = false,
        }
        n += 1;
    };
    // The options: `opt (, opt)*` with opt = STRICT | WITHOUT ROWID, up to the end.
    let (first, last) = (close + 1, end.checked_sub(1)?);
    if first > last {
        return None;
    }
    let (mut strict, mut without_rowid, mut comma, mut strict_first) = (false, false, false, false);
    let mut k = first;
    let mut expect_option = true;
    while k <= last {
        let t = tok(tokens, k)?;
        if expect_option && is_kw(&t, Keyword::STRICT) {
            strict_first |= !without_rowid;
            strict = true;
            k += 1;
        } else if expect_option
            && is_kw(&t, Keyword::WITHOUT)
            && tok(tokens, k + 1).is_some_and(|t| is_kw(&t, Keyword::ROWID))
        {
            without_rowid = true;
            k += 2;
        } else if !expect_option && t == Token::Comma {
            comma = true;
            k += 1;
            expect_option = true;
            continue;
        } else {
            return None;
        }
        expect_option = false;
    }
    // sqlparser reads `WITHOUT ROWID STRICT` and each alone; only other spellings change.
    let readable = !(comma || strict && without_rowid && strict_first);
    (!expect_option && !readable).then_some((first, last, without_rowid, strict))
}

#[cfg(test)]
mod tests {
    use crate::dialect::Dialect;
    use crate::ingest::{parse_schema, split_statements};

    #[test]
    fn sqlite_options_in_any_order_keep_the_statement_text() {
        let sql = "CREATE TABLE kv (k text PRIMARY KEY, v any) STRICT, WITHOUT ROWID;\n\
                   CREATE TABLE t2 (k text PRIMARY KEY) WITHOUT ROWID , STRICT;\n\
                   CREATE TABLE t3 (a int) STRICT, STRICT;\n\
                   CREATE TABLE 'q' ('data' integer, x text);";
        let texts: Vec<String> = split_statements(Dialect::Sqlite, sql)
            .unwrap()
            .into_iter()
            .map(|(t, _, _)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "CREATE TABLE kv (k text PRIMARY KEY, v any) STRICT, WITHOUT ROWID",
                "CREATE TABLE t2 (k text PRIMARY KEY) WITHOUT ROWID , STRICT",
                "CREATE TABLE t3 (a int) STRICT, STRICT",
                "CREATE TABLE 'q' ('data' integer, x text)",
            ]
        );
        let (s, diags) = parse_schema(Dialect::Sqlite, sql).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        let t = |n: &str| &s.tables[&crate::model::QualifiedName::bare(n)];
        assert!(t("kv").options.strict && t("kv").options.without_rowid);
        assert!(t("t2").options.strict && t("t2").options.without_rowid);
        assert!(t("t3").options.strict && !t("t3").options.without_rowid);
        assert_eq!(t("q").columns[0].name, "data");
    }

    #[test]
    fn a_bad_option_list_stays_a_syntax_error() {
        let err =
            parse_schema(Dialect::Sqlite, "CREATE TABLE t (a int) STRICT WITHOUT;").unwrap_err();
        assert_eq!(err.code, crate::diag::Code::SyntaxError);
        // Not a CREATE TABLE: string literals stay strings.
        let (s, _) = parse_schema(
            Dialect::Sqlite,
            "CREATE TABLE t (a text DEFAULT 'x', b int)",
        )
        .unwrap();
        let t = &s.tables[&crate::model::QualifiedName::bare("t")];
        assert_eq!(t.columns[0].default.as_deref(), Some("'x'"));
    }

    #[test]
    fn mysql_binary_attribute_is_a_collation_binary_type_is_not() {
        let sql =
            "CREATE TABLE t (a varchar(5) BINARY, b BINARY(4), c text binary, `text` binary, \
                   d char(2) CHARACTER SET ascii BINARY) DEFAULT CHARSET=latin1";
        let (s, diags) = parse_schema(Dialect::Mysql, sql).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        let t = &s.tables[&crate::model::QualifiedName::bare("t")];
        let col = |n: &str| t.column(n).unwrap();
        assert_eq!(col("a").collation.as_deref(), Some("latin1_bin"));
        assert_eq!(col("b").data_type, "binary(4)");
        assert_eq!(col("c").collation.as_deref(), Some("latin1_bin"));
        assert_eq!(col("text").data_type, "binary(1)");
        assert_eq!(col("d").collation.as_deref(), Some("ascii_bin"));
    }
}
