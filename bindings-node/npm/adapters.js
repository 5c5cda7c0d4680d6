// Adapters from the Node drivers' connections to what the runner needs: { dialect,
// query(sql) → rows, exec(sql), namespace() }. The browser ones (PGlite, sql.js) are the WASM
// package's. Rows go to the engine as the catalog queries expect them:
// text for PostgreSQL (as its simple protocol gives), text or integers for MySQL, SQLite's
// own values. The caller opens and closes the connection.

const asText = { getTypeParser: () => (value) => value };

/** node-postgres: a connected `pg.Client` (or a pool client). */
export function fromPg(client) {
  return {
    dialect: "postgres",
    async query(sql) {
      return (await client.query({ text: sql, types: asText })).rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
    async namespace() {
      return (await this.query("SELECT current_schema() AS s"))[0].s;
    },
  };
}

// MySQL's text protocol: numbers stay numbers, everything else is text (dates too).
function mysqlCast(field, next) {
  if (["TINY", "SHORT", "LONG", "INT24", "LONGLONG", "YEAR"].includes(field.type)) return next();
  return field.string("utf8");
}

/** mysql2: a connection from `mysql2/promise`. */
export function fromMysql2(conn) {
  return {
    dialect: "mysql",
    async query(sql) {
      const [rows] = await conn.query({ sql, typeCast: mysqlCast });
      return Array.isArray(rows) ? rows : [];
    },
    async exec(sql) {
      await conn.query(sql);
    },
    async namespace() {
      return (await this.query("SELECT DATABASE() AS s"))[0].s;
    },
  };
}

/** better-sqlite3: an open `Database`. */
export function fromBetterSqlite3(db) {
  return {
    dialect: "sqlite",
    async query(sql) {
      const stmt = db.prepare(sql);
      return stmt.reader ? stmt.all() : (stmt.run(), []);
    },
    async exec(sql) {
      db.exec(sql);
    },
    async namespace() {
      return "main";
    },
  };
}
