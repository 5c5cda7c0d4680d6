// The playground page: editors in, engine outputs out, and the in-browser database. main.js
// loads it once the engine has started loading.
import * as waymark from "@waymark/wasm";
import { EXAMPLES } from "./examples.js";
import { decodeHash, encodeHash, normalize } from "./state.js";
import { analyze } from "./analyze.js";
import { makeEditor } from "./editor.js";
import * as render from "./render.js";
import * as database from "./database.js";

const $ = (id) => document.getElementById(id);
const show = (id, ...nodes) => $(id).replaceChildren(...nodes.filter(Boolean));

let state;
let result = { diagnostics: [], plan: null, status: null };
let live = null; // {conn, migrations, failure?}

const editors = {
  from: makeEditor($("from-editor"), { onChange: (t) => edit({ from: t }) }),
  migrations: makeEditor($("migrations-editor"), { onChange: (t) => edit({ migrations: t }) }),
  to: makeEditor($("to-editor"), { onChange: (t) => edit({ to: t }) }),
};

let timer = null;
function edit(change) {
  Object.assign(state, change);
  clearTimeout(timer);
  timer = setTimeout(recompute, 200);
}

/** Recomputes now if an edit is still waiting, so a button never acts on an old plan. */
function flush() {
  if (timer === null) return;
  clearTimeout(timer);
  recompute();
}

/** Puts `s` into every control, then recomputes. */
function load(s) {
  state = normalize(s);
  for (const key of ["from", "migrations", "to"]) {
    editors[key].text = state[key];
    editors[key].setDialect(state.dialect);
  }
  $("dialect").value = state.dialect;
  $("mode").value = state.mode;
  $("applied").value = state.applied;
  $("policy").value = state.policy;
  $("fail-at").value = state.failAt;
  $("no-tx").checked = state.noTransaction;
  resetDatabase();
  recompute();
}

function recompute() {
  timer = null;
  const migrations = state.mode === "migrations";
  $("from-pane").hidden = migrations;
  $("migrations-pane").hidden = !migrations;
  $("to-hint").textContent = migrations ? "optional: leave it empty for the status alone" : "";
  result = analyze(state);
  for (const [key, ed] of Object.entries(editors)) ed.mark(result.diagnostics.filter((d) => d.editor === key));
  show("diagnostics", render.diagnostics(result.diagnostics, (d) => editors[d.editor].reveal(d.line, d.column ?? 1)));
  show("status", result.status && render.status(result.status));
  show("plan", result.plan && render.plan(result.plan));
  controls();
  if (document.body.dataset.firstPlanMs === undefined && result.plan) {
    document.body.dataset.firstPlanMs = performance.now().toFixed(1);
  }
}

/** Apply and Fail: available unless the dialect has no in-browser database or nothing fails. */
function controls() {
  const why = database.unavailable(state.dialect);
  $("db-notice").hidden = !why;
  $("db-notice").textContent = why ?? "";
  $("apply").disabled = Boolean(why);
  $("fail").disabled = Boolean(why) || !result.plan?.plan.steps.length;
}

async function resetDatabase() {
  const old = live;
  live = null;
  show("db-log");
  show("db-result");
  show("recovery");
  $("console").hidden = true;
  show("console-out");
  await old?.conn.close();
}

function busy(flag) {
  for (const id of ["apply", "fail"]) $(id).disabled = flag || $(id).disabled;
  document.body.dataset.busy = flag ? "yes" : "no";
  if (!flag) controls();
}

async function run(failAt) {
  flush();
  await resetDatabase();
  busy(true);
  const log = [];
  try {
    const onLog = (line) => {
      log.push(line);
      $("db-log").textContent = log.join("\n");
    };
    const r = await database.apply(state, result.plan, { failAt, onLog });
    live = r;
    $("console").hidden = false;
    if (r.failure) await showRecovery();
    else if (r.refused) show("db-result", render.diagnostics([{ ...r.refused, editor: "database" }], () => {}));
    else await showMatch(database.expected(state), "the target", "the database");
  } catch (e) {
    show("db-result", render.diagnostics([{ code: e.code ?? "database-error", severity: "error", message: e.message, editor: "database" }], () => {}));
  } finally {
    busy(false);
  }
}

async function showMatch(source, what, label, extra = []) {
  const remaining = await database.compare(live.conn, state.dialect, source);
  show("db-result", render.match(remaining, what, label), ...extra);
}

async function showRecovery() {
  const { plan, found } = await database.recovery(live.conn, live.migrations, live.failure.id);
  live.recovery = plan;
  show("db-result");
  show("recovery", render.recovery(plan, found, takeWay));
}

async function takeWay(way) {
  busy(true);
  try {
    const acceptLoss = $("accept-loss")?.checked ?? false;
    await waymark.runner.applyRecovery(live.conn.db, live.recovery, way, { acceptLoss });
    $("db-log").textContent += `\ntook the way out: ${way}`;
    show("recovery");
    const { status, source } = await database.appliedSource(live.conn, live.migrations);
    const what = way === "back" ? "the schema before the failed migration" : "the schema after it";
    await showMatch(source, what, "the database", [render.status(status)]);
  } catch (e) {
    const d = e.code === "pre-check-failed" ? { code: e.code, message: e.message } : { code: e.code ?? "database-error", message: e.message };
    show("db-result", render.diagnostics([{ ...d, severity: "error", editor: "database" }], () => {}));
  } finally {
    busy(false);
  }
}

async function runConsole() {
  if (!live) return;
  try {
    const rows = await database.runSql(live.conn, $("console-sql").value);
    show("console-out", rows ? render.rows(rows) : render.h("p", { class: "ok" }, "done"));
  } catch (e) {
    show("console-out", render.h("p", { class: "error" }, e.message));
  }
}

async function share() {
  flush();
  const hash = await encodeHash(state);
  history.replaceState(null, "", hash);
  let copied = false;
  try {
    await navigator.clipboard.writeText(location.href);
    copied = true;
  } catch {
    // The address bar has the link either way.
  }
  $("share-status").textContent = copied ? "link copied" : "link in the address bar";
}

function wire() {
  $("example").append(...EXAMPLES.map((e, i) => render.h("option", { value: i }, e.name)));
  $("example").addEventListener("change", () => load(EXAMPLES[Number($("example").value)].state));
  $("dialect").addEventListener("change", () => {
    state.dialect = $("dialect").value;
    for (const ed of Object.values(editors)) ed.setDialect(state.dialect);
    resetDatabase();
    recompute();
  });
  $("mode").addEventListener("change", () => {
    state.mode = $("mode").value;
    resetDatabase();
    recompute();
  });
  $("applied").addEventListener("input", () => edit({ applied: $("applied").value }));
  $("policy").addEventListener("change", () => edit({ policy: $("policy").value }));
  $("fail-at").addEventListener("input", () => edit({ failAt: Number($("fail-at").value) || 1 }));
  $("no-tx").addEventListener("change", () => edit({ noTransaction: $("no-tx").checked }));
  $("apply").addEventListener("click", () => run(null));
  $("fail").addEventListener("click", () => run(state.failAt));
  $("share").addEventListener("click", share);
  $("console-run").addEventListener("click", runConsole);
  $("recheck").addEventListener("click", () => live?.failure && showRecovery());
  window.addEventListener("hashchange", () => start());
}

async function start() {
  if (location.hash) {
    try {
      load(await decodeHash(location.hash));
      $("example").value = "";
      return;
    } catch (e) {
      $("share-status").textContent = `this link could not be read: ${e.message}`;
    }
  }
  load(EXAMPLES[0].state);
}

await waymark.init();
performance.mark("engine-ready");
$("version").textContent = `engine ${waymark.version({}).version}`;
wire();
await start();
document.body.dataset.ready = "yes";
