// Waymark for Node: the native addon (napi) when it is there, otherwise the WASM build, with
// the same functions and the same output. `WAYMARK_TARGET=native` or `wasm` forces one (and
// fails loudly when it cannot load). Call `await ready()` once, then the operations.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const wanted = process.env.WAYMARK_TARGET;

let native = null;
let nativeError = null;
if (wanted !== "wasm") {
  try {
    // WAYMARK_ADDON points at another build of the addon (or at none, to test the fallback).
    native = require(process.env.WAYMARK_ADDON ?? "./waymark.node");
  } catch (e) {
    nativeError = e;
  }
}
if (wanted === "native" && !native) {
  throw new Error(`WAYMARK_TARGET=native, but the native addon did not load: ${nativeError?.message}`);
}

let wasm = null;
let loading = null;

/** Which build answers: "native" or "wasm". */
export let target = native ? "native" : "wasm";

/** Resolves once the engine can answer (loads the WASM build when it is the one in use). */
export function ready() {
  if (native) return Promise.resolve();
  loading ??= import("../../wasm/npm/index.js").then(async (m) => {
    await m.init();
    wasm = m;
  });
  return loading;
}

function fromNative(e) {
  let diagnostic;
  try {
    diagnostic = JSON.parse(e.message);
  } catch {
    diagnostic = { code: "internal-error", severity: "error", message: String(e.message) };
  }
  const err = new Error(`${diagnostic.code}: ${diagnostic.message}`);
  err.code = diagnostic.code;
  err.diagnostic = diagnostic;
  return err;
}

function engine() {
  if (native) return native;
  if (!wasm) throw new Error("call `await ready()` before using the WASM build");
  return wasm;
}

/** Runs an operation on JSON text; returns JSON text. */
export function callJson(op, input) {
  if (typeof input !== "string") {
    const err = new Error(`invalid-input: ${op}: callJson takes JSON text`);
    err.code = "invalid-input";
    err.diagnostic = { code: "invalid-input", severity: "error", message: err.message };
    throw err;
  }
  if (native) {
    try {
      return native.callJson(op, input);
    } catch (e) {
      throw fromNative(e);
    }
  }
  return engine().callJson(op, input);
}

/** Runs an operation on a plain object; returns a plain object. */
export function call(op, input) {
  let text;
  try {
    text = JSON.stringify(input);
  } catch (e) {
    const err = new Error(`invalid-input: ${op}: the input is not JSON data: ${e.message}`);
    err.code = "invalid-input";
    err.diagnostic = { code: "invalid-input", severity: "error", message: err.message };
    throw err;
  }
  return JSON.parse(callJson(op, text ?? "null"));
}

export function operations() {
  return engine().operations();
}

const op = (name) => (input) => call(name, input);
export const version = op("version");
export const load = op("load");
export const diff = op("diff");
export const plan = op("plan");
export const lint = op("lint");
export const status = op("status");
export const deployPlan = op("deploy_plan");
export const recover = op("recover");
export const resolve = op("resolve");
export const down = op("down");
export const downTo = op("down_to");
export const introspectionQueries = op("introspection_queries");
export const fromRows = op("from_rows");
export const prelude = op("prelude");
export const deployFailure = op("deploy_failure");
export const resumeFailure = op("resume_failure");
export const cliStep = op("cli_step");
export const cliProgress = op("cli_progress");

// The runner and the browser adapters are the WASM package's: they are plain JavaScript.
export { makeRunner, MigrationError } from "../../wasm/npm/runner.js";
export { fromPglite, fromSqlJs } from "../../wasm/npm/adapters.js";
export { fromPg, fromMysql2, fromBetterSqlite3 } from "./adapters.js";
import { makeRunner as bind } from "../../wasm/npm/runner.js";

/** The host runner bound to this package's engine. */
export const runner = bind({ call });
