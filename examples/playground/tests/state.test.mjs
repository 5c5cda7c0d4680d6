// The playground's pure parts in Node: the state's link encoding and the migrations editor's
// split into migrations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appliedIds, decodeHash, encodeHash, initialState, normalize, splitMigrations } from "../src/state.js";

test("a state survives its link, unknown and mistyped fields do not", async () => {
  const state = { ...initialState(), dialect: "postgres", to: "CREATE TABLE t (x int); -- é ✓", failAt: 3 };
  const hash = await encodeHash(state);
  assert.match(hash, /^#s=[A-Za-z0-9_-]+$/);
  assert.deepEqual(await decodeHash(hash), state);
  assert.deepEqual(normalize({ dialect: "oracle", failAt: "2", extra: 1, mode: "migrations" }), {
    ...initialState(),
    mode: "migrations",
  });
  await assert.rejects(decodeHash("#x=1"), /#s= part is missing/);
});

test("migrations split at their header lines, with the header's line", () => {
  const text = "-- a comment\n-- migration: 0001_a\nCREATE TABLE a (x int);\n--migration: 0002_b\nCREATE TABLE b (x int);";
  assert.deepEqual(splitMigrations(text), {
    migrations: [
      { id: "0001_a", sql: "CREATE TABLE a (x int);", line: 2 },
      { id: "0002_b", sql: "CREATE TABLE b (x int);", line: 4 },
    ],
    problems: [],
  });
  assert.deepEqual(splitMigrations("CREATE TABLE a (x int);\n-- migration:\n").problems, [
    { line: 1, message: "SQL before the first `-- migration: <id>` line" },
    { line: 2, message: "a `-- migration:` line needs an id" },
  ]);
  assert.deepEqual(appliedIds(" 0001_a, 0003_c\n0002_b "), ["0001_a", "0003_c", "0002_b"]);
});
