// DOM for the engine's outputs: diagnostics, plan, status, recovery. Builds elements only;
// main.js decides when.

/** `h("div", {class: "x"}, child, "text")`: an element; null and false children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

const where = (d) => [d.editor ?? "plan", d.line ? `${d.line}:${d.column ?? 1}` : null].filter(Boolean).join(" ");

/** The diagnostics list; clicking one with a line calls `reveal(d)`. */
export function diagnostics(list, reveal) {
  if (!list.length) return h("p", { class: "ok", "data-testid": "no-diagnostics" }, "No diagnostics.");
  return h(
    "ul",
    { class: "diagnostics" },
    list.map((d) =>
      h(
        "li",
        {
          class: `diagnostic ${d.severity}`,
          "data-code": d.code,
          "data-editor": d.editor ?? "",
          "data-line": d.line ?? "",
          "data-column": d.column ?? "",
          onclick: d.line && d.editor ? () => reveal(d) : null,
        },
        h("span", { class: "where" }, where(d)),
        h("span", { class: "code" }, d.code),
        h("span", { class: "message" }, d.message, d.object ? ` (${d.object})` : null),
        d.hint ? h("span", { class: "hint" }, d.hint) : null,
      ),
    ),
  );
}

const badge = (text, kind = text) => h("span", { class: `badge ${kind}` }, text);

function hazards(list) {
  return h(
    "ul",
    { class: "hazards" },
    list.map((z) => h("li", { "data-code": z.code, title: z.hint ?? "" }, badge(z.code, "hazard"), " ", z.message)),
  );
}

/** The plan: each step with SQL, hazards, reversibility and reverse, then the scripts and the summary. */
export function plan(out) {
  const steps = out.plan.steps;
  return h(
    "div",
    { "data-testid": "plan", "data-steps": steps.length },
    h("h2", {}, `Plan: ${steps.length} step${steps.length === 1 ? "" : "s"} `, steps.length ? badge(out.reversibility) : null),
    steps.length ? null : h("p", { class: "ok" }, "The schemas are the same: nothing to do."),
    h(
      "ol",
      { class: "steps" },
      steps.map((s, i) =>
        h(
          "li",
          { class: "step", "data-reversibility": s.reversibility },
          h(
            "div",
            { class: "step-head" },
            h("strong", {}, `Step ${i + 1}`),
            " ",
            badge(s.reversibility),
            s.transactional ? null : badge("outside a transaction", "note"),
            " ",
            s.summary.join("; "),
          ),
          s.hazards.length ? hazards(s.hazards) : null,
          h("div", { class: "sql-pair" }, sqlBlock("up", s.up), sqlBlock("reverse", s.down, "no reverse: irreversible")),
        ),
      ),
    ),
    steps.length
      ? h(
          "div",
          { class: "scripts" },
          h("details", { open: true }, h("summary", {}, "Up script"), h("pre", { id: "up-script" }, out.up)),
          h("details", {}, h("summary", {}, "Down script"), h("pre", { id: "down-script" }, out.down)),
          h("h3", {}, "Summary"),
          h("ul", { class: "summary", "data-testid": "summary" }, out.summary.map((l) => h("li", {}, l))),
        )
      : null,
  );
}

function sqlBlock(title, statements, empty = "(none)") {
  return h(
    "div",
    { class: `sql ${title}` },
    h("div", { class: "label" }, title),
    h("pre", {}, statements.length ? statements.map((s) => `${s};`).join("\n") : empty),
  );
}

/** The status of every migration (migrations mode). */
export function status(st) {
  return h(
    "div",
    { "data-testid": "status" },
    h("h2", {}, `Migrations, policy ${st.policy}`),
    h(
      "table",
      { class: "status" },
      h("tr", {}, h("th", {}, "migration"), h("th", {}, "state"), h("th", {}, "")),
      st.entries.map((e) =>
        h(
          "tr",
          { "data-id": e.id, "data-state": e.state },
          h("td", {}, e.id),
          h("td", {}, badge(e.state.replaceAll("_", " "), e.state)),
          h("td", {}, e.message ?? ""),
        ),
      ),
    ),
  );
}

/** A table of rows (objects). */
export function rows(list) {
  if (!list.length) return h("p", { class: "muted" }, "no rows");
  const cols = Object.keys(list[0]);
  return h(
    "table",
    { class: "rows" },
    h("tr", {}, cols.map((c) => h("th", {}, c))),
    list.map((r) => h("tr", {}, cols.map((c) => h("td", {}, r[c] === null ? "NULL" : String(r[c]))))),
  );
}

/** Whether the live database matches what it should; `remaining` is the plan left over. */
export function match(remaining, what, label) {
  const ok = remaining.length === 0;
  return h(
    "div",
    { class: `match ${ok ? "ok" : "bad"}`, "data-testid": "match", "data-match": ok ? "yes" : "no" },
    ok
      ? `✓ ${label} matches ${what}: planning from its introspected schema to ${what} gives no steps.`
      : [`✗ ${label} differs from ${what}. Still to do:`, h("ul", {}, remaining.map((l) => h("li", {}, l)))],
  );
}

/**
 * The recovery plan with its three ways out; `take(way)` runs one ("resume", "forward",
 * "back"). `found` are the rows of its diagnostic queries.
 */
export function recovery(rp, found, take) {
  const rf = rp.roll_forward;
  const way = (id, title, available, why, body) =>
    h(
      "div",
      { class: "way", "data-way": id },
      h("h4", {}, title),
      body,
      h("button", { type: "button", id: `way-${id}`, disabled: !available, onclick: () => take(id) }, available ? title : `${title}: ${why}`),
    );
  const checks = (list) =>
    list?.length
      ? h("div", { class: "checks" }, h("div", { class: "label" }, "pre-checks (must find no rows)"), h("ul", {}, list.map((c) => h("li", {}, c.message))))
      : null;
  return h(
    "div",
    { class: "recovery", "data-testid": "recovery", "data-id": rp.id },
    h("h3", {}, `Recovery of ${rp.id}: ${rp.status}, ${rp.statements_applied} of ${rp.statements_total} statements applied`),
    h("ul", { class: "summary" }, rp.summary.map((l) => h("li", {}, l))),
    h(
      "div",
      { class: "failed" },
      h("div", { class: "label" }, `failed statement ${rp.failed.index + 1}`),
      h("pre", {}, rp.failed.sql),
      h("div", { class: "error" }, rp.failed.error),
    ),
    rp.notes.length ? diagnostics(rp.notes.map((d) => ({ ...d, editor: null })), () => {}) : null,
    h(
      "div",
      { class: "found", "data-testid": "diagnostic-queries" },
      h("h4", {}, "What the failed statement tripped on"),
      found.length
        ? found.map(({ query, rows: r }) =>
            h("div", { class: "query", "data-code": query.code }, h("div", {}, badge(query.code, "hazard"), " ", query.message), h("pre", {}, query.sql), rows(r)),
          )
        : h("p", { class: "muted" }, "No diagnostic query for this error."),
    ),
    h(
      "div",
      { class: "ways" },
      way(
        "resume",
        "Resume",
        rp.resume.ready,
        rp.resume.blocked,
        h("pre", {}, rp.resume.migration?.statements.map((s) => `${s.sql};`).join("\n") ?? ""),
      ),
      way(
        "forward",
        "Roll forward",
        Boolean(rf),
        "no roll forward",
        rf ? [h("pre", {}, rf.plan.steps.flatMap((s) => s.up).map((s) => `${s};`).join("\n") || "(nothing left to do)"), checks(rf.pre_checks)] : null,
      ),
      way("back", "Roll back", true, "", [
        h("pre", {}, rp.roll_back.steps.flatMap((s) => s.sql).map((s) => `${s};`).join("\n") || "(nothing to undo)"),
        h("ul", { class: "lost" }, rp.roll_back.steps.flatMap((s) => s.lost ?? []).map((l) => h("li", {}, l))),
        checks(rp.roll_back.pre_checks),
      ]),
    ),
    h("label", {}, h("input", { type: "checkbox", id: "accept-loss" }), " accept the loss the pre-checks find"),
    h(
      "details",
      {},
      h("summary", {}, "History writes that resolve it"),
      h("div", { class: "label" }, "applied"),
      h("pre", {}, rp.resolve.applied.join(";\n")),
      h("div", { class: "label" }, "rolled back"),
      h("pre", {}, rp.resolve.rolled_back.join(";\n")),
    ),
  );
}
