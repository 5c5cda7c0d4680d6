// The cross-binding vectors through the Node package, on the build WAYMARK_TARGET names
// (native or wasm): the output must be byte-identical to Rust's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as waymark from "../../bindings-node/npm/index.js";

const target = process.env.WAYMARK_TARGET;
await waymark.ready();
const dir = new URL("../vectors/", import.meta.url);
const vectors = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("the build under test is the one asked for", () => {
  assert.ok(target === "native" || target === "wasm", "set WAYMARK_TARGET to native or wasm");
  assert.equal(waymark.target, target);
});

test("there are vectors", () => assert.ok(vectors.length >= 20));

for (const file of vectors) {
  test(`vector ${file}`, () => {
    const v = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
    const input = JSON.stringify(v.input);
    if ("error" in v) {
      assert.throws(
        () => waymark.callJson(v.op, input),
        (e) => {
          assert.equal(e.code, v.error.code);
          assert.equal(JSON.stringify(e.diagnostic), JSON.stringify(v.error));
          return true;
        },
      );
    } else {
      assert.equal(waymark.callJson(v.op, input), JSON.stringify(v.output));
    }
  });
}

test("bad input gets a typed error, and the process lives", () => {
  const cases = [
    ["plan", "not json", "invalid-input"],
    ["plan", "[1]", "invalid-input"],
    ["nope", "{}", "unknown-operation"],
    ["load", '{"dialect":"db2","source":{"kind":"empty"}}', "unknown-dialect"],
    ["load", '{"dialect":"sqlite"}', "invalid-input"],
  ];
  for (const [op, input, code] of cases) {
    assert.throws(() => waymark.callJson(op, input), (e) => e.code === code);
  }
  assert.throws(() => waymark.callJson("plan", 42), (e) => e.code === "invalid-input");
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => waymark.call("plan", cyclic), (e) => e.code === "invalid-input");
  assert.throws(
    () => waymark.load({ dialect: "sqlite", source: { kind: "sql", sql: 42 } }),
    (e) => e.code === "invalid-input",
  );
  const sql = "x".repeat(5_000_000);
  assert.throws(
    () => waymark.load({ dialect: "sqlite", source: { kind: "sql", sql } }),
    (e) => e.code === "syntax-error",
  );
});

test("functions match operations", () => {
  assert.deepEqual(waymark.operations(), waymark.version({}).operations);
});

test("without the native addon, the package falls back to the WASM build", async () => {
  const { execFileSync } = await import("node:child_process");
  const index = new URL("../../bindings-node/npm/index.js", import.meta.url).href;
  const script = `const w = await import(${JSON.stringify(index)}); await w.ready();
    process.stdout.write(w.target + " " + w.callJson("version", "{}"));`;
  const env = { ...process.env, WAYMARK_ADDON: "/nonexistent/waymark.node" };
  delete env.WAYMARK_TARGET;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env, encoding: "utf8" });
  assert.match(out, /^wasm \{"operations":/);
});
