//! PostgreSQL. DDL is transactional, except what must see a committed enum value or build
//! an index CONCURRENTLY.

use super::ddl::{self, qname, quote};
use super::{unsupported, Ctx, Rendered};
use crate::canon::user_types::pg_type_sql;
use crate::diag::Diagnostic;
use crate::dialect::Dialect;
use crate::diff::{Change, ColumnAspect, Validatable};
use crate::model::{Column, EnumType, Identity as Ident, QualifiedName, Schema, StorageParam};

const D: Dialect = Dialect::Postgres;

pub(super) fn render(change: &Change, ctx: &Ctx) -> Result<Rendered, Diagnostic> {
    use Change::*;
    let alter = |t: &QualifiedName, action: String| format!("ALTER TABLE {} {action}", qname(D, t));
    let s = match change {
        CreateSchema { name } => vec![format!("CREATE SCHEMA {}", quote(D, name))],
        DropSchema { name } => vec![format!("DROP SCHEMA {}", quote(D, name))],
        CreateTable { table } => {
            let mut s = ddl::create_table(D, table, &table.name);
            s.extend(super::access::create_table_extras(table));
            s
        }
        DropTable { table } => {
            let drop = format!("DROP TABLE {}", qname(D, &table.name));
            match &table.options.partition_of {
                // Detached first: a foreign key to the parent also points at each partition,
                // and DETACH checks that no row refers into it, where DROP refuses outright.
                Some(p) => vec![
                    format!(
                        "ALTER TABLE {} DETACH PARTITION {}",
                        qname(D, &p.parent),
                        qname(D, &table.name)
                    ),
                    drop,
                ],
                None => vec![drop],
            }
        }
        RenameTable { from, to } => {
            if from.schema != to.schema {
                return Err(unsupported(
                    change,
                    D,
                    "moving a table to another schema is not planned yet",
                ));
            }
            vec![alter(from, format!("RENAME TO {}", quote(D, &to.name)))]
        }
        CreateEnum { enum_type } => vec![create_enum(enum_type, &enum_type.name)],
        DropEnum { enum_type } => vec![format!("DROP TYPE {}", qname(D, &enum_type.name))],
        AddEnumValue {
            name, value, after, ..
        } => {
            // AFTER the left neighbour (added first, if new); a leading value goes BEFORE
            // the first value that already exists, so no two additions wait on each other.
            let first_old = || {
                let old = ctx.previous.enums.get(name)?;
                let next = ctx.next.enums.get(name)?;
                next.values.iter().find(|v| old.values.contains(v))
            };
            let place = match (after, first_old()) {
                (Some(a), _) => format!(" AFTER {}", ddl::literal(D, a)),
                (None, Some(b)) => format!(" BEFORE {}", ddl::literal(D, b)),
                (None, None) => String::new(),
            };
            // A new value cannot be used in the transaction that adds it.
            return Ok(Rendered {
                statements: vec![format!(
                    "ALTER TYPE {} ADD VALUE {}{place}",
                    qname(D, name),
                    ddl::literal(D, value)
                )],
                transactional: false,
            });
        }
        DropEnumValue { name, .. } => {
            let next = ctx.next.enums.get(name).ok_or_else(|| {
                unsupported(change, D, "the enum is missing from the next schema")
            })?;
            recreate_enum(next, ctx)
        }
        ReplaceEnum { next, .. } => recreate_enum(next, ctx),
        CreateView { view } => vec![create_view(view)],
        DropView { view } => vec![drop_view(view)],
        ReplaceView { previous, next } => vec![drop_view(previous), create_view(next)],
        CreateFunction { .. }
        | DropFunction { .. }
        | ReplaceFunction { .. }
        | CreateTrigger { .. }
        | DropTrigger { .. }
        | ReplaceTrigger { .. } => return super::routines::statements(change, D).map(Rendered::tx),
        CreateDomain { .. }
        | DropDomain { .. }
        | AlterDomain { .. }
        | CreateExtension { .. }
        | DropExtension { .. }
        | SetComment { .. } => return super::pg_objects::statements(change).map(Rendered::tx),
        AddColumn { table, column, .. } => {
            let mut s = vec![alter(
                table,
                format!("ADD COLUMN {}", ddl::column_def(D, column, false)),
            )];
            // The rows there took values already: the sequence keeps counting from them.
            if column.identity == Some(Ident::Serial) {
                let fresh = Column {
                    sequence: None,
                    ..column.clone()
                };
                let (clauses, guard) = sequence_change(&fresh, column);
                if !clauses.is_empty() {
                    s.push(ddl::alter_sequence(table, &column.name, &clauses, guard));
                }
            }
            if let Some(c) = &column.comment {
                s.push(ddl::column_comment(table, &column.name, Some(c)));
            }
            s
        }
        DropColumn { table, column, .. } => {
            vec![alter(
                table,
                format!("DROP COLUMN {}", quote(D, &column.name)),
            )]
        }
        RenameColumn { table, from, to } => vec![alter(
            table,
            format!("RENAME COLUMN {} TO {}", quote(D, from), quote(D, to)),
        )],
        AlterColumn {
            table,
            previous,
            next,
            aspects,
        } => alter_column(change, table, previous, next, aspects, ctx)?,
        AddPrimaryKey { table, primary_key } => vec![alter(
            table,
            format!("ADD {}", ddl::primary_key_clause(D, primary_key)),
        )],
        DropPrimaryKey { table, primary_key } => {
            vec![drop_constraint(change, table, &primary_key.name)?]
        }
        AddUnique { table, unique } => {
            vec![alter(
                table,
                format!("ADD {}", ddl::unique_clause(D, unique)),
            )]
        }
        DropUnique { table, unique } => vec![drop_constraint(change, table, &unique.name)?],
        AddIndex { table, index } => {
            // A partitioned table's index cannot be built CONCURRENTLY.
            let online = ctx.online && !ctx.next.partitioned(table);
            let stmt = ddl::create_index(D, table, index, online);
            return Ok(Rendered {
                statements: vec![stmt],
                transactional: !online,
            });
        }
        DropIndex { table, index } => {
            let online = ctx.online && !ctx.previous.partitioned(table);
            let conc = if online { "CONCURRENTLY " } else { "" };
            let stmt = format!(
                "DROP INDEX {conc}{}",
                qname(D, &ddl::sibling(table, &index.name))
            );
            return Ok(Rendered {
                statements: vec![stmt],
                transactional: !online,
            });
        }
        AddForeignKey { table, foreign_key } => validated(
            table,
            ddl::foreign_key_clause(D, foreign_key),
            &foreign_key.name,
            ctx.online && !foreign_key.not_valid,
        ),
        DropForeignKey { table, foreign_key } => {
            vec![drop_constraint(change, table, &foreign_key.name)?]
        }
        AddCheck { table, check } => {
            let online = ctx.online && !check.not_valid;
            validated(table, ddl::check_clause(D, check), &check.name, online)
        }
        DropCheck { table, check } => vec![drop_constraint(change, table, &check.name)?],
        AddExclusion { table, exclusion } => vec![alter(
            table,
            format!("ADD {}", ddl::exclusion_clause(exclusion)),
        )],
        DropExclusion { table, exclusion } => {
            vec![drop_constraint(change, table, &exclusion.name)?]
        }
        SetTableComment { table, next, .. } => vec![ddl::table_comment(table, next.as_ref())],
        GrantPrivileges { .. }
        | RevokePrivileges { .. }
        | SetRowSecurity { .. }
        | CreatePolicy { .. }
        | DropPolicy { .. }
        | ReplacePolicy { .. } => super::access::statements(change, ctx)?,
        RenameIndex { table, from, to } => vec![format!(
            "ALTER INDEX {} RENAME TO {}",
            qname(D, &ddl::sibling(table, from)),
            quote(D, to)
        )],
        RenameConstraint { table, from, to } => vec![alter(
            table,
            format!("RENAME CONSTRAINT {} TO {}", quote(D, from), quote(D, to)),
        )],
        SetConstraintValid {
            table,
            constraint,
            valid,
        } => vec![set_valid(change, table, constraint, *valid)?],
        ReorderColumns { .. } => {
            return Err(unsupported(
                change,
                D,
                "PostgreSQL cannot move columns; the planner warns instead",
            ))
        }
        AlterTableOptions {
            table,
            previous,
            next,
        } => {
            let rest = crate::model::TableOptions {
                storage: next.storage.clone(),
                partition_of: next.partition_of.clone(),
                ..previous.clone()
            } == *next;
            if previous.partition != next.partition {
                return Err(unsupported(
                    change,
                    D,
                    "a table's partitioning cannot change in place: it is a new table",
                ));
            }
            if !rest {
                return Err(unsupported(
                    change,
                    D,
                    "engine, table collation, STRICT and WITHOUT ROWID are not PostgreSQL options",
                ));
            }
            let mut s = partition_moves(change, table, previous, next)?;
            s.extend(storage_change(
                &format!("TABLE {}", qname(D, table)),
                &previous.storage,
                &next.storage,
            ));
            s
        }
        AlterIndexStorage {
            table,
            index,
            previous,
            next,
        } => {
            let name = qname(D, &ddl::sibling(table, index));
            storage_change(&format!("INDEX {name}"), previous, next)
        }
    };
    Ok(Rendered::tx(s))
}

/// DETACH from the old parent and ATTACH with the new bound: a partition keeps its rows,
/// and ATTACH checks that they fit. A table becoming a partition, or ceasing to be one,
/// changes its columns in the model too, and is not planned.
fn partition_moves(
    change: &Change,
    table: &QualifiedName,
    previous: &crate::model::TableOptions,
    next: &crate::model::TableOptions,
) -> Result<Vec<String>, Diagnostic> {
    match (&previous.partition_of, &next.partition_of) {
        (Some(a), Some(b)) if a != b => Ok(vec![
            format!(
                "ALTER TABLE {} DETACH PARTITION {}",
                qname(D, &a.parent),
                qname(D, table)
            ),
            format!(
                "ALTER TABLE {} ATTACH PARTITION {} {}",
                qname(D, &b.parent),
                qname(D, table),
                b.bound
            ),
        ]),
        (None, Some(b)) => Ok(vec![format!(
            "ALTER TABLE {} ATTACH PARTITION {} {}",
            qname(D, &b.parent),
            qname(D, table),
            b.bound
        )]),
        (a, b) if a == b => Ok(Vec::new()),
        _ => Err(unsupported(
            change,
            D,
            "detaching a partition for good is not planned yet (it takes its parent's keys and indexes along under names the server chooses)",
        )),
    }
}

/// `ALTER <what> RESET (...)` for parameters gone, then `SET (...)` for new values.
fn storage_change(what: &str, previous: &[StorageParam], next: &[StorageParam]) -> Vec<String> {
    let gone: Vec<&str> = (previous.iter())
        .filter(|p| !next.iter().any(|n| n.name == p.name))
        .map(|p| p.name.as_str())
        .collect();
    let set: Vec<StorageParam> = (next.iter())
        .filter(|n| !previous.contains(n))
        .cloned()
        .collect();
    let mut out = Vec::new();
    if !gone.is_empty() {
        out.push(format!("ALTER {what} RESET ({})", gone.join(", ")));
    }
    if !set.is_empty() {
        out.push(format!("ALTER {what} SET ({})", ddl::storage_list(&set)));
    }
    out
}

fn create_enum(e: &EnumType, name: &QualifiedName) -> String {
    let values: Vec<String> = e.values.iter().map(|v| ddl::literal(D, v)).collect();
    format!(
        "CREATE TYPE {} AS ENUM ({})",
        qname(D, name),
        values.join(", ")
    )
}

/// Values cannot be removed or reordered in place: the type is renamed aside, created
/// anew, every column using it is cast through text, and the old type dropped. The columns
/// are those typed with it on both sides; a default is put back from whichever side has one
/// the new type accepts (the other side's default step may not have run yet).
fn recreate_enum(next: &EnumType, ctx: &Ctx) -> Vec<String> {
    let old = ddl::sibling(&next.name, &format!("{}__waymark_old", next.name.name));
    let type_name = next.name.to_string();
    let mut out = vec![
        format!(
            "ALTER TYPE {} RENAME TO {}",
            qname(D, &next.name),
            quote(D, &old.name)
        ),
        create_enum(next, &next.name),
    ];
    let accepted = |d: &&String| next.values.iter().any(|v| d.contains(&ddl::literal(D, v)));
    for table in ctx.previous.tables.values() {
        for c in &table.columns {
            let array = c.data_type.strip_suffix("[]");
            let other = column_in(ctx.next, &table.name, &c.name);
            if (c.data_type != type_name && array != Some(&type_name))
                || other.is_none_or(|o| o.data_type != c.data_type)
            {
                continue;
            }
            let t = qname(D, &table.name);
            let col = quote(D, &c.name);
            if c.default.is_some() {
                out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} DROP DEFAULT"));
            }
            let text = if array.is_some() { "text[]" } else { "text" };
            out.push(format!(
                "ALTER TABLE {t} ALTER COLUMN {col} TYPE {} USING {col}::{text}::{}",
                pg_type_sql(&c.data_type),
                pg_type_sql(&c.data_type)
            ));
            let restore = c
                .default
                .as_ref()
                .filter(accepted)
                .or_else(|| other.and_then(|o| o.default.as_ref()).filter(accepted));
            if let (Some(_), Some(d)) = (&c.default, restore) {
                out.push(format!(
                    "ALTER TABLE {t} ALTER COLUMN {col} SET {}",
                    ddl::default_clause(D, d)
                ));
            }
        }
    }
    out.push(format!("DROP TYPE {}", qname(D, &old)));
    out
}

/// Whether Postgres has a cast between the two types. Across families (boolean to numeric,
/// date to integer) it often has none, so the value goes through its text form: that only
/// fails on rows whose text does not convert.
fn direct_cast(from: &str, to: &str) -> bool {
    use crate::canon::types::pg_family as family;
    let (a, b) = (family(from), family(to));
    from.ends_with("[]") == to.ends_with("[]") && (a == b || b == "text") && a != "other"
}

fn column_in<'s>(schema: &'s Schema, table: &QualifiedName, column: &str) -> Option<&'s Column> {
    schema.tables.get(table).and_then(|t| t.column(column))
}

fn create_view(v: &crate::model::View) -> String {
    let kind = if v.materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    };
    format!("CREATE {kind} {} AS {}", qname(D, &v.name), v.definition)
}

fn drop_view(v: &crate::model::View) -> String {
    let kind = if v.materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    };
    format!("DROP {kind} {}", qname(D, &v.name))
}

fn drop_constraint(
    change: &Change,
    table: &QualifiedName,
    name: &Option<String>,
) -> Result<String, Diagnostic> {
    let name = name
        .as_ref()
        .ok_or_else(|| unsupported(change, D, "the constraint has no name to drop it by"))?;
    Ok(format!(
        "ALTER TABLE {} DROP CONSTRAINT {}",
        qname(D, table),
        quote(D, name)
    ))
}

/// ADD CONSTRAINT; online, NOT VALID first and VALIDATE after, so the scan holds only a
/// SHARE UPDATE EXCLUSIVE lock.
fn validated(
    table: &QualifiedName,
    clause: String,
    name: &Option<String>,
    online: bool,
) -> Vec<String> {
    let t = qname(D, table);
    match (online, name) {
        (true, Some(n)) => vec![
            format!("ALTER TABLE {t} ADD {clause} NOT VALID"),
            format!("ALTER TABLE {t} VALIDATE CONSTRAINT {}", quote(D, n)),
        ],
        _ => vec![format!("ALTER TABLE {t} ADD {clause}")],
    }
}

/// VALIDATE scans under SHARE UPDATE EXCLUSIVE, so reads and writes go on. The way back
/// to NOT VALID is a drop and an add in one statement, so no moment lacks the constraint.
fn set_valid(
    change: &Change,
    table: &QualifiedName,
    constraint: &Validatable,
    valid: bool,
) -> Result<String, Diagnostic> {
    let name = constraint
        .name()
        .as_ref()
        .ok_or_else(|| unsupported(change, D, "the constraint has no name"))?;
    let clause = match constraint {
        Validatable::Check(c) => ddl::check_clause(D, c),
        Validatable::ForeignKey(f) => ddl::foreign_key_clause(D, f),
    };
    let action = if valid {
        format!("VALIDATE CONSTRAINT {}", quote(D, name))
    } else {
        format!("DROP CONSTRAINT {}, ADD {clause}", quote(D, name))
    };
    Ok(format!("ALTER TABLE {} {action}", qname(D, table)))
}

fn alter_column(
    change: &Change,
    table: &QualifiedName,
    prev: &Column,
    next: &Column,
    aspects: &[ColumnAspect],
    ctx: &Ctx,
) -> Result<Vec<String>, Diagnostic> {
    let online = ctx.online;
    use ColumnAspect::*;
    let t = qname(D, table);
    let col = quote(D, &next.name);
    let has = |a: ColumnAspect| aspects.contains(&a);
    let serial = |c: &Column| c.identity == Some(Ident::Serial);
    if has(Generated) {
        return Err(unsupported(
            change,
            D,
            "PostgreSQL cannot change a generated column in place",
        ));
    }
    if has(Identity) && (serial(prev) || serial(next)) {
        return Err(unsupported(
            change,
            D,
            "changing a serial column's sequence is not planned yet",
        ));
    }
    let mut out = Vec::new();
    let retype = has(Type) || has(Collation);
    // The old default may not cast to the new type: drop it first, set the new one after.
    let reset_default = has(Default) || (retype && prev.default.is_some());
    if reset_default && prev.default.is_some() && !serial(prev) {
        out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} DROP DEFAULT"));
    }
    if has(Identity) && prev.identity.is_some() && next.identity.is_none() {
        out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} DROP IDENTITY"));
    }
    if retype {
        let coll = next
            .collation
            .as_ref()
            .map_or(String::new(), |c| format!(" COLLATE {}", quote(D, c)));
        // Enums cast to and from each other only through text.
        let is_enum = |ty: &str, schema: &Schema| {
            let base = ty.strip_suffix("[]").unwrap_or(ty);
            schema.enums.keys().any(|k| k.to_string() == base)
        };
        let via = if is_enum(&prev.data_type, ctx.previous)
            || is_enum(&next.data_type, ctx.next)
            || !direct_cast(&prev.data_type, &next.data_type)
        {
            if next.data_type.ends_with("[]") {
                "::text[]"
            } else {
                "::text"
            }
        } else {
            ""
        };
        out.push(format!(
            "ALTER TABLE {t} ALTER COLUMN {col} TYPE {}{coll} USING {col}{via}::{}",
            pg_type_sql(&next.data_type),
            pg_type_sql(&next.data_type)
        ));
    }
    if reset_default && !serial(next) {
        if let Some(d) = &next.default {
            out.push(format!(
                "ALTER TABLE {t} ALTER COLUMN {col} SET {}",
                ddl::default_clause(D, d)
            ));
        }
    }
    if has(Nullability) {
        if next.nullable {
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} DROP NOT NULL"));
        } else if online {
            out.extend(online_set_not_null(table, &next.name));
        } else {
            out.push(format!("ALTER TABLE {t} ALTER COLUMN {col} SET NOT NULL"));
        }
    }
    if has(Identity) {
        let kind = |i: Ident| match i {
            Ident::Always => "ALWAYS",
            _ => "BY DEFAULT",
        };
        match (prev.identity, next.identity) {
            (None, Some(i)) => out.push(format!(
                "ALTER TABLE {t} ALTER COLUMN {col} ADD GENERATED {} AS IDENTITY{}",
                kind(i),
                ddl::identity_options(next)
            )),
            (Some(_), Some(i)) => {
                let (list, guard) = sequence_change(prev, next);
                let set_kind = format!(
                    "ALTER TABLE {t} ALTER COLUMN {col} SET GENERATED {}",
                    kind(i)
                );
                match guard {
                    Some(g) => {
                        out.push(set_kind);
                        out.push(ddl::alter_sequence_guarded(table, &next.name, &list, g));
                    }
                    None => out.push(
                        std::iter::once(set_kind)
                            .chain(list.iter().map(|c| format!("SET {c}")))
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                }
            }
            _ => {}
        }
    }
    // A serial's sequence keeps its type when the column's changes (an identity's follows).
    let retyped_serial = has(Type) && serial(prev) && serial(next);
    if (has(Sequence) || retyped_serial) && !has(Identity) {
        let (mut list, guard) = sequence_change(prev, next);
        if retyped_serial {
            list.insert(0, format!("AS {}", next.data_type));
        }
        match (guard, next.identity) {
            (None, Some(Ident::Always | Ident::ByDefault)) => out.push(format!(
                "ALTER TABLE {t} ALTER COLUMN {col} {}",
                list.iter()
                    .map(|c| format!("SET {c}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
            _ => out.push(ddl::alter_sequence(table, &next.name, &list, guard)),
        }
    }
    if has(Comment) {
        out.push(ddl::column_comment(
            table,
            &next.name,
            next.comment.as_ref(),
        ));
    }
    Ok(out)
}

/// The sequence options `next` sets that `prev`'s sequence does not have, and the bound
/// whose move may need a restart. The value the sequence has reached is data and stays
/// otherwise (no RESTART).
fn sequence_change(prev: &Column, next: &Column) -> (Vec<String>, Option<(char, i64)>) {
    let (a, b) = (
        prev.sequence_values(&next.data_type),
        next.sequence_values(&next.data_type),
    );
    (b.clauses_differing(&a), ddl::bound_behind(&a, &b))
}

/// SET NOT NULL skips its scan when a validated check already proves it (Postgres 12+).
fn online_set_not_null(table: &QualifiedName, column: &str) -> Vec<String> {
    let t = qname(D, table);
    let col = quote(D, column);
    let check = quote(D, &format!("{}_{column}_not_null", table.name));
    vec![
        format!("ALTER TABLE {t} ADD CONSTRAINT {check} CHECK ({col} IS NOT NULL) NOT VALID"),
        format!("ALTER TABLE {t} VALIDATE CONSTRAINT {check}"),
        format!("ALTER TABLE {t} ALTER COLUMN {col} SET NOT NULL"),
        format!("ALTER TABLE {t} DROP CONSTRAINT {check}"),
    ]
}
