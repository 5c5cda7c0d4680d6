// Adapters from the in-browser databases to what the runner needs: { dialect, query(sql) →
// rows, exec(sql), namespace() }. Rows go to the engine as the catalog queries expect them:
// text for PostgreSQL, SQLite's own values. The caller opens and closes the database.

/** PGlite (PostgreSQL in WASM): an open `PGlite`. */
export function fromPglite(pg) {
  const text = {};
  return {
    dialect: "postgres",
    async query(sql) {
      const r = await pg.query(sql, [], { parsers: new Proxy(text, { get: () => (v) => v }) });
      return r.rows;
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    async namespace() {
      return (await this.query("SELECT current_schema() AS s"))[0].s;
    },
  };
}

/** sql.js (SQLite in WASM): an open `SQL.Database`. */
export function fromSqlJs(db) {
  return {
    dialect: "sqlite",
    async query(sql) {
      const stmt = db.prepare(sql);
      try {
        const rows = [];
        while (stmt.step()) rows.push(stmt.getAsObject());
        return rows;
      } finally {
        stmt.free();
      }
    },
    async exec(sql) {
      db.exec(sql);
    },
    async namespace() {
      return "main";
    },
  };
}
