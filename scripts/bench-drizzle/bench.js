#!/usr/bin/env node
// drizzle-kit's in-memory diff (generateMigration from 'drizzle-kit/api') on the shared synthetic
// schemas, next to Waymark's `plan` bench. Run through `scripts/bench`; BENCHMARKS.md records a run.
//
// Usage: node bench.js DATA_DIR [SIZES...]   one child process per size (its own peak RSS)
//        node bench.js --one DATA_DIR N      one size; prints a JSON line
// Modules come from $DRIZZLE_MODULES (default: target/bench-drizzle, where scripts/bench runs
// `npm ci` with this directory's package.json and package-lock.json).
//
// Input: gen_schema.py's model_current_N.json / model_desired_N.json. They are not drizzle
// snapshots (they are gen_schema's own model), so each table is declared with drizzle-orm's
// pg-core builders, exactly as a user's schema.ts would, and generateDrizzleJson turns the
// tables into drizzle's PostgreSQL snapshot JSON (version 7). Building the snapshots is timed
// apart; the measured diff starts from two snapshots, like Waymark's "models -> plan".
//
// Prompts: the desired schemas both drop and add tables (and some tables drop a column and add
// another), so drizzle-kit asks "create or rename?" on a TTY. Without one, generateMigration
// rejects ("Interactive prompts require a TTY terminal"). The bench records that rejection, then
// times the same pipeline as generateMigration (pgSchema.parse, squashPgScheme,
// applyPgSnapshotsDiff) with resolvers that answer "create / drop, no renames", which is what the
// prompts return when only one side is non-empty and what Waymark does without rename hints.
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');
const { spawnSync } = require('child_process');

const modulesDir = process.env.DRIZZLE_MODULES || path.resolve(__dirname, '../../target/bench-drizzle');
const req = Module.createRequire(path.join(modulesDir, 'package.json'));

function runsFor(n) {
  if (n >= 5000) return [3, 3];
  if (n >= 1000) return [5, 9];
  return [9, 41];
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(n, budgetMs, f) {
  const [min, max] = runsFor(n);
  const start = performance.now();
  const runs = [];
  while (runs.length < min || (performance.now() - start < budgetMs && runs.length < max)) {
    const t = performance.now();
    await f();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

// drizzle-kit/api, compiled again with an export of the internals generateMigration uses.
function loadApi() {
  const file = req.resolve('drizzle-kit/api');
  const src = fs.readFileSync(file, 'utf8') +
    '\nmodule.exports.__bench = { snapshotsDiffer_exports, init_snapshotsDiffer, pgSchema, squashPgScheme };\n';
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(src, file);
  return m.exports;
}

// One pg-core table per model table, as a schema.ts would declare it.
function drizzleTables(model) {
  const pg = req('drizzle-orm/pg-core');
  const { sql } = req('drizzle-orm');
  const byName = {};
  const column = (c) => {
    let b;
    switch (c.type) {
      case 'int': b = pg.integer(c.name); break;
      case 'bigint': b = pg.bigint(c.name, { mode: 'number' }); break;
      case 'text': b = pg.text(c.name); break;
      case 'varchar': b = pg.varchar(c.name, { length: c.length }); break;
      case 'timestamptz': b = pg.timestamp(c.name, { withTimezone: true }); break;
      case 'boolean': b = pg.boolean(c.name); break;
      case 'numeric': b = pg.numeric(c.name, { precision: 10, scale: 2 }); break;
      case 'jsonb': b = pg.jsonb(c.name); break;
      case 'uuid': b = pg.uuid(c.name); break;
      default: throw new Error(`unknown type ${c.type}`);
    }
    if (c.identity) b = b.generatedByDefaultAsIdentity();
    if (c.default !== null && c.default !== undefined) b = b.default(sql.raw(c.default));
    if (c.notnull) b = b.notNull();
    return b;
  };
  for (const t of model.tables) {
    const cols = {};
    for (const c of t.columns) cols[c.name] = column(c);
    byName[t.name] = pg.pgTable(t.name, cols, (tb) => [
      pg.primaryKey({ name: t.pk.name, columns: t.pk.columns.map((c) => tb[c]) }),
      ...t.uniques.map((u) => pg.unique(u.name).on(...u.columns.map((c) => tb[c]))),
      ...t.checks.map((ck) => pg.check(ck.name, sql.raw(ck.expr))),
      ...t.fks.map((f) => pg.foreignKey({
        name: f.name,
        columns: f.columns.map((c) => tb[c]),
        foreignColumns: f.ref_columns.map((c) => byName[f.ref_table][c]),
      }).onDelete(f.on_delete)),
      ...t.indexes.map((ix) => pg.index(ix.name).on(...ix.columns.map((c) => tb[c]))),
    ]);
  }
  return byName;
}

// Read from the installed package.json (drizzle-kit does not export it).
function version(pkg) {
  const file = path.join(modulesDir, 'node_modules', pkg, 'package.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

async function one(dir, n) {
  const api = loadApi();
  const B = api.__bench;
  const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  const cur = read(`model_current_${n}.json`);
  const des = read(`model_desired_${n}.json`);

  let t = performance.now();
  const prev = api.generateDrizzleJson(drizzleTables(cur));
  const next = api.generateDrizzleJson(drizzleTables(des), prev.id);
  const snapshotMs = performance.now() - t;

  // The public function, as a script (no TTY) would call it.
  let publicApi = 'ok';
  const quiet = console.error;
  console.error = () => {};
  try {
    await api.generateMigration(prev, next);
  } catch (e) {
    publicApi = `rejects: ${String(e && e.message ? e.message : e).split(/[\n(]/)[0].trim()}`;
  }
  console.error = quiet;

  const keep = async (input) => ({
    tableName: input.tableName,
    schema: input.schema,
    created: input.created,
    deleted: input.deleted,
    moved: [],
    renamed: [],
  });
  const diff = async () => {
    B.init_snapshotsDiffer();
    const { applyPgSnapshotsDiff } = B.snapshotsDiffer_exports;
    const vp = B.pgSchema.parse(prev);
    const vc = B.pgSchema.parse(next);
    const { sqlStatements } = await applyPgSnapshotsDiff(
      B.squashPgScheme(vp), B.squashPgScheme(vc),
      keep, keep, keep, keep, keep, keep, keep, keep, keep, vp, vc);
    return sqlStatements;
  };

  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  const statements = await diff();
  const firstMs = performance.now() - t;
  // getrusage's peak resident set of this process (what /usr/bin/time -v reports): the first
  // diff, the two snapshots and drizzle itself; sampling memoryUsage() cannot see inside the
  // diff, which never yields to the event loop.
  const maxRss = process.resourceUsage().maxRSS * 1024;

  const ms = await measure(n, 3000, diff);
  console.log(JSON.stringify({
    bench: 'drizzle_generate_migration',
    tables: n,
    drizzle_kit: version('drizzle-kit'),
    drizzle_orm: version('drizzle-orm'),
    snapshots_ms: +snapshotMs.toFixed(1),
    first_run_ms: +firstMs.toFixed(1),
    median_ms: +ms.toFixed(2),
    statements: statements.length,
    rss_before_mb: +(rssBefore / 1e6).toFixed(1),
    max_rss_mb: +(maxRss / 1e6).toFixed(1),
    generateMigration: publicApi,
  }));
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--one') return one(args[1], Number(args[2]));
  const [dir, ...rest] = args;
  if (!dir) throw new Error('usage: node bench.js DATA_DIR [SIZES...]');
  const sizes = rest.length ? rest.map(Number) : [10, 100, 1000, 5000];
  const rows = [];
  for (const n of sizes) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', __filename, '--one', dir, String(n)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const line = r.stdout.trim().split('\n').pop();
    if (r.status !== 0 || !line) {
      rows.push({ tables: n, error: `exit ${r.status}` });
      continue;
    }
    console.error(line);
    rows.push(JSON.parse(line));
  }
  // For scripts/bench, which prints these beside Waymark's.
  fs.writeFileSync(path.join(dir, 'results_drizzle.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const header = ['tables', 'statements', 'snapshots (drizzle-orm -> JSON)', 'generateMigration median', 'first run',
    'peak RSS (maxRSS)', 'RSS before diff', 'generateMigration without TTY'];
  const table = rows.map((r) => r.error ? [String(r.tables), r.error] : [
    String(r.tables), String(r.statements), `${r.snapshots_ms} ms`, `${r.median_ms} ms`, `${r.first_run_ms} ms`,
    `${r.max_rss_mb} MB`, `${r.rss_before_mb} MB`, r.generateMigration]);
  const width = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] || '').length)));
  const fmt = (row) => row.map((c, i) => (i === row.length - 1 ? c : c.padStart(width[i]))).join('  ');
  console.log(`drizzle-kit ${rows.find((r) => r.drizzle_kit)?.drizzle_kit ?? '?'}, drizzle-orm ${rows.find((r) => r.drizzle_orm)?.drizzle_orm ?? '?'}, node ${process.version}`);
  console.log(fmt(header));
  for (const row of table) console.log(fmt(row));
}

main().catch((e) => { console.error(e); process.exit(1); });
