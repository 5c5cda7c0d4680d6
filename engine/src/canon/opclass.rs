//! PostgreSQL index operator classes. An index part written with its type's default class
//! (`text_ops`, `jsonb_ops` under gin) is stored exactly like one written without it, so
//! both canonicalise to no class. Which classes are defaults is PostgreSQL 15's
//! pg_opclass.opcdefault, per access method. A default class of an extension (btree_gist's
//! `gist_int4_ops`) is not known here and stays named.

const BTREE: &str = "array_ops bit_ops bool_ops bpchar_ops bytea_ops char_ops date_ops \
    enum_ops float4_ops float8_ops inet_ops int2_ops int4_ops int8_ops interval_ops jsonb_ops \
    macaddr8_ops macaddr_ops money_ops multirange_ops name_ops numeric_ops oid_ops \
    oidvector_ops pg_lsn_ops range_ops record_ops text_ops tid_ops time_ops timestamp_ops \
    timestamptz_ops timetz_ops tsquery_ops tsvector_ops uuid_ops varbit_ops xid8_ops";
const HASH: &str = "aclitem_ops array_ops bool_ops bpchar_ops bytea_ops char_ops cid_ops \
    date_ops enum_ops float4_ops float8_ops inet_ops int2_ops int4_ops int8_ops interval_ops \
    jsonb_ops macaddr8_ops macaddr_ops multirange_ops name_ops numeric_ops oid_ops \
    oidvector_ops pg_lsn_ops range_ops record_ops text_ops tid_ops time_ops timestamp_ops \
    timestamptz_ops timetz_ops uuid_ops xid8_ops xid_ops";
const GIN: &str = "array_ops jsonb_ops tsvector_ops";
const GIST: &str = "box_ops circle_ops multirange_ops point_ops poly_ops range_ops \
    tsquery_ops tsvector_ops";
const SPGIST: &str = "box_ops inet_ops poly_ops quad_point_ops range_ops text_ops";
const BRIN: &str = "bit_minmax_ops box_inclusion_ops bpchar_minmax_ops bytea_minmax_ops \
    char_minmax_ops date_minmax_ops float4_minmax_ops float8_minmax_ops inet_inclusion_ops \
    int2_minmax_ops int4_minmax_ops int8_minmax_ops interval_minmax_ops macaddr8_minmax_ops \
    macaddr_minmax_ops name_minmax_ops numeric_minmax_ops oid_minmax_ops pg_lsn_minmax_ops \
    range_inclusion_ops text_minmax_ops tid_minmax_ops time_minmax_ops timestamp_minmax_ops \
    timestamptz_minmax_ops timetz_minmax_ops uuid_minmax_ops varbit_minmax_ops";

/// Whether `opclass` is a built-in default class of access method `method` (`None`: btree).
pub fn is_default(method: Option<&str>, opclass: &str) -> bool {
    let list = match method.unwrap_or("btree") {
        "btree" => BTREE,
        "hash" => HASH,
        "gin" => GIN,
        "gist" => GIST,
        "spgist" => SPGIST,
        "brin" => BRIN,
        _ => return false,
    };
    list.split_whitespace().any(|c| c == opclass)
}

/// The class to keep for a part: none when it is the default one.
pub fn canonical(method: Option<&str>, opclass: Option<String>) -> Option<String> {
    opclass.filter(|c| !is_default(method, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_depend_on_the_method() {
        assert!(is_default(None, "text_ops"));
        assert!(is_default(Some("gin"), "jsonb_ops"));
        assert!(!is_default(Some("gin"), "jsonb_path_ops"));
        assert!(!is_default(Some("gist"), "inet_ops"));
        assert!(is_default(Some("spgist"), "inet_ops"));
        assert_eq!(
            canonical(None, Some("text_pattern_ops".into())).as_deref(),
            Some("text_pattern_ops")
        );
    }
}
