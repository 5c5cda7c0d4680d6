// Times callJson through the Node package on the build WAYMARK_TARGET names (native or wasm).
// Usage: node scripts/bench-bindings.mjs OP RUNS FILE...; prints one JSON line per file, after
// the harnesses' common warm-up (100 calls or 2 s): V8 tiers WASM up while it runs.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import * as waymark from "../bindings-node/npm/index.js";

await waymark.ready();
const [op, runs, ...files] = process.argv.slice(2);
for (const file of files) {
  const input = readFileSync(file, "utf8");
  const start = performance.now();
  for (let i = 0; i < 100 && performance.now() - start < 2000; i++) waymark.callJson(op, input);
  const times = [];
  for (let i = 0; i < Number(runs); i++) {
    const t = performance.now();
    waymark.callJson(op, input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  console.log(JSON.stringify({ binding: `node-${waymark.target}`, file, ms: Number(ms.toFixed(3)) }));
}
