//! SQL for model objects, shared by the dialect renderers: names, column definitions, key
//! and constraint clauses, CREATE TABLE and CREATE INDEX.

use crate::canon::user_types::pg_type_sql;
use crate::dialect::Dialect;
use crate::model::{
    Check, Column, Deferrable, EffectiveSequence, Exclusion, FkAction, ForeignKey, Identity, Index,
    IndexPart, PrimaryKey, QualifiedName, StorageParam, Table, UniqueConstraint,
};

/// An identifier, always quoted: the model holds the exact catalog name.
pub(crate) fn quote(dialect: Dialect, ident: &str) -> String {
    match dialect {
        Dialect::Mysql => format!("`{}`", ident.replace('`', "``")),
        Dialect::Postgres | Dialect::Sqlite => format!("\"{}\"", ident.replace('"', "\"\"")),
    }
}

pub(crate) fn qname(dialect: Dialect, name: &QualifiedName) -> String {
    match &name.schema {
        Some(s) => format!("{}.{}", quote(dialect, s), quote(dialect, &name.name)),
        None => quote(dialect, &name.name),
    }
}

/// A string literal. MySQL also treats backslash as an escape.
pub(crate) fn literal(dialect: Dialect, text: &str) -> String {
    let mut s = text.replace('\'', "''");
    if dialect == Dialect::Mysql {
        s = s.replace('\\', "\\\\");
    }
    format!("'{s}'")
}

pub(crate) fn column_list(dialect: Dialect, columns: &[String]) -> String {
    let cols: Vec<String> = columns.iter().map(|c| quote(dialect, c)).collect();
    cols.join(", ")
}

/// A default as the column clause needs it: only literals go bare (Postgres' DEFAULT takes
/// a restricted expression, MySQL and SQLite want parentheses around anything else).
pub(crate) fn default_clause(_dialect: Dialect, default: &str) -> String {
    if is_literal(default) {
        format!("DEFAULT {default}")
    } else {
        format!("DEFAULT ({default})")
    }
}

pub(crate) fn is_literal(text: &str) -> bool {
    let t = text.trim();
    let upper = t.to_ascii_uppercase();
    let quoted = t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'');
    let number = t
        .trim_start_matches(['-', '+'])
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E')
        && t.chars().any(|c| c.is_ascii_digit());
    quoted
        || number
        || matches!(
            upper.as_str(),
            "NULL"
                | "TRUE"
                | "FALSE"
                | "CURRENT_TIMESTAMP"
                | "CURRENT_DATE"
                | "CURRENT_TIME"
                | "CURRENT_TIMESTAMP()"
        )
}

/// Postgres serial types stand for an integer type plus an owned sequence.
fn serial_type(data_type: &str) -> Option<&'static str> {
    match data_type {
        "integer" => Some("serial"),
        "bigint" => Some("bigserial"),
        "smallint" => Some("smallserial"),
        _ => None,
    }
}

/// The options of a sequence for `c` that differ from what a fresh one gets.
pub(crate) fn sequence_clauses(c: &Column) -> Vec<String> {
    c.sequence.clone().unwrap_or_default().clauses(&c.data_type)
}

/// ` (INCREMENT BY 5 ...)` after AS IDENTITY, or nothing.
pub(crate) fn identity_options(c: &Column) -> String {
    match sequence_clauses(c) {
        list if list.is_empty() => String::new(),
        list => format!(" ({})", list.join(" ")),
    }
}

/// ALTER SEQUENCE of the sequence of serial column `table.column`, found on the server: the
/// model does not hold its name (a renamed table keeps its sequence's old one).
pub(crate) fn alter_serial_sequence(
    table: &QualifiedName,
    column: &str,
    clauses: &[String],
) -> String {
    let d = Dialect::Postgres;
    format!(
        "DO $$ BEGIN EXECUTE format('ALTER SEQUENCE %s {}', pg_get_serial_sequence({}, {})); END $$",
        clauses.join(" "),
        literal(d, &qname(d, table)),
        literal(d, column)
    )
}

/// ALTER SEQUENCE behind column `table.column`, restarting it when `guard` says so.
pub(crate) fn alter_sequence(
    table: &QualifiedName,
    column: &str,
    clauses: &[String],
    guard: Option<(char, i64)>,
) -> String {
    match guard {
        Some(g) => alter_sequence_guarded(table, column, clauses, g),
        None => alter_serial_sequence(table, column, clauses),
    }
}

/// The bound behind a sequence's counting direction when `next` moves it forward (an
/// ascending MINVALUE raised, a descending MAXVALUE lowered): the value the sequence
/// reached may lie outside the new range, and the server refuses the ALTER then.
pub(crate) fn bound_behind(
    prev: &EffectiveSequence,
    next: &EffectiveSequence,
) -> Option<(char, i64)> {
    if next.increment > 0 && next.min > prev.min {
        Some(('<', next.min))
    } else if next.increment < 0 && next.max < prev.max {
        Some(('>', next.max))
    } else {
        None
    }
}

/// ALTER SEQUENCE of the sequence behind column `table.column` (serial or identity) that
/// restarts it at its start only when the value it reached lies behind `bound` (see
/// [`bound_behind`]): every value it gave out lies behind the start then, so none repeats.
pub(crate) fn alter_sequence_guarded(
    table: &QualifiedName,
    column: &str,
    clauses: &[String],
    (op, bound): (char, i64),
) -> String {
    let d = Dialect::Postgres;
    format!(
        "DO $$ DECLARE s text := pg_get_serial_sequence({}, {}); v bigint; BEGIN \
         EXECUTE format('SELECT last_value FROM %s', s) INTO v; \
         EXECUTE format('ALTER SEQUENCE %s {}', s) || CASE WHEN v {op} {bound} THEN ' RESTART' ELSE '' END; \
         END $$",
        literal(d, &qname(d, table)),
        literal(d, column),
        clauses.join(" "),
    )
}

/// Statements that give the new serial columns of `table` their sequences' options. A new
/// sequence holds no value yet, so it restarts at its start (the old value may lie outside
/// the new bounds).
pub(crate) fn serial_options(table: &QualifiedName, columns: &[&Column]) -> Vec<String> {
    columns
        .iter()
        .filter(|c| c.identity == Some(Identity::Serial))
        .map(|c| (c, sequence_clauses(c)))
        .filter(|(_, list)| !list.is_empty())
        .map(|(c, mut list)| {
            list.push("RESTART".into());
            alter_serial_sequence(table, &c.name, &list)
        })
        .collect()
}

/// The column definition as CREATE TABLE and ADD COLUMN take it. `inline_pk` is SQLite's
/// `PRIMARY KEY AUTOINCREMENT`, which only exists on the column.
pub(crate) fn column_def(dialect: Dialect, c: &Column, inline_pk: bool) -> String {
    let mut out = quote(dialect, &c.name);
    let serial = (dialect == Dialect::Postgres && c.identity == Some(Identity::Serial))
        .then(|| serial_type(&c.data_type))
        .flatten();
    out.push(' ');
    match (serial, dialect) {
        (Some(s), _) => out.push_str(s),
        (None, Dialect::Postgres) => out.push_str(&pg_type_sql(&c.data_type)),
        (None, _) => out.push_str(&c.data_type),
    }
    match dialect {
        Dialect::Postgres => {
            if let Some(coll) = &c.collation {
                out.push_str(&format!(" COLLATE {}", quote(dialect, coll)));
            }
            match c.identity {
                Some(Identity::Always) => out.push_str(" GENERATED ALWAYS AS IDENTITY"),
                Some(Identity::ByDefault) => out.push_str(" GENERATED BY DEFAULT AS IDENTITY"),
                _ => {}
            }
            if matches!(c.identity, Some(Identity::Always | Identity::ByDefault)) {
                out.push_str(&identity_options(c));
            }
            if let Some(g) = &c.generated {
                out.push_str(&format!(" GENERATED ALWAYS AS ({}) STORED", g.expr));
            }
            if let (Some(d), None) = (&c.default, serial) {
                out.push(' ');
                out.push_str(&default_clause(dialect, d));
            }
            if !c.nullable {
                out.push_str(" NOT NULL");
            }
        }
        Dialect::Mysql => {
            if let Some(coll) = &c.collation {
                out.push_str(&format!(" COLLATE {coll}"));
            }
            if let Some(g) = &c.generated {
                let kind = if g.stored { "STORED" } else { "VIRTUAL" };
                out.push_str(&format!(" AS ({}) {kind}", g.expr));
            } else {
                out.push_str(if c.nullable { " NULL" } else { " NOT NULL" });
            }
            if let Some(d) = &c.default {
                out.push(' ');
                out.push_str(&default_clause(dialect, d));
            }
            if let Some(u) = &c.on_update {
                out.push_str(&format!(" ON UPDATE {u}"));
            }
            if c.identity == Some(Identity::AutoIncrement) {
                out.push_str(" AUTO_INCREMENT");
            }
            if let Some(comment) = &c.comment {
                out.push_str(&format!(" COMMENT {}", literal(dialect, comment)));
            }
        }
        Dialect::Sqlite => {
            if inline_pk {
                out.push_str(" PRIMARY KEY AUTOINCREMENT");
            }
            if !c.nullable {
                out.push_str(" NOT NULL");
            }
            if let Some(d) = &c.default {
                out.push(' ');
                out.push_str(&default_clause(dialect, d));
            }
            if let Some(coll) = &c.collation {
                out.push_str(&format!(" COLLATE {coll}"));
            }
            if let Some(g) = &c.generated {
                let kind = if g.stored { "STORED" } else { "VIRTUAL" };
                out.push_str(&format!(" GENERATED ALWAYS AS ({}) {kind}", g.expr));
            }
        }
    }
    out
}

fn constraint_prefix(dialect: Dialect, name: &Option<String>) -> String {
    match name {
        Some(n) => format!("CONSTRAINT {} ", quote(dialect, n)),
        None => String::new(),
    }
}

pub(crate) fn primary_key_clause(dialect: Dialect, pk: &PrimaryKey) -> String {
    // MySQL's primary key is always named PRIMARY; a CONSTRAINT name there is ignored.
    let name = if dialect == Dialect::Mysql {
        &None
    } else {
        &pk.name
    };
    format!(
        "{}PRIMARY KEY ({})",
        constraint_prefix(dialect, name),
        column_list(dialect, &pk.columns)
    )
}

fn nulls_not_distinct(yes: bool) -> &'static str {
    if yes {
        " NULLS NOT DISTINCT"
    } else {
        ""
    }
}

/// ` INCLUDE (...)`, or nothing.
fn include_clause(dialect: Dialect, columns: &[String]) -> String {
    if columns.is_empty() {
        return String::new();
    }
    format!(" INCLUDE ({})", column_list(dialect, columns))
}

/// ` WITH (name = value, ...)` of Postgres storage parameters, or nothing.
pub(crate) fn with_storage(params: &[StorageParam]) -> String {
    if params.is_empty() {
        return String::new();
    }
    format!(" WITH ({})", storage_list(params))
}

/// `name = value, ...` for WITH or SET.
pub(crate) fn storage_list(params: &[StorageParam]) -> String {
    let items: Vec<String> = params
        .iter()
        .map(|p| {
            let bare = !p.value.is_empty()
                && (p.value.chars()).all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
            let value = if bare {
                p.value.clone()
            } else {
                literal(Dialect::Postgres, &p.value)
            };
            format!("{} = {value}", p.name)
        })
        .collect();
    items.join(", ")
}

pub(crate) fn unique_clause(dialect: Dialect, u: &UniqueConstraint) -> String {
    format!(
        "{}UNIQUE{} ({}){}",
        constraint_prefix(dialect, &u.name),
        nulls_not_distinct(u.nulls_not_distinct),
        column_list(dialect, &u.columns),
        include_clause(dialect, &u.include)
    )
}

/// The clause as ADD CONSTRAINT takes it, ending in its state (`NOT VALID`, which only
/// ALTER TABLE keeps).
pub(crate) fn check_clause(dialect: Dialect, c: &Check) -> String {
    let mut out = format!("{}CHECK ({})", constraint_prefix(dialect, &c.name), c.expr);
    if c.no_inherit {
        out.push_str(" NO INHERIT");
    }
    if c.not_valid {
        out.push_str(" NOT VALID");
    }
    out
}

fn action(a: FkAction) -> Option<&'static str> {
    match a {
        FkAction::NoAction => None,
        FkAction::Restrict => Some("RESTRICT"),
        FkAction::Cascade => Some("CASCADE"),
        FkAction::SetNull => Some("SET NULL"),
        FkAction::SetDefault => Some("SET DEFAULT"),
    }
}

/// A MySQL foreign key as it was written: one named `<table>_ibfk_<n>` with no index of
/// that name was unnamed, and is written so. MariaDB names the implicit index of a named key
/// after the key, of an unnamed one after its first column.
pub(crate) fn mysql_written_fk(
    table: &QualifiedName,
    shape: Option<&Table>,
    fk: &ForeignKey,
) -> ForeignKey {
    let prefix = format!("{}_ibfk_", table.name);
    let auto = fk.name.as_deref().is_some_and(|n| {
        n.strip_prefix(&prefix)
            .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            && !shape.is_some_and(|t| t.indexes.iter().any(|i| i.name == n))
    });
    let mut out = fk.clone();
    if auto {
        out.name = None;
    }
    out
}

pub(crate) fn foreign_key_clause(dialect: Dialect, fk: &ForeignKey) -> String {
    let mut out = format!(
        "{}FOREIGN KEY ({}) REFERENCES {} ({})",
        constraint_prefix(dialect, &fk.name),
        column_list(dialect, &fk.columns),
        qname(dialect, &fk.ref_table),
        column_list(dialect, &fk.ref_columns)
    );
    if let Some(a) = action(fk.on_delete) {
        out.push_str(&format!(" ON DELETE {a}"));
    }
    if let Some(a) = action(fk.on_update) {
        out.push_str(&format!(" ON UPDATE {a}"));
    }
    out.push_str(deferrable_clause(fk.deferrable));
    if fk.not_valid {
        out.push_str(" NOT VALID");
    }
    out
}

/// `CONSTRAINT name EXCLUDE USING method (part WITH op, ...) [INCLUDE] [WHERE] [DEFERRABLE]`.
pub(crate) fn exclusion_clause(x: &Exclusion) -> String {
    let d = Dialect::Postgres;
    let elements: Vec<String> = (x.elements.iter())
        .map(|e| format!("{} WITH {}", part_sql(d, &e.part), e.operator))
        .collect();
    let mut out = format!(
        "{}EXCLUDE USING {} ({}){}",
        constraint_prefix(d, &x.name),
        x.method.as_deref().unwrap_or("btree"),
        elements.join(", "),
        include_clause(d, &x.include)
    );
    if let Some(p) = &x.predicate {
        out.push_str(&format!(" WHERE ({p})"));
    }
    out.push_str(deferrable_clause(x.deferrable));
    out
}

fn deferrable_clause(d: Deferrable) -> &'static str {
    match d {
        Deferrable::NotDeferrable => "",
        Deferrable::InitiallyImmediate => " DEFERRABLE INITIALLY IMMEDIATE",
        Deferrable::InitiallyDeferred => " DEFERRABLE INITIALLY DEFERRED",
    }
}

fn index_parts(dialect: Dialect, index: &Index) -> String {
    let parts: Vec<String> = index.parts.iter().map(|p| part_sql(dialect, p)).collect();
    parts.join(", ")
}

/// One indexed column or expression with its class, direction and NULLS order.
fn part_sql(dialect: Dialect, p: &IndexPart) -> String {
    {
        {
            let mut s = if p.expression {
                format!("({})", p.column)
            } else {
                quote(dialect, &p.column)
            };
            if let Some(len) = p.length {
                s.push_str(&format!("({len})"));
            }
            if let Some(class) = &p.opclass {
                s.push_str(&format!(" {}", quote(dialect, class)));
            }
            if p.descending {
                s.push_str(" DESC");
            }
            match p.nulls_first {
                Some(true) => s.push_str(" NULLS FIRST"),
                Some(false) => s.push_str(" NULLS LAST"),
                None => {}
            }
            s
        }
    }
}

/// `CREATE INDEX`. Postgres index names live in the table's schema, so the name is bare.
pub(crate) fn create_index(
    dialect: Dialect,
    table: &QualifiedName,
    index: &Index,
    concurrently: bool,
) -> String {
    let unique = if index.unique { "UNIQUE " } else { "" };
    let conc = if concurrently { "CONCURRENTLY " } else { "" };
    let using = match (&index.method, dialect) {
        (Some(m), Dialect::Postgres) => format!(" USING {m}"),
        _ => String::new(),
    };
    // MySQL FULLTEXT and SPATIAL are kinds of index, not methods: `CREATE FULLTEXT INDEX`.
    let kind = match dialect {
        Dialect::Mysql => super::table_options::mysql_index_kind(index),
        _ => None,
    };
    let mut out = format!(
        "CREATE {unique}{}INDEX {conc}{} ON {}{using} ({})",
        kind.unwrap_or(""),
        quote(dialect, &index.name),
        qname(dialect, table),
        index_parts(dialect, index)
    );
    if let (Some(m), Dialect::Mysql, None) = (&index.method, dialect, kind) {
        out.push_str(&format!(" USING {}", m.to_ascii_uppercase()));
    }
    if dialect == Dialect::Postgres {
        out.push_str(&include_clause(dialect, &index.include));
        out.push_str(nulls_not_distinct(index.nulls_not_distinct));
        out.push_str(&with_storage(&index.storage));
    }
    if let Some(p) = &index.predicate {
        out.push_str(&format!(" WHERE {p}"));
    }
    out
}

/// MySQL's inline index clause inside CREATE TABLE.
pub(crate) fn mysql_inline_index(index: &Index) -> String {
    let d = Dialect::Mysql;
    let (kind, using) = match super::table_options::mysql_index_kind(index) {
        Some(k) => (format!("{k}KEY"), String::new()),
        None => (
            if index.unique { "UNIQUE KEY" } else { "KEY" }.to_string(),
            (index.method.as_ref())
                .map(|m| format!(" USING {}", m.to_ascii_uppercase()))
                .unwrap_or_default(),
        ),
    };
    format!(
        "{kind} {} ({}){using}",
        quote(d, &index.name),
        index_parts(d, index)
    )
}

/// The table's name inside its own schema: Postgres index and constraint names are per
/// schema, so a qualified index drop needs it.
pub(crate) fn sibling(table: &QualifiedName, name: &str) -> QualifiedName {
    QualifiedName::new(table.schema.clone(), name)
}

/// CREATE TABLE under `name` (the SQLite rebuild passes a temporary one), then the
/// statements that complete it: indexes and, on Postgres, comments.
pub(crate) fn create_table(dialect: Dialect, table: &Table, name: &QualifiedName) -> Vec<String> {
    let autoinc_pk = dialect == Dialect::Sqlite
        && table.primary_key.as_ref().is_some_and(|pk| {
            pk.columns.len() == 1
                && table
                    .column(&pk.columns[0])
                    .is_some_and(|c| c.identity == Some(Identity::AutoIncrement))
        });
    let mut items: Vec<String> = table
        .columns
        .iter()
        .map(|c| {
            let inline = autoinc_pk && c.identity == Some(Identity::AutoIncrement);
            column_def(dialect, c, inline)
        })
        .collect();
    if let (Some(pk), false) = (&table.primary_key, autoinc_pk) {
        items.push(primary_key_clause(dialect, pk));
    }
    items.extend(table.uniques.iter().map(|u| unique_clause(dialect, u)));
    if dialect == Dialect::Mysql {
        items.extend(table.indexes.iter().map(mysql_inline_index));
    }
    // The server marks constraints written in CREATE TABLE valid whatever they say.
    let (late_checks, checks): (Vec<&Check>, Vec<&Check>) =
        table.checks.iter().partition(|c| c.not_valid);
    let (late_fks, fks): (Vec<&ForeignKey>, Vec<&ForeignKey>) =
        table.foreign_keys.iter().partition(|f| f.not_valid);
    items.extend(checks.into_iter().map(|c| check_clause(dialect, c)));
    items.extend(table.exclusions.iter().map(exclusion_clause));
    items.extend(fks.into_iter().map(|f| match dialect {
        Dialect::Mysql => foreign_key_clause(dialect, &mysql_written_fk(name, Some(table), f)),
        _ => foreign_key_clause(dialect, f),
    }));
    // A partition's constraints of its own are added once it exists.
    let mut own = Vec::new();
    let mut create = match &table.options.partition_of {
        Some(p) => {
            let columns = table.columns.len();
            own.extend(
                items
                    .drain(columns..)
                    .map(|clause| format!("ALTER TABLE {} ADD {clause}", qname(dialect, name))),
            );
            format!(
                "CREATE TABLE {} PARTITION OF {} {}",
                qname(dialect, name),
                qname(dialect, &p.parent),
                p.bound
            )
        }
        None => format!(
            "CREATE TABLE {} (\n  {}\n)",
            qname(dialect, name),
            items.join(",\n  ")
        ),
    };
    create.push_str(&super::table_options::create_suffix(
        dialect,
        &table.options,
    ));
    if let (Dialect::Mysql, Some(comment)) = (dialect, &table.comment) {
        create.push_str(&format!(" COMMENT={}", literal(dialect, comment)));
    }
    let mut out = vec![create];
    out.extend(own);
    if dialect == Dialect::Postgres {
        out.extend(serial_options(
            name,
            &table.columns.iter().collect::<Vec<_>>(),
        ));
    }
    let late = late_checks
        .into_iter()
        .map(|c| check_clause(dialect, c))
        .chain(late_fks.into_iter().map(|f| foreign_key_clause(dialect, f)));
    out.extend(late.map(|clause| format!("ALTER TABLE {} ADD {clause}", qname(dialect, name))));
    if dialect != Dialect::Mysql {
        out.extend(
            table
                .indexes
                .iter()
                .map(|i| create_index(dialect, name, i, false)),
        );
    }
    if dialect == Dialect::Postgres {
        if let Some(c) = &table.comment {
            out.push(table_comment(name, Some(c)));
        }
        for c in &table.columns {
            if let Some(text) = &c.comment {
                out.push(column_comment(name, &c.name, Some(text)));
            }
        }
    }
    out
}

pub(crate) fn table_comment(table: &QualifiedName, comment: Option<&String>) -> String {
    let d = Dialect::Postgres;
    let text = comment.map_or("NULL".to_string(), |c| literal(d, c));
    format!("COMMENT ON TABLE {} IS {text}", qname(d, table))
}

pub(crate) fn column_comment(
    table: &QualifiedName,
    column: &str,
    comment: Option<&String>,
) -> String {
    let d = Dialect::Postgres;
    let text = comment.map_or("NULL".to_string(), |c| literal(d, c));
    format!(
        "COMMENT ON COLUMN {}.{} IS {text}",
        qname(d, table),
        quote(d, column)
    )
}
