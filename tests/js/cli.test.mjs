// The `waymark` command of the Node package, run as users run it: `node bindings-node/npm/cli.js`
// in a subprocess, on the build WAYMARK_TARGET selects. SQLite (a temp file) for every command;
// deploy and status on PostgreSQL and MariaDB too. The same commands through the Python CLI
// must print the same bytes: bindings-python/tests/test_cli.py checks that parity.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import mysql from "mysql2/promise";
import Database from "better-sqlite3";

const cli = fileURLToPath(new URL("../../bindings-node/npm/cli.js", import.meta.url));
// Drivers other than better-sqlite3 are the project's: this folder has pg and mysql2.
const here = fileURLToPath(new URL(".", import.meta.url));
const unique = `waymark_cli_js_${process.pid}_${process.env.WAYMARK_TARGET ?? "x"}`;

function waymark(cwd, ...args) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(cwd, ...args) {
  const r = waymark(cwd, ...args, "--json");
  return { ...r, doc: JSON.parse(r.stdout) };
}

function tempDir() {
  return mkdtempSync(join(tmpdir(), "waymark-cli-"));
}

const V1 = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, birth_date TEXT);\n";
const V2 =
  "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, signup TEXT);\n" +
  "CREATE UNIQUE INDEX users_email ON users (email);\n" +
  "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);\n";

test("--help of every command", () => {
  const top = waymark(here, "--help");
  assert.equal(top.code, 0);
  assert.match(top.stdout, /^waymark \S+: /);
  for (const c of ["diff", "status", "deploy", "new", "down", "recover", "resolve", "lint", "drift"]) {
    const r = waymark(here, c, "--help");
    assert.equal(r.code, 0, c);
    assert.ok(r.stdout.startsWith(`waymark ${c}: `), r.stdout);
    assert.match(r.stdout, /--json/);
  }
});

test("bad input: an error code on stderr, exit 1", () => {
  for (const [args, code] of [
    [["frobnicate"], "unknown-command"],
    [["status"], "missing-argument"],
    [["diff", "empty"], "missing-argument"],
    [["status", "--db", "oracle://db/x"], "invalid-database-url"],
    [["status", "--db", "sqlite:x.db", "--nope"], "unknown-option"],
    [["diff", "empty", "missing.sql", "--dialect", "sqlite"], "file-not-found"],
  ]) {
    const r = waymark(here, ...args);
    assert.equal(r.code, 1, args.join(" "));
    assert.ok(r.stderr.startsWith(`error[${code}]: `), r.stderr);
    assert.equal(r.stdout, "");
    const j = json(here, ...args);
    assert.equal(j.code, 1);
    assert.equal(j.doc.error.code, code);
  }
});

test("SQLite: new, deploy, status, diff, lint, drift, a failure, recover, resolve, down", () => {
  const dir = tempDir();
  const db = "sqlite:app.db";
  try {
    writeFileSync(join(dir, "schema.sql"), V1);
    const first = waymark(dir, "new", "init", "--schema", "schema.sql", "--dialect", "sqlite");
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /wrote migrations\/0001_init\.sql\nwrote migrations\/0001_init\.down\.sql\n/);
    assert.match(readFileSync(join(dir, "migrations/0001_init.down.sql"), "utf8"), /DROP TABLE "users"/);
    assert.equal(waymark(dir, "new", "again", "--schema", "schema.sql", "--dialect", "sqlite").code, 0);
    assert.ok(!existsSync(join(dir, "migrations/0002_again.sql")), "no change, no file");

    const pending = waymark(dir, "status", "--db", db);
    assert.equal(pending.code, 2);
    assert.match(pending.stdout, /pending +0001_init/);
    const deployed = waymark(dir, "deploy", "--db", db);
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.equal(deployed.stdout, "applying 0001_init [1/1]\ndeployed 1 migration: 0001_init\n");
    const st = json(dir, "status", "--db", db);
    assert.equal(st.code, 0);
    assert.deepEqual(st.doc.entries.map((e) => e.state), ["applied"]);
    assert.equal(waymark(dir, "deploy", "--db", db).stdout, "nothing to deploy: every migration is applied\n");

    // diff: 0 no changes, 2 changes, --script the SQL.
    assert.equal(waymark(dir, "diff", "migrations", db).code, 0);
    writeFileSync(join(dir, "schema.sql"), V2);
    const d = waymark(dir, "diff", "migrations", "schema.sql", "--dialect", "sqlite");
    assert.equal(d.code, 2);
    assert.match(d.stdout, /^\+ table posts$/m);
    const script = waymark(dir, "diff", db, "schema.sql", "--script");
    assert.equal(script.code, 2);
    assert.match(script.stdout, /^CREATE TABLE "posts"/m);
    assert.doesNotMatch(script.stdout, /\+ table/);

    // drift: 0, then 2 after a change by hand, then 0 once it is undone.
    assert.equal(waymark(dir, "drift", "--db", db).code, 0);
    const conn = new Database(join(dir, "app.db"));
    conn.exec("ALTER TABLE users ADD COLUMN nick TEXT");
    const drift = json(dir, "drift", "--db", db);
    assert.equal(drift.code, 2);
    assert.deepEqual(drift.doc.summary, ["+ column users.nick"]);
    conn.exec("ALTER TABLE users DROP COLUMN nick");
    assert.equal(waymark(dir, "drift", "--db", db).code, 0);

    // new from the replayed history, with its down; lint finds its hazards.
    const second = json(dir, "new", "change", "--schema", "schema.sql", "--dialect", "sqlite");
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(second.doc.files, ["migrations/0002_change.sql", "migrations/0002_change.down.sql"]);
    const lint = json(dir, "lint", "migrations/0002_change.sql", "--dialect", "sqlite");
    assert.equal(lint.code, 2);
    assert.ok(lint.doc.hazards.some((h) => h.hazard.code === "may-fail-unique"));
    assert.equal(waymark(dir, "lint", "migrations/0001_init.sql", "--dialect", "sqlite").code, 0);

    // A duplicate makes statement 4 (the unique index) fail; the failure is recorded.
    conn.exec("INSERT INTO users (email) VALUES ('ann@example.com'), ('ann@example.com'), ('bob@example.com')");
    const failed = waymark(dir, "deploy", "--db", db);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /applying 0002_change \[4\/4\]\n/);
    assert.match(failed.stderr, /^error\[migration-failed\]: 0002_change failed at statement 4: UNIQUE constraint failed/);
    const bad = waymark(dir, "status", "--db", db);
    assert.equal(bad.code, 2);
    assert.match(bad.stdout, /failed +0002_change/);

    const rec = waymark(dir, "recover", "--db", db);
    assert.equal(rec.code, 0, rec.stderr);
    assert.match(rec.stdout, /count=2, email=ann@example\.com/);
    assert.match(rec.stdout, /roll back: run this, then `waymark resolve 0002_change --rolled-back`/);
    const plan = json(dir, "recover", "0002_change", "--db", db).doc;
    assert.equal(plan.plan.failed.index, 3);
    assert.equal(plan.diagnostics[0].query.code, "may-fail-unique");

    const resolved = waymark(dir, "resolve", "0002_change", "--rolled-back", "--db", db);
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.match(json(dir, "status", "--db", db).doc.entries[1].state, /rolled_back/);
    conn.exec("DELETE FROM users WHERE id = 2");
    conn.close();
    assert.equal(waymark(dir, "deploy", "--db", db).code, 0);

    // down uses the written down file; the next deploy runs the migration again.
    const down = json(dir, "down", "0002_change", "--db", db);
    assert.equal(down.code, 0, down.stderr);
    assert.equal(down.doc.migrations[0].source, "hand_written");
    assert.equal(json(dir, "status", "--db", db).doc.entries[1].state, "rolled_back");
    assert.equal(waymark(dir, "deploy", "--db", db).code, 0);
    const to = waymark(dir, "down", "--to", "0001_init", "--db", db);
    assert.equal(to.stdout, "reverted 0002_change (its down migration)\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function serverScenario(url) {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, "schema.sql"), "CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL);\n");
    const dialect = url.startsWith("mysql") ? "mysql" : "postgres";
    assert.equal(waymark(dir, "new", "init", "--schema", "schema.sql", "--dialect", dialect).code, 0);
    // pg and mysql2 come from the working directory's project (tests/js).
    const deployed = waymark(here, "deploy", "--db", url, "--dir", join(dir, "migrations"));
    assert.equal(deployed.code, 0, deployed.stderr);
    assert.match(deployed.stdout, /applying 0001_init \[1\/1\]/);
    const st = json(here, "status", "--db", url, "--dir", join(dir, "migrations"));
    assert.equal(st.code, 0, st.stderr);
    assert.deepEqual(st.doc.entries.map((e) => [e.id, e.state]), [["0001_init", "applied"]]);
    assert.equal(waymark(here, "drift", "--db", url, "--dir", join(dir, "migrations")).code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("PostgreSQL: deploy and status", async () => {
  const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "test" });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${unique} CASCADE; CREATE SCHEMA ${unique}`);
    serverScenario(`postgres://postgres@127.0.0.1:5432/test?options=-csearch_path%3D${unique}`);
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${unique} CASCADE`);
    await client.end();
  }
});

test("MariaDB: deploy and status", async () => {
  const conn = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root" });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${unique}`);
    await conn.query(`CREATE DATABASE ${unique}`);
    serverScenario(`mysql://root@127.0.0.1:3306/${unique}`);
  } finally {
    await conn.query(`DROP DATABASE IF EXISTS ${unique}`);
    await conn.end();
  }
});

test("a driver the project lacks is missing-driver", () => {
  // From a folder with no node_modules above it, pg cannot be found.
  const dir = tempDir();
  try {
    const r = waymark(dir, "status", "--db", "postgres://postgres@127.0.0.1:5432/test", "--dir", ".");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error\[missing-driver\]: the database driver `pg` is not installed\n {2}hint: .*npm install pg/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
