//! Canonical column types. Postgres types are spelled as `format_type()` prints them, MySQL
//! types as `COLUMN_TYPE` does minus integer display widths, SQLite types by affinity.

use crate::dialect::Dialect;

/// The canonical spelling of a type as written in DDL or returned by a catalog.
pub fn canonical_type(dialect: Dialect, raw: &str) -> String {
    if dialect == Dialect::Mysql {
        if let Some(t) = mysql_value_list(raw) {
            return t;
        }
    }
    let mut text = lower_collapsed(raw);
    match dialect {
        Dialect::Sqlite => sqlite_affinity(&text).to_string(),
        Dialect::Postgres => {
            let mut dims = 0;
            while let Some(stripped) = text.strip_suffix("[]") {
                text = stripped.trim_end().to_string();
                dims += 1;
            }
            let mut out = postgres(&text);
            for _ in 0..dims {
                out.push_str("[]");
            }
            out
        }
        Dialect::Mysql => mysql(&text),
    }
}

/// Lower case with white space collapsed, and none around `(`, `,` and `)`:
/// `VARCHAR (10)` → `varchar(10)`, `numeric(10, 2)` → `numeric(10,2)`. One pass, one allocation:
/// this runs for every column of every schema.
fn lower_collapsed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let tight = matches!(c, '(' | ')' | ',') || out.ends_with(['(', ',']);
        if pending_space && !tight && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Splits `name(args) rest` into its three parts; args without the parentheses.
fn split(text: &str) -> (&str, Option<&str>, &str) {
    match text.find('(') {
        Some(open) => {
            let close = text[open..]
                .find(')')
                .map(|i| open + i)
                .unwrap_or(text.len() - 1);
            let rest = text.get(close + 1..).unwrap_or("").trim();
            (text[..open].trim(), Some(&text[open + 1..close]), rest)
        }
        None => (text, None, ""),
    }
}

fn postgres(text: &str) -> String {
    let (base, args, rest) = split(text);
    let with_args = |name: &str| match args {
        Some(a) => format!("{name}({a})"),
        None => name.to_string(),
    };
    match base {
        "int" | "int4" | "integer" | "serial" | "serial4" => "integer".into(),
        "int8" | "bigint" | "bigserial" | "serial8" => "bigint".into(),
        "int2" | "smallint" | "smallserial" | "serial2" => "smallint".into(),
        "bool" | "boolean" => "boolean".into(),
        "varchar" | "character varying" | "char varying" => with_args("character varying"),
        "char" | "character" | "bpchar" => match args {
            Some(a) => format!("character({a})"),
            None if base == "bpchar" => "bpchar".into(),
            None => "character(1)".into(),
        },
        "float8" | "double precision" | "double" => "double precision".into(),
        "float4" | "real" => "real".into(),
        "float" => match args.and_then(|a| a.parse::<u32>().ok()) {
            Some(p) if p <= 24 => "real".into(),
            _ => "double precision".into(),
        },
        "decimal" | "numeric" => with_args("numeric"),
        "timestamp" | "timestamp without time zone" => {
            time_kind("timestamp", args, rest_or(rest, "without time zone"))
        }
        "timestamptz" => time_kind("timestamp", args, "with time zone"),
        "time" | "time without time zone" => {
            time_kind("time", args, rest_or(rest, "without time zone"))
        }
        "timetz" => time_kind("time", args, "with time zone"),
        "timestamp with time zone" => time_kind("timestamp", args, "with time zone"),
        "time with time zone" => time_kind("time", args, "with time zone"),
        "varbit" | "bit varying" => with_args("bit varying"),
        "bit" => format!("bit({})", args.unwrap_or("1")),
        _ => {
            let mut s = with_args(base);
            if !rest.is_empty() {
                s.push(' ');
                s.push_str(rest);
            }
            s
        }
    }
}

fn rest_or<'a>(rest: &'a str, default: &'a str) -> &'a str {
    if rest.is_empty() {
        default
    } else {
        rest
    }
}

fn time_kind(name: &str, args: Option<&str>, zone: &str) -> String {
    match args {
        Some(a) => format!("{name}({a}) {zone}"),
        None => format!("{name} {zone}"),
    }
}

/// `enum(...)` and `set(...)` as `COLUMN_TYPE` prints them: the keyword in lower case, the
/// values verbatim (they are case-sensitive, and may hold spaces and commas), quoted with `''`
/// and separated by bare commas. `None` for other types.
fn mysql_value_list(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let open = raw.find('(')?;
    let keyword = raw[..open].trim().to_ascii_lowercase();
    if keyword != "enum" && keyword != "set" {
        return None;
    }
    let mut values: Vec<String> = Vec::new();
    let mut chars = raw[open + 1..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let mut v = String::new();
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => v.extend(chars.next()),
                        _ if d == c && chars.peek() == Some(&c) => {
                            chars.next();
                            v.push(c);
                        }
                        _ if d == c => break,
                        _ => v.push(d),
                    }
                }
                values.push(format!("'{}'", v.replace('\'', "''")));
            }
            ')' => break,
            _ => {}
        }
    }
    Some(format!("{keyword}({})", values.join(",")))
}

const MYSQL_INTS: [&str; 5] = ["tinyint", "smallint", "mediumint", "int", "bigint"];

fn mysql(text: &str) -> String {
    let (base, args, rest) = split(text);
    let base = match base {
        "integer" => "int",
        "bool" | "boolean" => return "tinyint(1)".into(),
        "numeric" | "dec" | "fixed" => "decimal",
        "double precision" | "real" => "double",
        "character varying" => "varchar",
        "character" => "char",
        "int1" => "tinyint",
        "int2" => "smallint",
        "int3" | "middleint" => "mediumint",
        "int4" => "int",
        "int8" => "bigint",
        other => other,
    };
    let mut out = if MYSQL_INTS.contains(&base) {
        // Display widths mean nothing, except the tinyint(1) that ORMs read as a boolean.
        if base == "tinyint" && args == Some("1") {
            "tinyint(1)".to_string()
        } else {
            base.to_string()
        }
    } else {
        match (base, args) {
            ("decimal", None) => "decimal(10,0)".into(),
            ("decimal", Some(a)) if !a.contains(',') => format!("decimal({a},0)"),
            ("char" | "binary" | "bit", None) => format!("{base}(1)"),
            ("year", _) => "year".into(),
            ("float", Some(a)) if !a.contains(',') => {
                if a.parse::<u32>().map(|p| p > 24).unwrap_or(false) {
                    "double".into()
                } else {
                    "float".into()
                }
            }
            (b, Some(a)) => format!("{b}({a})"),
            (b, None) => b.to_string(),
        }
    };
    let rest = rest
        .replace("zerofill", "unsigned zerofill")
        .replace("unsigned unsigned", "unsigned");
    if !rest.is_empty() {
        out.push(' ');
        out.push_str(rest.trim());
    }
    out
}

/// SQLite's affinity rules (https://www.sqlite.org/datatype3.html §3.1), in their order.
pub fn sqlite_affinity(declared: &str) -> &'static str {
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        "INTEGER"
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        "TEXT"
    } else if t.contains("BLOB") || t.trim().is_empty() {
        "BLOB"
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        "REAL"
    } else {
        "NUMERIC"
    }
}

/// The family of a canonical Postgres type: casts within one are direct and keep meaning
/// (widths aside); across them they may not exist, or change the value (a timestamp
/// literal read as timestamptz).
pub fn pg_family(t: &str) -> &'static str {
    let t = t.split('(').next().unwrap_or(t).trim();
    match t {
        "smallint" | "integer" | "bigint" | "numeric" | "real" | "double precision" | "money" => {
            "number"
        }
        "text" | "character varying" | "character" | "name" | "citext" => "text",
        "boolean" => "boolean",
        "date" => "date",
        "timestamp without time zone" => "timestamp",
        "timestamp with time zone" => "timestamptz",
        "time without time zone" | "time with time zone" => "time",
        "json" | "jsonb" => "json",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_aliases() {
        let c = |s| canonical_type(Dialect::Postgres, s);
        assert_eq!(c("int4"), "integer");
        assert_eq!(c("INT"), "integer");
        assert_eq!(c("varchar(255)"), "character varying(255)");
        assert_eq!(c("character varying"), "character varying");
        assert_eq!(c("bool"), "boolean");
        assert_eq!(c("timestamptz"), "timestamp with time zone");
        assert_eq!(c("timestamp(3)"), "timestamp(3) without time zone");
        assert_eq!(
            c("timestamp(3) with time zone"),
            "timestamp(3) with time zone"
        );
        assert_eq!(
            c("TIMESTAMP WITHOUT TIME ZONE"),
            "timestamp without time zone"
        );
        assert_eq!(c("decimal(10, 2)"), "numeric(10,2)");
        assert_eq!(c("int[]"), "integer[]");
        assert_eq!(c("char"), "character(1)");
        assert_eq!(c("float"), "double precision");
        assert_eq!(c("float(10)"), "real");
        assert_eq!(c("my_enum"), "my_enum");
    }

    #[test]
    fn mysql_aliases() {
        let c = |s| canonical_type(Dialect::Mysql, s);
        assert_eq!(c("int(11)"), "int");
        assert_eq!(c("INTEGER"), "int");
        assert_eq!(c("int(10) unsigned"), "int unsigned");
        assert_eq!(c("tinyint(1)"), "tinyint(1)");
        assert_eq!(c("tinyint(4)"), "tinyint");
        assert_eq!(c("boolean"), "tinyint(1)");
        assert_eq!(c("numeric"), "decimal(10,0)");
        assert_eq!(c("decimal(8)"), "decimal(8,0)");
        assert_eq!(c("character varying(20)"), "varchar(20)");
        assert_eq!(c("enum('a','b')"), "enum('a','b')");
        // Values are case-sensitive and may hold quotes, commas and spaces.
        assert_eq!(
            c("ENUM('A', 'b', 'it''s', 'x, y')"),
            "enum('A','b','it''s','x, y')"
        );
        assert_eq!(c("SET ('One','two')"), "set('One','two')");
        assert_eq!(c("year(4)"), "year");
    }

    #[test]
    fn sqlite_affinity_rules() {
        let c = |s| canonical_type(Dialect::Sqlite, s);
        assert_eq!(c("VARCHAR(10)"), "TEXT");
        assert_eq!(c("bigint"), "INTEGER");
        assert_eq!(c("double precision"), "REAL");
        assert_eq!(c(""), "BLOB");
        assert_eq!(c("decimal(10,2)"), "NUMERIC");
        assert_eq!(c("boolean"), "NUMERIC");
    }
}
