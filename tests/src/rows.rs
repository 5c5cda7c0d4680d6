//! Driver rows → the JSON rows the engine reads, as a host would pass them.

use serde_json::{Map, Number, Value};
use waymark::introspect::Row;

pub fn postgres(client: &mut postgres::Client, sql: &str) -> Result<Vec<Row>, String> {
    let messages = client.simple_query(sql).map_err(|e| e.to_string())?;
    Ok(messages
        .into_iter()
        .filter_map(|m| match m {
            postgres::SimpleQueryMessage::Row(r) => Some(r),
            _ => None,
        })
        .map(|r| {
            r.columns()
                .iter()
                .enumerate()
                .map(|(i, c)| (c.name().to_string(), r.get(i).map_or(Value::Null, text)))
                .collect()
        })
        .collect())
}

pub fn mysql(conn: &mut mysql::Conn, sql: &str) -> Result<Vec<Row>, String> {
    use mysql::prelude::Queryable;
    let result = conn.query_iter(sql).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for row in result {
        let row = row.map_err(|e| e.to_string())?;
        let mut map = Map::new();
        for (i, c) in row.columns_ref().iter().enumerate() {
            let v = match row.as_ref(i) {
                None | Some(mysql::Value::NULL) => Value::Null,
                Some(mysql::Value::Bytes(b)) => text(&String::from_utf8_lossy(b)),
                Some(mysql::Value::Int(n)) => Value::Number((*n).into()),
                Some(mysql::Value::UInt(n)) => Value::Number((*n).into()),
                Some(other) => text(&other.as_sql(true)),
            };
            map.insert(c.name_str().to_string(), v);
        }
        out.push(map);
    }
    Ok(out)
}

pub fn sqlite(conn: &rusqlite::Connection, sql: &str) -> Result<Vec<Row>, String> {
    use rusqlite::types::ValueRef;
    let mut stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let rows = stmt
        .query_map([], |r| {
            let mut map = Map::new();
            for (i, name) in names.iter().enumerate() {
                let v = match r.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Number(n.into()),
                    ValueRef::Real(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
                    ValueRef::Text(t) | ValueRef::Blob(t) => text(&String::from_utf8_lossy(t)),
                };
                map.insert(name.clone(), v);
            }
            Ok(map)
        })
        .map_err(|e| e.to_string())?;
    rows.collect::<Result<_, _>>().map_err(|e| e.to_string())
}

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}
