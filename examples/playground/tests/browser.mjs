// Shared by the end-to-end test and the benchmark: the built site served by `vite preview`, and
// Debian's Chromium driven by playwright-core.
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { preview } from "vite";
import { chromium } from "playwright-core";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Serves dist/ (built by `npm run build`); returns {url, close}. */
export async function serve() {
  if (!existsSync(`${root}/dist/index.html`)) {
    throw new Error(`${root}dist is missing: run \`npm run build\` in examples/playground first`);
  }
  const server = await preview({ root, logLevel: "silent", preview: { host: "127.0.0.1", port: 0, strictPort: false } });
  const address = server.httpServer.address();
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

/** Headless Chromium with the flags CI uses. */
export async function launch() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: install Debian's chromium package (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
