// What the engine says of a state, with no database: the diagnostics of each editor, the plan,
// and (migrations mode) the status of every migration. Pure: engine calls only.
import * as waymark from "@waymark/wasm";
import { appliedIds, splitMigrations } from "./state.js";

/** A diagnostic from a thrown engine error, or the error's message when it has none. */
export function diagnosticOf(e) {
  return e?.diagnostic ?? { code: "internal-error", severity: "error", message: String(e?.message ?? e) };
}

/** The migrations of the migrations editor, as the engine takes them. */
export function localMigrations(state) {
  return splitMigrations(state.migrations).migrations.map(({ id, sql }) => ({ id, sql }));
}

/** `{kind: "history"}` or `{kind: "sql"}`: what the "from" side is. */
export function fromSource(state) {
  return state.mode === "migrations"
    ? { kind: "history", migrations: localMigrations(state) }
    : { kind: "sql", sql: state.from };
}

/** Whether there is a target to plan to (in migrations mode "to" may be left empty). */
export function hasTarget(state) {
  return state.mode === "schemas" || state.to.trim() !== "";
}

// Places a diagnostic in its editor. In the migrations editor a migration's line 1 is the line
// after its header, and a diagnostic about the whole migration marks the header.
function place(d, editor, split) {
  let line = d.location?.line;
  if (editor === "migrations" && d.migration && split) {
    const m = split.migrations.find((x) => x.id === d.migration);
    if (m) line = m.line + (line ?? 0);
  }
  return { ...d, editor, line, column: d.location?.column };
}

function loadNotes(dialect, source, editor, split) {
  try {
    return waymark.load({ dialect, source }).notes.map((d) => place(d, editor, split));
  } catch (e) {
    return [place(diagnosticOf(e), editor, split)];
  }
}

/** Records for the "already applied" ids, with the checksums the engine computes. */
export function appliedRecords(state, local) {
  const ids = appliedIds(state.applied);
  if (!ids.length) return [];
  const plan = waymark.deployPlan({
    history: { dialect: state.dialect, local, applied: [] },
    options: { policy: "permissive" },
  });
  const byId = new Map(plan.migrations.map((m) => [m.id, m]));
  return ids.map((id, i) => {
    const m = byId.get(id);
    const n = m?.statements.length ?? 1;
    return {
      id,
      checksum: m?.checksum ?? "0".repeat(64),
      checksum_version: 1,
      started_at: `2026-01-01 00:00:${String(i).padStart(2, "0")}`,
      finished_at: `2026-01-01 00:00:${String(i).padStart(2, "0")}`,
      statements_total: n,
      statements_applied: n,
      status: "applied",
    };
  });
}

/**
 * `{diagnostics, plan, status}`: `diagnostics` carry `editor` ("from", "to", "migrations" or
 * null), `line` and `column` where the engine gave them; `plan` is the plan operation's output
 * or null; `status` the migrations' status or null.
 */
export function analyze(state) {
  const { dialect } = state;
  const diagnostics = [];
  let split = null;
  if (state.mode === "migrations") {
    split = splitMigrations(state.migrations);
    for (const p of split.problems) {
      diagnostics.push({ code: "invalid-input", severity: "error", message: p.message, editor: "migrations", line: p.line, column: 1 });
    }
    diagnostics.push(...loadNotes(dialect, fromSource(state), "migrations", split));
  } else {
    diagnostics.push(...loadNotes(dialect, fromSource(state), "from"));
  }
  const target = hasTarget(state);
  if (target) diagnostics.push(...loadNotes(dialect, { kind: "sql", sql: state.to }, "to"));

  let plan = null;
  const blocked = diagnostics.some((d) => d.severity === "error");
  if (target && !blocked) {
    try {
      plan = waymark.plan({ dialect, from: fromSource(state), to: { kind: "sql", sql: state.to } });
      const seen = new Set(diagnostics.map((d) => `${d.code} ${d.message}`));
      for (const d of plan.notes) if (!seen.has(`${d.code} ${d.message}`)) diagnostics.push({ ...d, editor: null });
    } catch (e) {
      diagnostics.push({ ...diagnosticOf(e), editor: null });
    }
  }

  let status = null;
  if (state.mode === "migrations" && !split.problems.length) {
    try {
      const local = localMigrations(state);
      const applied = appliedRecords(state, local);
      status = waymark.status({ history: { dialect, local, applied }, policy: state.policy });
      diagnostics.push(...status.diagnostics.map((d) => place(d, "migrations", split)));
    } catch (e) {
      diagnostics.push({ ...diagnosticOf(e), editor: null });
    }
  }
  return { diagnostics, plan, status };
}
