//! SQL for table options (`TableOptions`) and for the MySQL index kinds that are not a
//! method: FULLTEXT and SPATIAL.

use super::Ctx;
use crate::dialect::Dialect;
use crate::model::{Index, TableOptions};

/// What follows `CREATE TABLE t (...)`: MySQL `ENGINE=X COLLATE=c`, SQLite
/// `STRICT, WITHOUT ROWID`. Empty at the defaults.
pub(crate) fn create_suffix(dialect: Dialect, o: &TableOptions) -> String {
    match dialect {
        Dialect::Mysql => {
            let mut out = String::new();
            if let Some(e) = &o.engine {
                out.push_str(&format!(" ENGINE={e}"));
            }
            if let Some(c) = &o.collation {
                out.push_str(&format!(" COLLATE={c}"));
            }
            if let Some(p) = &o.partition {
                out.push_str(&format!(" {p}"));
            }
            out
        }
        Dialect::Sqlite => {
            let mut opts = Vec::new();
            if o.strict {
                opts.push("STRICT");
            }
            if o.without_rowid {
                opts.push("WITHOUT ROWID");
            }
            if opts.is_empty() {
                String::new()
            } else {
                format!(" {}", opts.join(", "))
            }
        }
        Dialect::Postgres => {
            let key = o
                .partition
                .as_ref()
                .map_or(String::new(), |p| format!(" {p}"));
            key + &super::ddl::with_storage(&o.storage)
        }
    }
}

/// MySQL ALTER TABLE clauses that turn `prev` into `next`. A table going back to the
/// database's default collation gets that collation by name when either schema knows it
/// (introspection), else `DEFAULT CHARACTER SET = DEFAULT`: the default collation of the
/// database's character set, which is the database's default unless that was chosen by
/// hand. Columns that follow the table's collation are redefined by their own changes.
pub(crate) fn mysql_clauses(prev: &TableOptions, next: &TableOptions, ctx: &Ctx) -> Vec<String> {
    let mut out = Vec::new();
    if prev.engine != next.engine {
        out.push(format!(
            "ENGINE = {}",
            next.engine.as_deref().unwrap_or("InnoDB")
        ));
    }
    if prev.collation != next.collation {
        let database =
            (ctx.next.default_collation.as_ref()).or(ctx.previous.default_collation.as_ref());
        out.push(match (&next.collation, database) {
            (Some(c), _) | (None, Some(c)) => format!("COLLATE = {c}"),
            (None, None) => "DEFAULT CHARACTER SET = DEFAULT".into(),
        });
    }
    out
}

/// `FULLTEXT ` or `SPATIAL ` for a MySQL index of that kind, which is written before
/// INDEX/KEY rather than as `USING`.
pub(crate) fn mysql_index_kind(index: &Index) -> Option<&'static str> {
    match index.method.as_deref() {
        Some("fulltext") => Some("FULLTEXT "),
        Some("spatial") => Some("SPATIAL "),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::{MigrationPair, RenameHints};
    use crate::ingest::parse_schema;
    use crate::plan::{plan, PlanOptions};
    use crate::Dialect;

    /// A live schema (it knows the database's default) against SQL (it does not).
    fn up(live_sql: &str, sql: &str) -> Vec<String> {
        let (mut live, _) = parse_schema(Dialect::Mysql, live_sql).unwrap();
        live.default_collation = Some("utf8mb4_general_ci".into());
        for t in live.tables.values_mut() {
            crate::canon::collation::canonicalize(t, Some("utf8mb4_general_ci"));
        }
        let (next, _) = parse_schema(Dialect::Mysql, sql).unwrap();
        let pair = MigrationPair {
            previous: &live,
            next: &next,
        };
        let p = plan(pair, &RenameHints::default(), &PlanOptions::default()).unwrap();
        p.steps.iter().flat_map(|s| s.up.clone()).collect()
    }

    #[test]
    fn the_database_default_is_no_change_and_is_named_when_known() {
        let t = "CREATE TABLE t (a varchar(10), n int)";
        assert!(up(t, &format!("{t} DEFAULT CHARSET=utf8mb4")).is_empty());
        assert!(up(&format!("{t} COLLATE=utf8mb4_general_ci"), t).is_empty());
        assert_eq!(
            up(&format!("{t} DEFAULT CHARSET=latin1"), t),
            ["ALTER TABLE `t`\n  COLLATE = utf8mb4_general_ci,\n  MODIFY COLUMN `a` varchar(10) NULL"]
        );
        assert_eq!(
            up(t, &format!("{t} ENGINE=MyISAM DEFAULT CHARSET=latin1")),
            ["ALTER TABLE `t`\n  ENGINE = MyISAM,\n  COLLATE = latin1_swedish_ci,\n  MODIFY COLUMN `a` varchar(10) NULL"]
        );
    }

    #[test]
    fn partitioning_is_compared_normalised_and_changed_as_a_whole() {
        let t = "CREATE TABLE t (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y))";
        let two = format!(
            "{t} PARTITION BY RANGE (`y`) (PARTITION p1 VALUES LESS THAN (10), \
             PARTITION p2 VALUES LESS THAN MAXVALUE)"
        );
        assert!(up(&two, &two.to_lowercase()).is_empty());
        assert_eq!(
            up(t, &format!("{t} partition by hash (y) partitions 4")),
            ["ALTER TABLE `t` PARTITION BY HASH (y) PARTITIONS 4"]
        );
        assert_eq!(up(&two, t), ["ALTER TABLE `t` REMOVE PARTITIONING"]);
        assert_eq!(
            up(
                &format!("{t} PARTITION BY KEY (id)"),
                &format!("{t} ENGINE=MyISAM PARTITION BY KEY (y)")
            ),
            [
                "ALTER TABLE `t` REMOVE PARTITIONING",
                "ALTER TABLE `t`\n  ENGINE = MyISAM",
                "ALTER TABLE `t` PARTITION BY KEY (y) PARTITIONS 1"
            ]
        );
        let (s, _) = parse_schema(
            Dialect::Mysql,
            &format!("{t}; ALTER TABLE t PARTITION BY LINEAR HASH (id) PARTITIONS 2; ALTER TABLE t REMOVE PARTITIONING"),
        )
        .unwrap();
        assert!(s.tables.values().all(|t| t.options.partition.is_none()));
    }
}
