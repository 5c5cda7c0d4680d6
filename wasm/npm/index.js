// The WASM build of Waymark's engine, for browsers (ES module) and Node. Call `init()` once,
// then the operations, or the host runner over an in-browser database (PGlite, sql.js). Errors are `Error`s with `code` and `diagnostic`; a panic inside the
// engine becomes an `Error` with code `internal-error` and the panic's message.
import initWasm, * as raw from "./waymark_wasm.js";

let ready;

/** Loads the module: in Node from the package's own file, in browsers from its URL. */
export function init(source) {
  ready ??= (async () => {
    let input = source;
    if (input === undefined && typeof process !== "undefined" && process.versions?.node) {
      const { readFile } = await import("node:fs/promises");
      input = await readFile(new URL("./waymark_wasm_bg.wasm", import.meta.url));
    }
    await initWasm(input === undefined ? undefined : { module_or_path: input });
  })();
  return ready;
}

function guarded(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      const message = raw.lastPanic() ?? e.message;
      const err = new Error(`internal-error: the engine panicked: ${message}`);
      err.code = "internal-error";
      err.diagnostic = { code: "internal-error", severity: "error", message };
      throw err;
    }
    throw e;
  }
}

/** Runs an operation on a plain object; returns a plain object. */
export function call(op, input) {
  return guarded(() => raw.call(op, input));
}

/** Runs an operation on JSON text; returns JSON text (what the parity vectors compare). */
export function callJson(op, input) {
  return guarded(() => raw.callJson(op, input));
}

export function operations() {
  return raw.operations();
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

export { makeRunner, MigrationError } from "./runner.js";
export { fromPglite, fromSqlJs } from "./adapters.js";
import { makeRunner as bind } from "./runner.js";

/** The host runner bound to this build. */
export const runner = bind({ call });
