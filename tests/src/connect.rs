//! Connections to the real servers, and scratch names unique across processes and threads.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const PG_DEFAULT: &str = "host=127.0.0.1 port=5432 user=postgres dbname=test";
const MYSQL_DEFAULT: &str = "mysql://root@127.0.0.1:3306/test";

/// `wm_<pid>_<counter>_<nanos>`: unique per test even when runs overlap.
pub(crate) fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("wm_{}_{n}_{nanos}", std::process::id())
}

pub(crate) fn postgres() -> postgres::Client {
    connect_pg(None).unwrap_or_else(|e| panic!("{e}"))
}

/// A connection to another database on the same server; an error instead of a panic, for
/// callers such as `Drop` that must not panic.
pub(crate) fn postgres_db(dbname: Option<&str>) -> Result<postgres::Client, String> {
    connect_pg(dbname)
}

fn connect_pg(dbname: Option<&str>) -> Result<postgres::Client, String> {
    let url = std::env::var("WAYMARK_PG_URL").unwrap_or_else(|_| PG_DEFAULT.into());
    let mut config: postgres::Config = url
        .parse()
        .map_err(|e| format!("WAYMARK_PG_URL `{url}` is not a connection string: {e}"))?;
    if let Some(db) = dbname {
        config.dbname(db);
    }
    config.connect(postgres::NoTls).map_err(|e| {
        format!(
            "PostgreSQL is not reachable at `{url}`: {e}\n\
             start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
        )
    })
}

pub(crate) fn mysql() -> mysql::Conn {
    let url = std::env::var("WAYMARK_MYSQL_URL").unwrap_or_else(|_| MYSQL_DEFAULT.into());
    let opts = mysql::Opts::from_url(&url)
        .unwrap_or_else(|e| panic!("WAYMARK_MYSQL_URL `{url}` is not a MySQL URL: {e}"));
    mysql::Conn::new(opts).unwrap_or_else(|e| {
        panic!(
            "MariaDB is not reachable at `{url}`: {e}\n\
             start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"
        )
    })
}
