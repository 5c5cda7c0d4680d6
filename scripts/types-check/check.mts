// Compiled (never run) by `scripts/gen-types --check`: the generated declarations of both npm
// packages must type real use, and must refuse what the engine refuses.
import * as wasm from "../../wasm/npm/index.js";
import * as node from "../../bindings-node/npm/index.js";
import type { Change, Diagnostic, History, PlanOutput, Snapshot, WaymarkError } from "../../wasm/npm/index.js";

await wasm.init();
await node.ready();
const where: "native" | "wasm" = node.target;

for (const w of [wasm, node]) {
  const names: string[] = w.version().operations;
  const out: PlanOutput = w.plan({
    dialect: "postgres",
    from: { kind: "empty" },
    to: { kind: "sql", sql: "CREATE TABLE t (id int)" },
    options: { online: true },
  });
  for (const step of out.plan.steps) {
    for (const c of step.changes) {
      if (c.kind === "create_table") {
        const type: string = c.table.columns[0].type;
      }
    }
  }
  const snapshot: Snapshot = w.load({ dialect: "sqlite", source: { kind: "empty" } }).schema;
  const queries = w.call("introspection_queries", { dialect: "sqlite", namespace: "main" });
  const rows = w.fromRows({
    dialect: "sqlite",
    namespace: "main",
    results: Object.fromEntries(queries.map((q) => [q.id, []])),
  });
  const history: History = { dialect: "sqlite", local: [{ id: "0001_init", sql: "CREATE TABLE t (id int)" }] };
  const deploy = w.deployPlan({ history, options: { lock_timeout_seconds: 5 } });
  w.deployFailure({ plan: deploy, id: "0001_init", failed: 0, error: "boom" });
  w.recover({ history, id: "0001_init", live: rows.schema });
  const json: string = w.callJson("status", JSON.stringify({ history }));
  try {
    w.lint({ dialect: "mysql", sql: "DROP TABLE t" });
  } catch (e) {
    const d: Diagnostic = (e as WaymarkError).diagnostic;
    const code: Diagnostic["code"] = (e as WaymarkError).code;
  }

  // @ts-expect-error: not a dialect
  w.load({ dialect: "oracle", source: { kind: "empty" } });
  // @ts-expect-error: `source` is required
  w.load({ dialect: "sqlite" });
  // @ts-expect-error: no such operation
  w.call("nope", {});
  // @ts-expect-error: a plan's output has no `rows`
  out.rows;
}

const rename: Change = { kind: "rename_table", from: { name: "a" }, to: { schema: "s", name: "b" } };
// @ts-expect-error: a change needs its `kind`
const untagged: Change = { from: { name: "a" }, to: { name: "b" } };
