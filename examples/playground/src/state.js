// The page's whole state, and its encoding in the URL hash (Share): JSON, deflated, base64url.

export const DIALECTS = ["postgres", "mysql", "sqlite"];
export const POLICIES = ["strict", "permissive", "commutative"];

export function initialState() {
  return {
    dialect: "sqlite",
    mode: "schemas", // or "migrations"
    from: "",
    to: "",
    migrations: "",
    applied: "", // ids already run on the database, in the order they ran
    policy: "strict",
    failAt: 1,
    noTransaction: false,
  };
}

/** Keeps the known fields of `raw`, with their types; anything else is the default. */
export function normalize(raw) {
  const base = initialState();
  if (!raw || typeof raw !== "object") return base;
  for (const [key, value] of Object.entries(base)) {
    if (typeof raw[key] === typeof value) base[key] = raw[key];
  }
  if (!DIALECTS.includes(base.dialect)) base.dialect = "sqlite";
  if (!["schemas", "migrations"].includes(base.mode)) base.mode = "schemas";
  if (!POLICIES.includes(base.policy)) base.policy = "strict";
  base.failAt = Math.max(1, Math.floor(base.failAt) || 1);
  return base;
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const s = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** `#s=<deflated JSON>` for the state. */
export async function encodeHash(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return `#s=${toBase64Url(await pipe(json, new CompressionStream("deflate-raw")))}`;
}

/** The state in a hash made by encodeHash; throws with a reason when it is not one. */
export async function decodeHash(hash) {
  const m = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) throw new Error("the link's #s= part is missing or has characters a share link never has");
  const bytes = await pipe(fromBase64Url(m[1]), new DecompressionStream("deflate-raw"));
  return normalize(JSON.parse(new TextDecoder().decode(bytes)));
}

/**
 * Splits the migrations editor into migrations: each starts at a `-- migration: <id>` line.
 * Returns {migrations: [{id, sql, line}], problems: [{line, message}]}; `line` is 1-based, of
 * the header.
 */
export function splitMigrations(text) {
  const migrations = [];
  const problems = [];
  const lines = text.split("\n");
  let current = null;
  lines.forEach((line, i) => {
    const m = /^--\s*migration:\s*(\S*)\s*$/.exec(line);
    if (m) {
      if (!m[1]) problems.push({ line: i + 1, message: "a `-- migration:` line needs an id" });
      current = { id: m[1], body: [], line: i + 1 };
      migrations.push(current);
    } else if (current) {
      current.body.push(line);
    } else if (line.trim() && !line.trim().startsWith("--")) {
      problems.push({ line: i + 1, message: "SQL before the first `-- migration: <id>` line" });
    }
  });
  return {
    migrations: migrations.map(({ id, body, line }) => ({ id, sql: body.join("\n"), line })),
    problems,
  };
}

/** The ids in the "already applied" field, in order. */
export function appliedIds(text) {
  return text.split(/[\s,]+/).filter(Boolean);
}
