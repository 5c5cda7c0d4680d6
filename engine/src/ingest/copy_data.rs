//! pg_dump's data sections: `COPY t (a, b) FROM stdin;`, then one line per row, then `\.`.
//! The rows are not SQL (tabs, `\N`, unbalanced quotes), so before tokenizing each row line
//! becomes spaces, the same number of bytes: positions stay the input's, and sqlparser reads
//! the COPY up to its `\.` with nothing in between. The statement is a data statement.

use std::borrow::Cow;

pub fn rewrite(sql: &str) -> Cow<'_, str> {
    if !sql.to_ascii_lowercase().contains("from stdin") {
        return Cow::Borrowed(sql);
    }
    let mut out = sql.as_bytes().to_vec();
    let mut in_rows = false;
    let mut at = 0;
    for line in sql.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        if in_rows {
            if text == "\\." {
                in_rows = false;
            } else {
                for b in &mut out[at..at + text.len()] {
                    *b = b' ';
                }
            }
        } else {
            let upper = text.trim().to_ascii_uppercase();
            in_rows = upper.starts_with("COPY ") && upper.ends_with("FROM STDIN;");
        }
        at += line.len();
    }
    // Whole lines became spaces; the bytes left are the input's, so still UTF-8.
    Cow::Owned(String::from_utf8(out).expect("only whole lines were overwritten"))
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::dialect::Dialect;
    use crate::ingest::parse_schema;

    #[test]
    fn copy_rows_are_data_and_what_follows_reads() {
        let sql = "CREATE TABLE public.t (id integer, name text);\n\
COPY public.t (id, name) FROM stdin;\n1\tO'Brien\n2\t\\N\n\\.\n\n\
CREATE TABLE public.u (id integer);\n";
        let (s, diags) = parse_schema(Dialect::Postgres, sql).unwrap();
        assert_eq!(s.tables.len(), 2);
        let copy = diags
            .iter()
            .find(|d| d.code == Code::DataStatement)
            .unwrap();
        assert_eq!(copy.location.map(|l| l.line), Some(2));
    }
}
