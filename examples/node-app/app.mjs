// A small Node app that embeds Waymark the way an ORM would: it owns a migrations folder,
// deploys pending migrations on start (showing progress), and prints their status. With
// `--fail DIR` it then deploys the one migration in DIR, which fails, and prints the
// engine's recovery plan with the rows the failure tripped on.
//
//   node examples/node-app/app.mjs [--db sqlite:app.db] [--migrations DIR]
//                                  [--fail examples/failing-migration]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import * as waymark from "../../bindings-node/npm/index.js";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const url = opt("--db", "sqlite::memory:");
const failDir = opt("--fail", null);
if (!url.startsWith("sqlite:")) throw new Error(`this example speaks SQLite only (got ${url})`);

const here = new URL(".", import.meta.url).pathname;
const readDir = (dir, skip = []) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".sql") && !skip.includes(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.sql$/, ""), sql: readFileSync(join(dir, f), "utf8") }));

await waymark.ready();
const { runner } = waymark;
const conn = new Database(url.slice("sqlite:".length));
const db = waymark.fromBetterSqlite3(conn);
const migrations = readDir(opt("--migrations", join(here, "../sample-history")));

const ran = await runner.deploy(db, {
  migrations,
  onProgress: ({ id, statement, total }) => console.log(`  ${id}: statement ${statement + 1}/${total}`),
});
console.log(`deployed ${ran.length} migration(s) with the ${waymark.target} engine`);
for (const e of (await runner.status(db, { migrations })).entries) console.log(`  ${e.state.padEnd(18)} ${e.id}`);

if (failDir) {
  db.exec(readFileSync(join(failDir, "data.sql"), "utf8"));
  const all = [...migrations, ...readDir(failDir, ["data.sql", "fix.sql"])];
  const failing = all[all.length - 1].id;
  try {
    await runner.deploy(db, { migrations: all });
    throw new Error(`${failing} was expected to fail`);
  } catch (e) {
    if (!(e instanceof waymark.MigrationError)) throw e;
    console.log(`\n${e.message}`);
  }
  const plan = await runner.recover(db, { migrations: all, id: failing });
  console.log("\nrecovery plan:");
  plan.summary.forEach((l) => console.log(`  ${l}`));
  for (const { query, rows } of await runner.diagnose(db, plan)) {
    console.log(`  [${query.code}] ${query.message}: ${JSON.stringify(rows)}`);
  }
  console.log(`  roll back (${plan.roll_back.steps.map((s) => s.reversibility).join(", ") || "nothing to undo"})`);
  console.log(`  roll forward: ${plan.roll_forward?.plan.steps.length ?? 0} step(s); resume ${plan.resume.ready ? "ready" : "blocked"}`);
}
conn.close();
