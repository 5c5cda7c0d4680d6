//! Splitting a migration file into statements for servers that take one at a time (MariaDB).
//! The engine's splitter is used when it can read the file; otherwise a plain splitter that
//! respects quotes and comments, so the server still gets to judge SQL the engine cannot parse.

use waymark::Dialect;

pub(crate) fn statements(dialect: Dialect, sql: &str) -> Vec<String> {
    match waymark::ingest::split_statements(dialect, sql) {
        Ok(list) => list.into_iter().map(|(text, _, _)| text).collect(),
        Err(_) => plain(sql),
    }
}

fn plain(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                current.push(c);
                if c == '\\' && q != '"' {
                    if let Some(n) = chars.next() {
                        current.push(n);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' | '`' => {
                    quote = Some(c);
                    current.push(c);
                }
                '-' if chars.peek() == Some(&'-') => {
                    for n in chars.by_ref() {
                        if n == '\n' {
                            break;
                        }
                    }
                    current.push('\n');
                }
                ';' => out.push(std::mem::take(&mut current)),
                _ => current.push(c),
            },
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_split_respects_quotes_and_comments() {
        let got = super::plain("CREATE TABLE a (x text DEFAULT ';'); -- c; d\nDROP TABLE a;");
        assert_eq!(
            got,
            vec!["CREATE TABLE a (x text DEFAULT ';')", "DROP TABLE a"]
        );
    }
}
