// The in-browser database and what the page runs on it: PGlite for PostgreSQL, sql.js for
// SQLite, both loaded on first use. Deploys go through Waymark's own runner, as a host would.
import * as waymark from "@waymark/wasm";
import { appliedIds } from "./state.js";
import { diagnosticOf, fromSource, hasTarget, localMigrations } from "./analyze.js";

/** Why Apply cannot run for a dialect, or null when it can. */
export function unavailable(dialect) {
  return dialect === "mysql"
    ? "No MySQL server runs in a browser, so Apply and Fail need PostgreSQL (PGlite) or SQLite (sql.js). MySQL plans are proven on MariaDB 10.11 by Waymark's test suite."
    : null;
}

/** A fresh, empty database: `{db, label, close()}`. */
export async function openDatabase(dialect) {
  if (dialect === "postgres") {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = await PGlite.create();
    const db = waymark.fromPglite(pg);
    const [{ v }] = await db.query("SELECT current_setting('server_version') AS v");
    return { db, label: `PostgreSQL ${v} (PGlite)`, close: () => pg.close() };
  }
  if (dialect === "sqlite") {
    const [{ default: initSqlJs }, { default: wasmUrl }] = await Promise.all([
      import("sql.js"),
      import("sql.js/dist/sql-wasm-browser.wasm?url"),
    ]);
    const SQL = await initSqlJs({ locateFile: () => wasmUrl });
    const raw = new SQL.Database();
    const db = waymark.fromSqlJs(raw);
    const [{ v }] = await db.query("SELECT sqlite_version() AS v");
    return { db, label: `SQLite ${v} (sql.js)`, close: async () => raw.close() };
  }
  throw new Error(unavailable(dialect));
}

/**
 * Wraps a database so that the statement `k` (0-based) of migration `id` fails before it runs,
 * as if the database had refused it.
 */
function failing(db, id, k) {
  let armed = false;
  return {
    dialect: db.dialect,
    fired: false,
    total: null,
    query: (sql) => db.query(sql),
    namespace: () => db.namespace(),
    async exec(sql) {
      if (armed) {
        armed = false;
        this.fired = true;
        throw new Error(`injected failure: statement ${k + 1} of ${id} was made to fail`);
      }
      return db.exec(sql);
    },
    onProgress(p) {
      if (p.id !== id) return;
      this.total = p.total;
      if (p.statement === k) armed = true;
    },
  };
}

// Ids sort by their numeric prefix; the plan's migration goes after all of them.
function nextId(local) {
  const top = local.reduce((n, m) => {
    const p = /^(\d+)/.exec(m.id);
    return p ? (BigInt(p[1]) > n ? BigInt(p[1]) : n) : n;
  }, 0n);
  const width = Math.max(4, ...local.map((m) => /^(\d+)/.exec(m.id)?.[1].length ?? 0));
  return `${String(top + 1n).padStart(width, "0")}_plan`;
}

/**
 * The migrations Apply deploys, in order: what comes before the plan (the "from" schema, or the
 * migrations) and the plan itself as the last one (null when there is nothing to plan).
 */
export function applyMigrations(state, planOutput) {
  const before = state.mode === "migrations" ? localMigrations(state) : [{ id: "0001_from", sql: state.from }];
  if (!hasTarget(state) || !planOutput || !planOutput.plan.steps.length) return { before, plan: null };
  // A step that must run outside a transaction (a SQLite rebuild switching foreign keys off)
  // makes the whole migration run outside one.
  const needs = planOutput.plan.steps.some((s) => !s.transactional);
  const plan = { id: nextId(before), sql: planOutput.up, no_transaction: state.noTransaction || needs };
  return { before, plan };
}

/**
 * Applies the state on a fresh database: the migrations already applied (in their order), the
 * rest under the policy, then the plan; `failAt` (1-based) makes that statement of the plan
 * fail. Returns `{conn, migrations, failure?, refused?}`: `failure` is the runner's
 * MigrationError, `refused` a diagnostic that stopped the deploy.
 */
export async function apply(state, planOutput, { failAt = null, onLog: say = () => {} } = {}) {
  say(state.dialect === "postgres" ? "starting PostgreSQL in the page (PGlite: a few seconds)…" : "starting SQLite in the page (sql.js)…");
  const conn = await openDatabase(state.dialect);
  say(`opened ${conn.label}`);
  const { before, plan } = applyMigrations(state, planOutput);
  const migrations = plan ? [...before, plan] : before;
  const result = { conn, migrations };
  const runner = waymark.runner;
  const unknown = state.mode === "migrations" && appliedIds(state.applied).find((id) => !before.some((m) => m.id === id));
  if (unknown) {
    const message = `"already applied" names ${unknown}, which is not among the migrations`;
    say(`refused: ${message}`);
    result.refused = { code: "invalid-input", severity: "error", message };
    return result;
  }
  try {
    if (state.mode === "migrations") {
      // The database's own past: the applied ids, one deploy each, in the order they ran.
      const done = [];
      for (const id of appliedIds(state.applied)) {
        done.push(id);
        const subset = before.filter((m) => done.includes(m.id));
        for (const ran of await runner.deploy(conn.db, { migrations: subset, policy: "permissive" })) {
          say(`already applied: ${ran}`);
        }
      }
    }
    let db = conn.db;
    if (plan && failAt !== null) db = failing(conn.db, plan.id, failAt - 1);
    const ran = await runner.deploy(db, {
      migrations,
      policy: state.policy,
      onProgress: (p) => {
        db.onProgress?.(p);
        say(`${p.id}: statement ${p.statement + 1} of ${p.total}`);
      },
    });
    say(ran.length ? `deployed ${ran.join(", ")}` : "nothing to deploy");
    if (db.fired === false) {
      const message = `there is no statement ${failAt} to fail: ${plan.id} has ${db.total ?? 0}, and it ran to the end`;
      say(message);
      result.refused = { code: "invalid-input", severity: "error", message };
    }
  } catch (e) {
    if (e instanceof waymark.MigrationError) {
      say(`failed: ${e.message}`);
      result.failure = e;
    } else {
      say(`refused: ${e.message}`);
      result.refused = diagnosticOf(e);
    }
  }
  return result;
}

/** What the live database should equal: the target, or (no target) the replayed history. */
export function expected(state) {
  return hasTarget(state) ? { kind: "sql", sql: state.to } : fromSource(state);
}

/**
 * Introspects the database and plans from it to `source`: the plan's summary: what
 * is left to do (empty when the database matches).
 */
export async function compare(conn, dialect, source) {
  const snapshot = await waymark.runner.introspect(conn.db);
  // live: the history table is left out, and view text is read the server's way.
  const from = { kind: "snapshot", json: JSON.stringify(snapshot), live: true };
  const out = waymark.plan({ dialect, from, to: source });
  return out.summary;
}

/** The migrations the database recorded as applied, as a history source (the "before"). */
export async function appliedSource(conn, migrations) {
  const st = await waymark.runner.status(conn.db, { migrations });
  const applied = new Set(st.entries.filter((e) => e.state === "applied").map((e) => e.id));
  const kept = migrations.filter((m) => applied.has(m.id)).map(({ id, sql }) => ({ id, sql }));
  return { status: st, source: { kind: "history", migrations: kept } };
}

/** The recovery plan of the failed migration, with the rows its diagnostic queries find. */
export async function recovery(conn, migrations, id) {
  const plan = await waymark.runner.recover(conn.db, { migrations, id });
  const found = await waymark.runner.diagnose(conn.db, plan);
  return { plan, found };
}

/** Runs SQL typed into the console: the rows of a query, or nothing for a statement. */
export async function runSql(conn, sql) {
  const text = sql.trim();
  if (/^(select|with|pragma|explain|show|values)\b/i.test(text)) return conn.db.query(text);
  await conn.db.exec(text);
  return null;
}
