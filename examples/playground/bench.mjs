// Measures the built playground: the bundle's size by part (raw and gzip -9) and, in headless
// Chromium, the time from navigation to the first plan on screen (cold loads, no cache), and to
// Apply's result on each in-browser database. Prints Markdown for BENCHMARKS.md.
//   node bench.mjs [loads]      (default 10)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launch, root, serve } from "./tests/browser.mjs";

const loads = Number(process.argv[2] ?? 10);
const dist = `${root}dist`;

function part(name) {
  if (/^pglite|^initdb|^chunk-|^dist-|^memfs|^opfs|\.tar\.gz$/.test(name)) return "PGlite (loaded on Apply)";
  if (/^sql-wasm/.test(name)) return "sql.js (loaded on Apply)";
  if (/^waymark_wasm/.test(name)) return "engine (WASM)";
  return "page (HTML, JS, CSS)";
}

const sizes = new Map();
const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(`${dir}/${f}`).isDirectory() ? files(`${dir}/${f}`) : [`${dir}/${f}`]));
for (const file of files(dist)) {
  const bytes = readFileSync(file);
  const p = part(file.split("/").pop());
  const s = sizes.get(p) ?? { raw: 0, gz: 0 };
  s.raw += bytes.length;
  s.gz += gzipSync(bytes, { level: 9 }).length;
  sizes.set(p, s);
}

const site = await serve();
const browser = await launch();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

const firstPlan = [];
const engineReady = [];
let firstBytes = 0;
for (let i = 0; i < loads; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  // A response without a body (a redirect) adds nothing.
  page.on("response", (r) => bodies.push(r.body().then((b) => b.length, () => 0)));
  await page.goto(site.url);
  await page.waitForSelector("body[data-first-plan-ms]");
  const before = [...bodies];
  firstPlan.push(Number(await page.getAttribute("body", "data-first-plan-ms")));
  engineReady.push(await page.evaluate(() => performance.getEntriesByName("engine-ready")[0]?.startTime));
  if (i === 0) firstBytes = (await Promise.all(before)).reduce((a, b) => a + b, 0);
  await context.close();
}

const applyMs = {};
for (const [dialect, example] of [
  ["SQLite (sql.js)", "A table rebuild (SQLite)"],
  ["PostgreSQL (PGlite)", "Retype a column under a view (PostgreSQL)"],
]) {
  const xs = [];
  for (let i = 0; i < Math.max(3, Math.floor(loads / 2)); i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url);
    await page.waitForSelector("body[data-ready=yes]");
    await page.selectOption("#example", { label: example });
    const t0 = Date.now();
    await page.click("#apply");
    await page.waitForSelector("[data-testid=match][data-match=yes]");
    xs.push(Date.now() - t0);
    await context.close();
  }
  applyMs[dialect] = xs;
}
await browser.close();
await site.close();

const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log("| part | raw | gzip -9 |\n|---|---|---|");
let raw = 0;
let gz = 0;
for (const [p, s] of [...sizes].sort()) {
  console.log(`| ${p} | ${kb(s.raw)} | ${kb(s.gz)} |`);
  raw += s.raw;
  gz += s.gz;
}
console.log(`| all of dist/ | ${kb(raw)} | ${kb(gz)} |`);
console.log(`\nBytes fetched before the first plan (uncompressed): ${kb(firstBytes)}`);
console.log(`\n| measure | runs | median | max |\n|---|---|---|---|`);
console.log(`| navigation → engine ready (WASM fetched, compiled, initialised) | ${loads} | ${median(engineReady).toFixed(0)} ms | ${max(engineReady).toFixed(0)} ms |`);
console.log(`| navigation → first plan on screen | ${loads} | ${median(firstPlan).toFixed(0)} ms | ${max(firstPlan).toFixed(0)} ms |`);
for (const [d, xs] of Object.entries(applyMs)) {
  console.log(`| Apply click → "matches" shown, ${d}, fresh page | ${xs.length} | ${median(xs)} ms | ${max(xs)} ms |`);
}
