//! The relations a view reads, from its SQL text, where the catalog does not say (MariaDB has
//! no VIEW_TABLE_USAGE; SQLite keeps only the CREATE VIEW text).

use super::build::qualified;
use crate::canon::ident::ident;
use crate::dialect::Dialect;
use crate::model::QualifiedName;
use sqlparser::ast::{ObjectName, ObjectNamePart, Query, Statement, Visit, Visitor};
use sqlparser::parser::Parser;
use std::collections::BTreeSet;
use std::ops::ControlFlow;

struct Collect {
    dialect: Dialect,
    ctes: BTreeSet<String>,
    relations: Vec<Vec<String>>,
}

impl Visitor for Collect {
    type Break = ();
    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                self.ctes.insert(ident(self.dialect, &cte.alias.name));
            }
        }
        ControlFlow::Continue(())
    }
    fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<()> {
        let d = self.dialect;
        let parts = relation
            .0
            .iter()
            .map(|p| match p {
                ObjectNamePart::Identifier(id) => ident(d, id),
                other => other.to_string(),
            })
            .collect();
        self.relations.push(parts);
        ControlFlow::Continue(())
    }
}

/// Sorted, distinct relations read by `sql` (a query or a whole CREATE VIEW statement).
/// Names in `namespace` are unqualified; CTE names are not relations. `None` when the text
/// cannot be parsed.
pub(crate) fn relations_read(
    dialect: Dialect,
    sql: &str,
    namespace: &str,
) -> Option<Vec<QualifiedName>> {
    let parser = dialect.parser();
    let statements = Parser::new(parser.as_ref())
        .with_recursion_limit(crate::canon::expr::RECURSION_LIMIT)
        .try_with_sql(sql)
        .and_then(|mut p| p.parse_statements())
        .ok()?;
    let mut c = Collect {
        dialect,
        ctes: BTreeSet::new(),
        relations: Vec::new(),
    };
    for statement in &statements {
        // The view's own name is visited as a relation too; only its query counts.
        let _ = match statement {
            Statement::CreateView(v) => v.query.visit(&mut c),
            other => other.visit(&mut c),
        };
    }
    let names: BTreeSet<QualifiedName> = c
        .relations
        .into_iter()
        .filter_map(|mut parts| {
            let name = parts.pop()?;
            let ns = parts.pop();
            if ns.is_none() && c.ctes.contains(&name) {
                return None;
            }
            Some(qualified(ns, namespace, name))
        })
        .collect();
    Some(names.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mariadb_printed_view() {
        let sql = "select `db`.`p`.`id` AS `id`,`db`.`c2`.`pid` AS `pid` from (`db`.`p` join `db`.`c2` on(`db`.`c2`.`pid` = `db`.`p`.`id`)) where `db`.`p`.`id` in (select `other`.`x`.`id` from `other`.`x`)";
        let reads = relations_read(Dialect::Mysql, sql, "db").unwrap();
        assert_eq!(
            reads,
            vec![
                QualifiedName::bare("c2"),
                QualifiedName::bare("p"),
                QualifiedName::new(Some("other".into()), "x"),
            ]
        );
    }

    #[test]
    fn ctes_are_not_relations() {
        let sql = "CREATE VIEW v AS WITH recent AS (SELECT * FROM posts) SELECT * FROM recent JOIN users ON 1 = 1";
        let reads = relations_read(Dialect::Sqlite, sql, "main").unwrap();
        assert_eq!(
            reads,
            vec![QualifiedName::bare("posts"), QualifiedName::bare("users")]
        );
    }
}
