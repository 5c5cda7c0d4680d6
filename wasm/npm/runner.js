// The host runner: the I/O the engine never does, over a connection the caller opened. It
// takes the deployers' lock, reads and writes the history table, runs a plan statement by
// statement recording progress, and reports a failure with the database's own error text.
// Every decision comes from the engine; this file only moves SQL and rows.
//
// A connection is wrapped by an adapter (adapters.js here and in the Node package):
// { dialect, query(sql) → rows, exec(sql), namespace() }.

/** A migration failed: `id`, `statement` (0-based), and the database's `dbError`. */
export class MigrationError extends Error {
  constructor(id, statement, dbError) {
    super(`${id} failed at statement ${statement + 1}: ${dbError}`);
    this.code = "migration-failed";
    this.id = id;
    this.statement = statement;
    this.dbError = dbError;
  }
}

function errorText(e) {
  return e?.message ?? String(e);
}

/** Binds a runner to an engine: anything with the packages' `call(op, input)`. */
export function makeRunner(engine) {
  async function takeLock(db, lock) {
    for (const [i, sql] of lock.acquire.entries()) {
      if (lock.check_result && i === lock.acquire.length - 1) {
        const rows = await db.query(sql);
        const got = rows[0] && String(Object.values(rows[0])[0]);
        if (got !== "1") throw diagnosticError(lock.not_acquired);
      } else {
        await db.exec(sql);
      }
    }
  }

  async function releaseLock(db, lock) {
    for (const sql of lock.release) await db.exec(sql);
  }

  /** Runs `f` inside the deployers' lock (on SQLite: the write transaction). */
  async function locked(db, options, f) {
    const pre = engine.call("prelude", { dialect: db.dialect, options: deployOptions(options) });
    await takeLock(db, pre.lock);
    try {
      return await f(pre);
    } finally {
      await releaseLock(db, pre.lock);
    }
  }

  async function records(db, pre) {
    for (const sql of pre.setup) await db.exec(sql);
    return db.query(pre.read);
  }

  function history(db, migrations, applied) {
    return { dialect: db.dialect, local: migrations, applied };
  }

  /** The state of every migration. */
  async function status(db, { migrations, policy = "strict", ...options }) {
    const pre = engine.call("prelude", { dialect: db.dialect, options: deployOptions(options) });
    const applied = await records(db, pre);
    return engine.call("status", { history: history(db, migrations, applied), policy });
  }

  /**
   * Applies the pending migrations. `onProgress({id, statement, total})` is called before
   * each statement. Returns the ids that ran; throws MigrationError on a failure (after
   * recording it) and the engine's diagnostic when the history forbids the deploy.
   */
  async function deploy(db, { migrations, onProgress, ...options }) {
    return locked(db, options, async (pre) => {
      const applied = await records(db, pre);
      const plan = engine.call("deploy_plan", {
        history: history(db, migrations, applied),
        options: deployOptions(options),
      });
      for (const b of plan.baselines) for (const sql of b.statements) await db.exec(sql);
      const ran = [];
      for (const m of plan.migrations) {
        for (const sql of [...m.begin, ...m.start]) await db.exec(sql);
        for (const [i, s] of m.statements.entries()) {
          onProgress?.({ id: m.id, statement: i, total: m.statements.length });
          try {
            await db.exec(s.sql);
          } catch (e) {
            const text = errorText(e);
            const { statements } = engine.call("deploy_failure", {
              plan,
              id: m.id,
              failed: i,
              error: text,
            });
            for (const sql of statements) await db.exec(sql);
            throw new MigrationError(m.id, i, text);
          }
          await db.exec(s.progress);
        }
        for (const sql of m.finish) await db.exec(sql);
        ran.push(m.id);
      }
      return ran;
    });
  }

  /** The live schema, as a snapshot, from the engine's catalog queries; `database: true`
   *  reads every PostgreSQL schema, not only the current one. */
  async function introspect(db, { namespace, database = false } = {}) {
    const ns = namespace ?? (await db.namespace());
    const queries = engine.call("introspection_queries", { dialect: db.dialect, namespace: ns, database });
    const results = {};
    for (const q of queries) results[q.id] = await db.query(q.sql);
    return engine.call("from_rows", { dialect: db.dialect, namespace: ns, results }).schema;
  }

  /** The recovery plan for a failed migration, against the live schema. */
  async function recover(db, { migrations, id, namespace, ...options }) {
    const pre = engine.call("prelude", { dialect: db.dialect, options: deployOptions(options) });
    const applied = await records(db, pre);
    const live = await introspect(db, { namespace });
    return engine.call("recover", {
      history: history(db, migrations, applied),
      id,
      live,
      options: { table: pre.table.name },
    });
  }

  /** Runs each diagnostic query of a recovery plan; returns [{query, rows}]. */
  async function diagnose(db, plan) {
    const out = [];
    for (const q of plan.diagnostics) out.push({ query: q, rows: await db.query(q.sql) });
    return out;
  }

  /** The pre-checks whose count is not 0: what a recovery would drop that holds data. */
  async function failingPreChecks(db, checks) {
    const out = [];
    for (const c of checks) {
      const rows = await db.query(c.sql);
      if (String(Object.values(rows[0] ?? {})[0]) !== "0") out.push(c);
    }
    return out;
  }

  /**
   * Takes a way out of a recovery plan: "back" (roll back, then resolve rolled back),
   * "forward" (roll forward, then resolve applied) or "resume". Refuses when a pre-check
   * finds data, unless `acceptLoss`.
   */
  async function applyRecovery(db, plan, way, { acceptLoss = false, ...options } = {}) {
    if (way === "resume") {
      if (!plan.resume.ready) throw new Error(`resume is blocked: ${plan.resume.blocked}`);
      return locked(db, options, async () => {
        const m = plan.resume.migration;
        for (const sql of [...m.begin, ...m.start]) await db.exec(sql);
        for (const [i, s] of m.statements.entries()) {
          try {
            await db.exec(s.sql);
          } catch (e) {
            const text = errorText(e);
            const index = plan.resume.first + i;
            const { statements } = engine.call("resume_failure", { plan, failed: index, error: text });
            for (const sql of statements) await db.exec(sql);
            throw new MigrationError(plan.id, index, text);
          }
          await db.exec(s.progress);
        }
        for (const sql of m.finish) await db.exec(sql);
      });
    }
    const [steps, checks, resolve] =
      way === "back"
        ? [plan.roll_back.steps.flatMap((s) => s.sql), plan.roll_back.pre_checks ?? [], plan.resolve.rolled_back]
        : way === "forward"
          ? [
              plan.roll_forward?.plan.steps.flatMap((s) => s.up) ?? null,
              plan.roll_forward?.pre_checks ?? [],
              plan.resolve.applied,
            ]
          : [null, [], []];
    if (steps === null) throw new Error(`no way "${way}" in this recovery plan`);
    const failing = await failingPreChecks(db, checks);
    if (failing.length && !acceptLoss) {
      const err = new Error(`pre-checks found data: ${failing.map((c) => c.message).join("; ")}`);
      err.code = "pre-check-failed";
      err.preChecks = failing;
      throw err;
    }
    for (const sql of steps) await db.exec(sql);
    for (const sql of resolve) await db.exec(sql);
  }

  /** Undoes applied migrations: `id` alone, or everything after `to` (null: all). */
  async function down(db, { migrations, id, to, acceptLoss = false, ...options }) {
    return locked(db, options, async (pre) => {
      const applied = await records(db, pre);
      const input = {
        history: history(db, migrations, applied),
        id: id ?? to ?? null,
        options: { accept_loss: acceptLoss, table: pre.table.name },
      };
      const plan = id !== undefined ? engine.call("down", input) : engine.call("down_to", input);
      for (const m of plan.migrations) {
        const failing = await failingPreChecks(db, m.pre_checks ?? []);
        if (failing.length && !acceptLoss) {
          const err = new Error(`pre-checks found data: ${failing.map((c) => c.message).join("; ")}`);
          err.code = "pre-check-failed";
          err.preChecks = failing;
          throw err;
        }
        for (const sql of [...m.begin, ...m.statements, ...m.finish]) await db.exec(sql);
      }
      return plan;
    });
  }

  /**
   * Marks failed migration `id` "applied" or "rolled_back" (after a way out was run by hand);
   * returns the statements it ran.
   */
  async function resolve(db, { migrations, id, resolution, ...options }) {
    return locked(db, options, async (pre) => {
      const applied = await records(db, pre);
      const { statements } = engine.call("resolve", {
        history: history(db, migrations, applied),
        id,
        resolution,
        table: pre.table.name,
      });
      for (const sql of statements) await db.exec(sql);
      return statements;
    });
  }

  return { status, deploy, introspect, recover, diagnose, applyRecovery, down, resolve, locked };
}

function deployOptions({ table, policy, lockTimeoutSeconds } = {}) {
  const o = {};
  if (table !== undefined) o.table = table;
  if (policy !== undefined) o.policy = policy;
  if (lockTimeoutSeconds !== undefined) o.lock_timeout_seconds = lockTimeoutSeconds;
  return o;
}

function diagnosticError(d) {
  const err = new Error(`${d.code}: ${d.message}`);
  err.code = d.code;
  err.diagnostic = d;
  return err;
}
