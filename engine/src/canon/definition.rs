//! Definitions kept as text (functions, triggers): the normalised form two definitions are
//! compared by, and the few rewrites planning needs (`OR REPLACE`, another table name).
//!
//! The normal form is the statement's tokens without white space and comments, unquoted
//! words in lower case (keywords and unquoted names are case-insensitive in every dialect
//! but for MySQL table names, which a body rarely spells two ways), dollar-quoted bodies by
//! their content, and the parts that do not change the object dropped: `OR REPLACE`,
//! `IF NOT EXISTS`, MySQL's `DEFINER = ...`; `EXECUTE PROCEDURE` reads `EXECUTE FUNCTION`.

use crate::dialect::Dialect;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

/// The tokens of `text` that carry meaning, with their spans; `None` if it does not tokenize.
pub(crate) fn tokens(dialect: Dialect, text: &str) -> Option<Vec<TokenWithSpan>> {
    let d = dialect.parser();
    let all = Tokenizer::new(d.as_ref(), text)
        .tokenize_with_location()
        .ok()?;
    Some(
        all.into_iter()
            .filter(|t| !matches!(t.token, Token::Whitespace(_) | Token::EOF))
            .collect(),
    )
}

/// An unquoted word's keyword, `None` for anything else.
pub(crate) fn keyword(t: &Token) -> Option<Keyword> {
    match t {
        Token::Word(w) if w.quote_style.is_none() => Some(w.keyword),
        _ => None,
    }
}

fn is_kw(t: Option<&TokenWithSpan>, kw: Keyword) -> bool {
    t.and_then(|t| keyword(&t.token)) == Some(kw)
}

fn spelled(t: &Token) -> String {
    spelled_in(Dialect::Postgres, t)
}

/// A token as the normal form writes it. A quoted identifier that needs no quotes reads
/// like the unquoted word: in PostgreSQL only when it is in lower case (quotes keep case
/// there), in MySQL and SQLite always (their identifiers ignore case either way).
fn spelled_in(dialect: Dialect, t: &Token) -> String {
    match t {
        Token::Word(w) if w.quote_style.is_none() => {
            let word = w.value.to_lowercase();
            match pg_type_alias(dialect, &word) {
                Some(canonical) => canonical.to_string(),
                None => word,
            }
        }
        Token::Word(w)
            if matches!(w.quote_style, Some('"' | '`'))
                && !w.value.is_empty()
                && w.value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !w.value.starts_with(|c: char| c.is_ascii_digit())
                && (dialect != Dialect::Postgres || w.value == w.value.to_lowercase()) =>
        {
            w.value.to_lowercase()
        }
        Token::DollarQuotedString(s) => format!("$${}$$", s.value),
        other => other.to_string(),
    }
}

/// PostgreSQL's own name for a type alias, as `pg_get_functiondef` prints it: `int4` and
/// `integer` are one type, so `RETURNS int` is no change.
fn pg_type_alias(dialect: Dialect, word: &str) -> Option<&'static str> {
    if dialect != Dialect::Postgres {
        return None;
    }
    Some(match word {
        "int" | "int4" => "integer",
        "int8" => "bigint",
        "int2" => "smallint",
        "float4" => "real",
        "float8" => "double precision",
        "bool" => "boolean",
        "decimal" => "numeric",
        "varchar" => "character varying",
        "char" => "character",
        "timestamptz" => "timestamp with time zone",
        "timetz" => "time with time zone",
        _ => return None,
    })
}

/// The normal form of a CREATE FUNCTION / PROCEDURE / TRIGGER statement.
pub fn normalize_definition(dialect: Dialect, text: &str) -> String {
    let Some(toks) = tokens(dialect, text) else {
        return text.split_whitespace().collect::<Vec<_>>().join(" ");
    };
    let mut out: Vec<String> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let kw = keyword(&t.token);
        let prev = out.last().map(String::as_str);
        let only_create = out.len() == 1 && prev == Some("create");
        if only_create && kw == Some(Keyword::OR) && is_kw(toks.get(i + 1), Keyword::REPLACE) {
            i += 2;
            continue;
        }
        if matches!(prev, Some("trigger" | "function" | "procedure"))
            && out.len() <= 3
            && kw == Some(Keyword::IF)
            && is_kw(toks.get(i + 1), Keyword::NOT)
            && is_kw(toks.get(i + 2), Keyword::EXISTS)
        {
            i += 3;
            continue;
        }
        if only_create
            && kw == Some(Keyword::DEFINER)
            && toks.get(i + 1).map(|t| &t.token) == Some(&Token::Eq)
        {
            // DEFINER = user[@host]: up to the object keyword.
            i += 2;
            while i < toks.len()
                && !matches!(
                    keyword(&toks[i].token),
                    Some(Keyword::TRIGGER | Keyword::FUNCTION | Keyword::PROCEDURE)
                )
            {
                i += 1;
            }
            continue;
        }
        // `public.f`: pg_dump qualifies every name; the server shows names on the search
        // path bare.
        let public = matches!(&t.token, Token::Word(w) if w.value == "public" || (w.quote_style.is_none() && w.value.eq_ignore_ascii_case("public")));
        if dialect == Dialect::Postgres
            && public
            && toks.get(i + 1).map(|t| &t.token) == Some(&Token::Period)
            && matches!(toks.get(i + 2).map(|t| &t.token), Some(Token::Word(_)))
        {
            i += 2;
            continue;
        }
        if kw == Some(Keyword::PROCEDURE) && out.last().map(String::as_str) == Some("execute") {
            out.push("function".into());
            i += 1;
            continue;
        }
        out.push(spelled_in(dialect, &t.token));
        i += 1;
    }
    out.join(" ")
}

/// Whether two definitions make the same object.
pub fn same_definition(dialect: Dialect, a: &str, b: &str) -> bool {
    a == b || normalize_definition(dialect, a) == normalize_definition(dialect, b)
}

/// Byte offset of a tokenizer location (1-based line, column in chars) in `text`.
pub(crate) fn offset(text: &str, line: u64, column: u64) -> usize {
    let mut l = 1;
    let mut c = 1;
    for (i, ch) in text.char_indices() {
        if (l, c) >= (line, column) {
            return i;
        }
        if ch == '\n' {
            l += 1;
            c = 1;
        } else {
            c += 1;
        }
    }
    text.len()
}

/// `CREATE OR REPLACE ...` for a `CREATE ...` statement (unchanged if it already says so).
pub fn or_replace(text: &str) -> String {
    let trimmed = text.trim_start();
    let mut words = trimmed.split_whitespace();
    let create = words.next().unwrap_or("");
    if !create.eq_ignore_ascii_case("CREATE") {
        return text.to_string();
    }
    if words.next().is_some_and(|w| w.eq_ignore_ascii_case("OR")) {
        return text.to_string();
    }
    format!("{} OR REPLACE{}", &trimmed[..6], &trimmed[6..])
}

/// The part of a PostgreSQL function definition CREATE OR REPLACE cannot change: the
/// argument list (names, modes, defaults) and the result type, normalised.
pub fn pg_function_header(text: &str) -> String {
    let Some(toks) = tokens(Dialect::Postgres, text) else {
        return text.to_string();
    };
    let Some(open) = toks.iter().position(|t| t.token == Token::LParen) else {
        return String::new();
    };
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = open;
    while i < toks.len() {
        let t = &toks[i].token;
        match t {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push(spelled(t));
        i += 1;
        if depth == 0 {
            break;
        }
    }
    if is_kw(toks.get(i), Keyword::RETURNS) && !is_kw(toks.get(i + 1), Keyword::NULL) {
        out.push("returns".into());
        i += 1;
        let mut depth = 0usize;
        while let Some(t) = toks.get(i) {
            let word = match &t.token {
                Token::Word(w) if w.quote_style.is_none() => w.value.to_ascii_uppercase(),
                _ => String::new(),
            };
            let stop = matches!(
                word.as_str(),
                "AS" | "LANGUAGE"
                    | "IMMUTABLE"
                    | "STABLE"
                    | "VOLATILE"
                    | "CALLED"
                    | "STRICT"
                    | "SECURITY"
                    | "PARALLEL"
                    | "COST"
                    | "ROWS"
                    | "SET"
                    | "SUPPORT"
                    | "LEAKPROOF"
                    | "NOT"
                    | "EXTERNAL"
                    | "WINDOW"
                    | "TRANSFORM"
                    | "RETURN"
                    | "RETURNS"
                    | "BEGIN"
            );
            if depth == 0 && stop {
                break;
            }
            match t.token {
                Token::LParen => depth += 1,
                Token::RParen => depth = depth.saturating_sub(1),
                _ => {}
            }
            out.push(spelled(&t.token));
            i += 1;
        }
    }
    out.join(" ")
}

/// The definition of a trigger with the table it fires on replaced by `table` (already
/// quoted as SQL), as a rename of that table leaves it. `None` when no `ON` is found.
pub fn retarget_trigger(dialect: Dialect, text: &str, table: &str) -> Option<String> {
    let toks = tokens(dialect, text)?;
    let start = toks
        .iter()
        .position(|t| keyword(&t.token) == Some(Keyword::TRIGGER))?;
    let on = (start..toks.len()).find(|&i| keyword(&toks[i].token) == Some(Keyword::ON))?;
    let mut last = on + 1;
    toks.get(last)?;
    while toks.get(last + 1).map(|t| &t.token) == Some(&Token::Period)
        && toks.get(last + 2).is_some()
    {
        last += 2;
    }
    let from = offset(
        text,
        toks[on + 1].span.start.line,
        toks[on + 1].span.start.column,
    );
    let to = offset(text, toks[last].span.end.line, toks[last].span.end.column);
    Some(format!("{}{table}{}", &text[..from], &text[to..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_aliases_do_not_count() {
        let a = "CREATE FUNCTION f(n int, m int8) RETURNS int4 AS $$ SELECT 1 $$ LANGUAGE sql";
        let b =
            "CREATE FUNCTION f(n integer, m bigint) RETURNS integer AS $$ SELECT 1 $$ LANGUAGE sql";
        assert!(same_definition(Dialect::Postgres, a, b));
        assert_eq!(pg_function_header(a), pg_function_header(b));
        let c =
            "CREATE FUNCTION f(n integer, m bigint) RETURNS bigint AS $$ SELECT 1 $$ LANGUAGE sql";
        assert!(!same_definition(Dialect::Postgres, a, c));
    }

    #[test]
    fn spacing_case_and_or_replace_do_not_count() {
        let a = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql";
        let b =
            "create or replace function F()\n  returns INT as $body$ SELECT 1 $body$ language sql";
        assert!(same_definition(Dialect::Postgres, a, b));
        let c = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 2 $$ LANGUAGE sql";
        assert!(!same_definition(Dialect::Postgres, a, c));
        let t1 = "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE PROCEDURE f()";
        let t2 = "CREATE OR REPLACE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()";
        assert!(same_definition(Dialect::Postgres, t1, t2));
        let m1 = "CREATE DEFINER=`root`@`localhost` TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1";
        let m2 = "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW set NEW.a = 1";
        assert!(same_definition(Dialect::Mysql, m1, m2));
        let m3 = "CREATE TRIGGER `T` BEFORE INSERT ON `x` FOR EACH ROW SET NEW.a = 1";
        assert!(same_definition(Dialect::Mysql, m2, m3));
        let p1 = "CREATE TRIGGER \"t\" BEFORE INSERT ON \"X\" EXECUTE FUNCTION f()";
        let p2 = "CREATE TRIGGER t BEFORE INSERT ON x EXECUTE FUNCTION f()";
        assert!(
            !same_definition(Dialect::Postgres, p1, p2),
            "\"X\" is not x"
        );
        assert!(same_definition(
            Dialect::Postgres,
            &p1.replace("\"X\"", "x"),
            p2
        ));
    }

    #[test]
    fn rewrites() {
        assert_eq!(
            or_replace("CREATE FUNCTION f()"),
            "CREATE OR REPLACE FUNCTION f()"
        );
        assert_eq!(
            or_replace("create or replace function f()"),
            "create or replace function f()"
        );
        assert_eq!(
            retarget_trigger(
                Dialect::Sqlite,
                "CREATE TRIGGER t AFTER UPDATE OF a ON main.x BEGIN SELECT 1; END",
                "\"y\""
            )
            .unwrap(),
            "CREATE TRIGGER t AFTER UPDATE OF a ON \"y\" BEGIN SELECT 1; END"
        );
        let h1 = pg_function_header("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ x $$");
        let h2 = pg_function_header(
            "CREATE OR REPLACE FUNCTION f(a int)\n RETURNS int\n LANGUAGE sql IMMUTABLE\nAS $$ y $$",
        );
        assert_eq!(h1, h2);
        assert_eq!(h1, "( a integer ) returns integer");
        let h3 = pg_function_header("CREATE FUNCTION f(a int) RETURNS TABLE(x int) AS $$ x $$");
        assert_eq!(h3, "( a integer ) returns table ( x integer )");
    }
}
