// The Node host runner against real databases: PostgreSQL 15 (pg), MariaDB (mysql2), SQLite
// (better-sqlite3, and sql.js as the playground uses it) and PGlite. Each deploys a history,
// then the seed migration fails on a duplicate email; status, the recovery plan, its
// diagnostic query, a way out, a redeploy and a down follow. Run on the build WAYMARK_TARGET
// names (native or wasm).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import mysql from "mysql2/promise";
import Database from "better-sqlite3";
import { PGlite } from "@electric-sql/pglite";
import initSqlJs from "sql.js";
import * as waymark from "../../bindings-node/npm/index.js";

await waymark.ready();
const { runner, MigrationError } = waymark;
const unique = `waymark_js_${process.pid}_${process.env.WAYMARK_TARGET ?? "x"}`;

const seed = {
  postgres: {
    init: "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, birth_date date);",
    change:
      "ALTER TABLE users DROP COLUMN birth_date;\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\nALTER TABLE users ADD COLUMN signup_date date;",
  },
  mysql: {
    init: "CREATE TABLE users (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(191) NOT NULL, birth_date date NULL);",
    change:
      "ALTER TABLE users DROP COLUMN birth_date;\nALTER TABLE users ADD UNIQUE INDEX users_email_key (email);\nALTER TABLE users ADD COLUMN signup_date date NULL AFTER email;",
  },
  sqlite: {
    init: "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, birth_date TEXT);",
    change:
      "ALTER TABLE users DROP COLUMN birth_date;\nCREATE UNIQUE INDEX users_email_key ON users (email);\nALTER TABLE users ADD COLUMN signup_date TEXT;",
  },
};

async function scenario(db) {
  const s = seed[db.dialect];
  const history = [{ id: "0001_users", sql: s.init }];
  const progress = [];
  assert.deepEqual(
    await runner.deploy(db, { migrations: history, onProgress: (p) => progress.push(p) }),
    ["0001_users"],
  );
  assert.deepEqual(progress, [{ id: "0001_users", statement: 0, total: 1 }]);
  await db.exec(
    "INSERT INTO users (email, birth_date) VALUES ('ann@example.com', '1990-01-01'), ('bob@example.com', '1985-05-05'), ('ann@example.com', '1991-02-02')",
  );

  const migrations = [...history, { id: "0002_seed", sql: s.change }];
  await assert.rejects(runner.deploy(db, { migrations }), (e) => {
    assert.ok(e instanceof MigrationError);
    assert.equal(e.id, "0002_seed");
    assert.equal(e.statement, 1);
    assert.match(e.dbError, /duplicate|unique/i, "the database's own error text");
    return true;
  });
  const st = await runner.status(db, { migrations });
  const state = st.entries.find((e) => e.id === "0002_seed").state;
  // MariaDB commits DDL as it goes; the others ran the migration in a transaction.
  assert.equal(state, db.dialect === "mysql" ? "partially_applied" : "failed");

  const plan = await runner.recover(db, { migrations, id: "0002_seed" });
  assert.equal(plan.failed.index, 1);
  assert.deepEqual(plan.drift, []);
  const [found] = await runner.diagnose(db, plan);
  assert.equal(found.query.code, "may-fail-unique");
  assert.equal(found.rows.length, 1);
  assert.equal(found.rows[0].email, "ann@example.com");
  assert.equal(String(found.rows[0].count), "2");

  if (db.dialect === "mysql") {
    assert.equal(plan.roll_back.steps[0].reversibility, "lossy");
    assert.match(plan.summary.join("\n"), /birth_date comes back empty/);
    // Fix the data, then finish the migration.
    await db.exec("DELETE FROM users WHERE id = 3");
    await runner.applyRecovery(db, plan, "forward");
  } else {
    assert.match(plan.summary.join("\n"), /nothing of it remains/);
    await runner.applyRecovery(db, plan, "back");
    const after = await runner.status(db, { migrations });
    assert.equal(after.entries.find((e) => e.id === "0002_seed").state, "rolled_back");
    await db.exec("DELETE FROM users WHERE id = 3");
    assert.deepEqual(await runner.deploy(db, { migrations }), ["0002_seed"]);
  }
  const done = await runner.status(db, { migrations });
  assert.deepEqual(
    done.entries.map((e) => e.state),
    ["applied", "applied"],
  );

  // Down: birth_date comes back (empty), and the record says rolled back.
  const downPlan = await runner.down(db, { migrations, id: "0002_seed" });
  assert.equal(downPlan.migrations[0].source, "auto_reverse");
  const live = await runner.introspect(db);
  const users = live.schema.tables.find((t) => t.name === "users");
  assert.ok(users.columns.some((c) => c.name === "birth_date"), JSON.stringify(users.columns));
  const last = await runner.status(db, { migrations });
  assert.equal(last.entries[1].state, "rolled_back");
}

test("SQLite (better-sqlite3)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "waymark-"));
  const conn = new Database(join(dir, "app.db"));
  try {
    await scenario(waymark.fromBetterSqlite3(conn));
  } finally {
    conn.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("PostgreSQL 15 (pg)", async () => {
  const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "test" });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${unique} CASCADE; CREATE SCHEMA ${unique}; SET search_path TO ${unique}`);
    await scenario(waymark.fromPg(client));
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${unique} CASCADE`);
    await client.end();
  }
});

test("MariaDB (mysql2)", async () => {
  const conn = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root" });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${unique}`);
    await conn.query(`CREATE DATABASE ${unique}`);
    await conn.query(`USE ${unique}`);
    await scenario(waymark.fromMysql2(conn));
  } finally {
    await conn.query(`DROP DATABASE IF EXISTS ${unique}`);
    await conn.end();
  }
});

test("PGlite", async () => {
  const pglite = new PGlite();
  try {
    await scenario(waymark.fromPglite(pglite));
  } finally {
    await pglite.close();
  }
});

test("SQLite in WASM (sql.js)", async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    await scenario(waymark.fromSqlJs(db));
  } finally {
    db.close();
  }
});
