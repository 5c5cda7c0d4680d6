// The host runner (runner.js, adapters.js): hand-written, since it is JavaScript, not the
// engine's Rust types; the engine's types it uses are the generated ones above. The Node
// package re-exports these.

/** A connection as the runner needs it; the from* adapters make one. */
export interface Db {
  dialect: Dialect;
  query(sql: string): Promise<Record<string, unknown>[]>;
  exec(sql: string): Promise<void>;
  namespace(): Promise<string>;
}

/** A migration failed: `id`, `statement` (0-based) and the database's own error text. */
export declare class MigrationError extends Error {
  code: "migration-failed";
  id: string;
  statement: number;
  dbError: string;
}

export interface RunnerOptions {
  table?: string;
  policy?: OrderingPolicy;
  lockTimeoutSeconds?: number;
}

export interface Runner {
  status(db: Db, options: RunnerOptions & { migrations: LocalMigration[] }): Promise<Status>;
  deploy(
    db: Db,
    options: RunnerOptions & { migrations: LocalMigration[]; onProgress?: (p: ProgressEvent) => void },
  ): Promise<string[]>;
  /** `database: true` reads every PostgreSQL schema, not only the current one. */
  introspect(db: Db, options?: { namespace?: string; database?: boolean }): Promise<Snapshot>;
  recover(
    db: Db,
    options: RunnerOptions & { migrations: LocalMigration[]; id: string; namespace?: string },
  ): Promise<RecoveryPlan>;
  diagnose(db: Db, plan: RecoveryPlan): Promise<{ query: DataQuery; rows: Record<string, unknown>[] }[]>;
  applyRecovery(
    db: Db,
    plan: RecoveryPlan,
    way: "back" | "forward" | "resume",
    options?: RunnerOptions & { acceptLoss?: boolean },
  ): Promise<void>;
  down(
    db: Db,
    options: RunnerOptions & { migrations: LocalMigration[]; id?: string; to?: string | null; acceptLoss?: boolean },
  ): Promise<DownPlan>;
  resolve(
    db: Db,
    options: RunnerOptions & { migrations: LocalMigration[]; id: string; resolution: "applied" | "rolled_back" },
  ): Promise<string[]>;
  locked<T>(db: Db, options: RunnerOptions, f: (prelude: Prelude) => Promise<T>): Promise<T>;
}

/** The runner bound to this build. */
export declare const runner: Runner;
/** Binds a runner to an engine: anything with this package's `call` (e.g. the native addon). */
export declare function makeRunner(engine: { call(op: string, input: unknown): any }): Runner;

/** PGlite (PostgreSQL in WASM): an open `PGlite`. */
export declare function fromPglite(pg: unknown): Db;
/** sql.js (SQLite in WASM): an open `SQL.Database`. */
export declare function fromSqlJs(db: unknown): Db;
