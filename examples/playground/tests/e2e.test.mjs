// The playground end to end in real headless Chromium (Debian's, driven by playwright-core),
// on the built site: it loads and plans, Apply runs on PGlite and sql.js and the introspected
// result matches, a failure (real or injected) shows the recovery plan and a way out works, a
// shared link restores the state. Screenshots go to target/playground-artifacts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launch, serve } from "./browser.mjs";

const artifacts = fileURLToPath(new URL("../../../target/playground-artifacts/", import.meta.url));
mkdirSync(artifacts, { recursive: true });

let site;
let browser;
before(async () => {
  site = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** A fresh page at `hash`, failing the test on any page error. */
async function open(t, hash = "") {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], "the page logged errors");
  });
  await page.goto(site.url + hash);
  await page.waitForSelector("body[data-ready=yes]");
  return page;
}

const shot = (page, name) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

async function example(page, name) {
  await page.selectOption("#example", { label: name });
}

/** Clicks a button that runs on the database and waits until the page is idle again. */
async function click(page, selector) {
  await page.click(selector);
  await page.waitForSelector("body[data-busy=no]");
}

async function steps(page) {
  return Number(await page.getAttribute("[data-testid=plan]", "data-steps"));
}

test("the page loads and shows the plan of the first example", async (t) => {
  const page = await open(t);
  assert.equal(await page.inputValue("#dialect"), "sqlite");
  assert.ok((await steps(page)) >= 2, "the seed scenario takes several steps");
  for (const code of ["data-loss-drop-column", "may-fail-unique"]) {
    assert.equal(await page.locator(`.hazards li[data-code="${code}"]`).count(), 1, code);
  }
  assert.equal(await page.locator(".step[data-reversibility=lossy]").count(), 1);
  assert.match(await page.textContent("#up-script"), /DROP COLUMN "birthDate"/);
  assert.match(await page.textContent("#down-script"), /ADD COLUMN "birthDate"/);
  assert.match(await page.textContent("[data-testid=summary]"), /- column Users\.birthDate/);
  assert.ok(Number(await page.getAttribute("body", "data-first-plan-ms")) > 0);
  await shot(page, "01-loaded");
});

for (const [name, file] of [
  ["Retype a column under a view (PostgreSQL)", "02-apply-postgres"],
  ["A table rebuild (SQLite)", "03-apply-sqlite"],
]) {
  test(`Apply: ${name} on the in-browser database matches "to"`, async (t) => {
    const page = await open(t);
    await example(page, name);
    assert.ok((await steps(page)) > 0);
    await click(page, "#apply");
    assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes", await page.textContent("#database"));
    assert.match(await page.textContent("#db-log"), /deployed 0001_from, 0002_plan/);
    await shot(page, file);
  });
}

test("a real failure: the seed scenario's duplicate email, its recovery and both ways out", async (t) => {
  const page = await open(t);
  await example(page, "Seed scenario: UNIQUE(email) over duplicates (SQLite)");
  await click(page, "#apply");
  const recovery = page.locator("[data-testid=recovery]");
  assert.match(await recovery.textContent(), /UNIQUE constraint failed: Users\.email/);
  const query = page.locator('[data-testid=diagnostic-queries] .query[data-code="may-fail-unique"]');
  assert.match(await query.textContent(), /ann@example\.com\s*2/);
  // The unique index is the plan's first statement: nothing ran, nothing is lost.
  assert.match(await recovery.textContent(), /0 of 3 statements applied/);
  await shot(page, "04-seed-failure-recovery");

  await click(page, "#way-back");
  assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes");
  assert.match(await page.textContent("#db-result"), /before the failed migration/);
  assert.equal(await page.locator('#db-result tr[data-id="0002_plan"][data-state=rolled_back]').count(), 1);

  // Again, then fix the data in the console and finish the migration.
  await click(page, "#apply");
  await page.fill("#console-sql", "DELETE FROM Users WHERE id = 3");
  await page.click("#console-run");
  await page.waitForSelector("#console-out .ok");
  await click(page, "#recheck");
  assert.match(await page.textContent("[data-testid=diagnostic-queries]"), /no rows/);
  await click(page, "#way-forward");
  assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes");
  assert.equal(await page.locator('#db-result tr[data-id="0002_plan"][data-state=applied]').count(), 1);
  await shot(page, "05-seed-rolled-forward");
});

test("Fail at statement k: the injected failure's recovery plan, then resume", async (t) => {
  const page = await open(t);
  await example(page, "A table rebuild (SQLite)");
  await page.fill("#fail-at", "3");
  await click(page, "#fail");
  const recovery = page.locator("[data-testid=recovery]");
  assert.match(await recovery.textContent(), /failed statement 3/);
  assert.match(await recovery.textContent(), /injected failure: statement 3 of 0002_plan/);
  assert.match(await recovery.textContent(), /2 of \d+ statements applied/, "the rebuild runs outside a transaction");
  await shot(page, "06-injected-failure");
  await click(page, "#way-resume");
  assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes");
  assert.match(await page.textContent("#db-result"), /after it/);
});

test("a lossy roll back is refused by its pre-check until the loss is accepted; roll forward finishes", async (t) => {
  const page = await open(t);
  await example(page, "A table rebuild (SQLite)");
  // Statement 5 renames the copy into place: the old table and its index are gone by then.
  await page.fill("#fail-at", "5");
  await click(page, "#fail");
  const recovery = page.locator("[data-testid=recovery]");
  assert.match(await recovery.textContent(), /4 of 7 statements applied/);
  assert.match(await page.textContent(".way[data-way=back] ul.lost"), /table orders comes back empty/);
  assert.match(await page.textContent(".way[data-way=back] .checks"), /_waymark_new_orders must be empty/);
  await shot(page, "06a-lossy-roll-back");
  await click(page, "#way-back");
  const refused = page.locator('#db-result .diagnostic[data-code="pre-check-failed"]');
  assert.match(await refused.textContent(), /pre-checks found data/);
  await click(page, "#way-forward");
  assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes");
  assert.match(await page.textContent("#db-result"), /after it/);

  // The same failure on a fresh database, the loss accepted: back to "before", orders empty.
  await click(page, "#fail");
  await page.check("#accept-loss");
  await click(page, "#way-back");
  assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes");
  assert.match(await page.textContent("#db-result"), /before the failed migration/);
  await page.fill("#console-sql", "SELECT count(*) AS n FROM orders");
  await page.click("#console-run");
  assert.match(await page.locator("#console-out table").textContent(), /n\s*0/);
});

test("the seed scenario on PGlite: the duplicate found by its query, then roll back", async (t) => {
  const page = await open(t);
  await example(page, "Seed scenario (PostgreSQL)");
  await click(page, "#apply");
  const recovery = page.locator("[data-testid=recovery]");
  assert.match(await recovery.textContent(), /Users_email_key/);
  const query = page.locator('[data-testid=diagnostic-queries] .query[data-code="may-fail-unique"]');
  assert.match(await query.textContent(), /ann@example\.com\s*2/);
  await shot(page, "06b-seed-postgres-recovery");
  await click(page, "#way-back");
  assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes", await page.textContent("#db-result"));
});

test("Fail at statement k on PostgreSQL in a transaction: nothing remains, roll back is empty", async (t) => {
  const page = await open(t);
  await example(page, "Retype a column under a view (PostgreSQL)");
  await click(page, "#fail");
  const text = await page.locator("[data-testid=recovery]").textContent();
  assert.match(text, /0 of \d+ statements applied/);
  assert.match(text, /nothing of it remains/);
  await click(page, "#way-back");
  assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes");
});

test("Fail at a statement the plan does not have says so", async (t) => {
  const page = await open(t);
  await example(page, "A table rebuild (SQLite)");
  await page.fill("#fail-at", "99");
  await click(page, "#fail");
  assert.match(await page.textContent("#db-result"), /there is no statement 99 to fail: 0002_plan has 7/);
  assert.equal(await page.locator("[data-testid=recovery]").count(), 0);
});

test("a link that is not a share link says so and shows the first example", async (t) => {
  const page = await open(t, "#s=not*a*link");
  assert.match(await page.textContent("#share-status"), /could not be read/);
  assert.ok((await steps(page)) > 0);
});

test("diagnostics carry line:column and are marked in the editor", async (t) => {
  const page = await open(t);
  await page.click("#to-editor .cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText("CREATE TABLE a (id int);\nCREATE TABLE b (id int,, x int);\n");
  const d = page.locator('.diagnostic.error[data-editor="to"]');
  await d.waitFor();
  assert.equal(await d.getAttribute("data-line"), "2");
  assert.ok(Number(await d.getAttribute("data-column")) > 1);
  assert.equal(await d.getAttribute("data-code"), "syntax-error");
  assert.ok((await page.locator("#to-editor .cm-lintRange-error").count()) >= 1, "marked in the editor");
  assert.equal(await page.locator("[data-testid=plan]").count(), 0, "no plan from a broken schema");
  await shot(page, "07-diagnostics");
});

test("Share: the link restores the whole state", async (t) => {
  const page = await open(t);
  await example(page, "Retype a column under a view (PostgreSQL)");
  await page.click("#to-editor .cm-content");
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("\nCREATE TABLE tags (id serial PRIMARY KEY, label text);\n");
  await page.waitForFunction(() => document.querySelector("[data-testid=summary]")?.textContent.includes("+ table tags"));
  await page.fill("#fail-at", "2");
  await page.click("#share");
  await page.waitForFunction(() => location.hash.startsWith("#s="));
  const hash = new URL(page.url()).hash;
  const before = {
    to: await page.textContent("#to-editor .cm-content"),
    summary: await page.textContent("[data-testid=summary]"),
  };

  const again = await open(t, hash);
  assert.equal(await again.inputValue("#dialect"), "postgres");
  assert.equal(await again.inputValue("#fail-at"), "2");
  assert.equal(await again.textContent("#to-editor .cm-content"), before.to);
  assert.equal(await again.textContent("[data-testid=summary]"), before.summary);
  await shot(again, "08-shared-link");
});

test("migrations mode: an out-of-order migration from a parallel branch, by policy", async (t) => {
  const page = await open(t);
  await example(page, "Out-of-order branch that commutes (SQLite)");
  assert.equal(await page.locator('[data-testid=status] tr[data-id="0002_user_bio"][data-state=out_of_order]').count(), 1);
  await click(page, "#apply");
  const log = await page.textContent("#db-log");
  assert.match(log, /already applied: 0003_posts/);
  assert.match(log, /deployed 0002_user_bio, 0004_plan/);
  assert.equal(await page.getAttribute("[data-testid=match]", "data-match"), "yes");
  await shot(page, "09-branch-commutes");

  await page.selectOption("#policy", "strict");
  await page.waitForFunction(() => document.querySelector("[data-testid=status] h2")?.textContent.includes("strict"));
  assert.equal(await page.locator('.diagnostic[data-code="out-of-order"]').count(), 1);
  await click(page, "#apply");
  assert.match(await page.textContent("#db-result"), /out-of-order/);

  await page.fill("#applied", "0001_init 0009_gone");
  await click(page, "#apply");
  assert.match(await page.textContent("#db-result"), /"already applied" names 0009_gone, which is not among the migrations/);

  await example(page, "Out-of-order branch that conflicts (SQLite)");
  assert.equal(await page.locator('.diagnostic[data-code="non-commutative"]').count(), 1);
  await shot(page, "10-branch-conflicts");
});

test("MySQL: plans show, and Apply says why it cannot run in a browser", async (t) => {
  const page = await open(t);
  await example(page, "Seed scenario (MySQL: plan only)");
  assert.ok((await steps(page)) >= 1);
  assert.match(await page.textContent("#up-script"), /ALTER TABLE `Users`/);
  assert.equal(await page.isVisible("#db-notice"), true);
  assert.match(await page.textContent("#db-notice"), /No MySQL server runs in a browser/);
  assert.equal(await page.isDisabled("#apply"), true);
});
