// The host runner: its types and the browser adapters are the WASM package's (runner.js and
// adapters.js are plain JavaScript shared by both); the Node drivers' adapters are this
// package's.
export type { Db, Runner, RunnerOptions } from "../../wasm/npm/index.js";
export { MigrationError, makeRunner, fromPglite, fromSqlJs } from "../../wasm/npm/index.js";
import type { Db, Runner } from "../../wasm/npm/index.js";

/** The runner bound to this package's engine. */
export declare const runner: Runner;

export declare function fromPg(client: unknown): Db;
export declare function fromMysql2(conn: unknown): Db;
export declare function fromBetterSqlite3(db: unknown): Db;
