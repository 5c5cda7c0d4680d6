#!/usr/bin/env node
// The `waymark` command. Every decision is the engine's (waymark::cli, docs/cli.md): this file
// does the I/O it asks for (files, the database through the runner), prints what it says and
// exits with its code. bindings-python/python/waymark/cli.py is the same loop in Python.
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as waymark from "./index.js";

const args = process.argv.slice(2);
const now = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const { runner, MigrationError } = waymark;

function emit({ stdout, stderr }) {
  if (stdout) process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
}

const absent = (e) => e?.code === "ENOENT" || e?.code === "ENOTDIR";

function orNull(f) {
  try {
    return f();
  } catch (e) {
    if (absent(e)) return null;
    throw e;
  }
}

function fs({ list, read }) {
  return {
    list: list.map((path) =>
      orNull(() =>
        readdirSync(path).map((name) => ({ name, dir: statSync(join(path, name)).isDirectory() })),
      ),
    ),
    read: read.map((path) => orNull(() => readFileSync(path, "utf8"))),
  };
}

function write({ files }) {
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text);
  }
  return {};
}

// Drivers come from beside this package, else from the project in the working directory (a
// global install); only better-sqlite3 is a dependency.
const requirers = [createRequire(import.meta.url), createRequire(join(process.cwd(), "index.js"))];

class MissingDriver extends Error {
  constructor(name) {
    super(`cannot load ${name}`);
    this.driver = name;
  }
}

function driver(name) {
  for (const r of requirers) {
    try {
      return r(name);
    } catch (e) {
      if (e?.code !== "MODULE_NOT_FOUND") throw e;
    }
  }
  throw new MissingDriver(name.split("/")[0]);
}

async function open(d) {
  if (d.dialect === "sqlite") {
    const Database = driver("better-sqlite3");
    const conn = new Database(d.path);
    return [waymark.fromBetterSqlite3(conn), () => conn.close()];
  }
  if (d.dialect === "postgres") {
    const pg = driver("pg");
    const client = new pg.Client({ connectionString: d.url });
    await client.connect();
    return [waymark.fromPg(client), () => client.end()];
  }
  const mysql = driver("mysql2/promise");
  const { host, port, user, password, database } = d;
  const conn = await mysql.createConnection({ host, port, user, password, database });
  return [waymark.fromMysql2(conn), () => conn.end()];
}

const calls = {
  status: (db, c) => runner.status(db, { migrations: c.migrations, table: c.table }),
  deploy: (db, c) =>
    runner.deploy(db, {
      migrations: c.migrations,
      table: c.table,
      onProgress: (event) => emit(waymark.cliProgress({ args, event })),
    }),
  introspect: (db) => runner.introspect(db),
  recover: async (db, c) => {
    const plan = await runner.recover(db, { migrations: c.migrations, id: c.id, table: c.table });
    return { plan, diagnostics: await runner.diagnose(db, plan) };
  },
  down: (db, c) =>
    runner.down(db, { migrations: c.migrations, id: c.id, to: c.to, acceptLoss: c.accept_loss, table: c.table }),
  resolve: (db, c) =>
    runner.resolve(db, { migrations: c.migrations, id: c.id, resolution: c.resolution, table: c.table }),
};

// What went wrong, by kind; the engine words the message.
function hostError(e) {
  if (e instanceof MigrationError)
    return { kind: "migration", message: e.message, id: e.id, statement: e.statement, db_error: e.dbError };
  if (e instanceof MissingDriver) return { kind: "missing_driver", message: e.message, driver: e.driver };
  if (e?.diagnostic) return { kind: "engine", message: e.message, diagnostic: e.diagnostic };
  if (e?.code === "pre-check-failed") return { kind: "pre_check", message: e.message, pre_checks: e.preChecks };
  return { kind: "database", message: e?.message ?? String(e) };
}

async function db({ database, calls: todo }) {
  const results = [];
  let close;
  try {
    let conn;
    [conn, close] = await open(database);
    for (const c of todo) results.push(await calls[c.call](conn, c));
    return { results };
  } catch (e) {
    return { results, error: hostError(e) };
  } finally {
    try {
      await close?.();
    } catch {
      // The results are in; a failing close changes nothing.
    }
  }
}

async function perform(step) {
  if (step.do === "db") return db(step);
  try {
    if (step.do === "fs") return fs(step);
    if (step.do === "write") return write(step);
  } catch (e) {
    return { error: { kind: "io", message: e?.message ?? String(e) } };
  }
  throw new Error(`unknown step ${step.do}`);
}

try {
  await waymark.ready();
  const results = [];
  for (;;) {
    const step = waymark.cliStep({ args, results, now });
    if (step.do === "exit") {
      emit(step);
      process.exitCode = step.code;
      break;
    }
    results.push(await perform(step));
  }
} catch (e) {
  // Only a bug gets here: the engine reports every expected failure itself.
  process.stderr.write(`error[${e?.code ?? "internal-error"}]: ${e?.diagnostic?.message ?? e?.message ?? e}\n`);
  process.exitCode = 1;
}
