import { defineConfig } from "vite";

export default defineConfig({
  // Served from any path (a static host's subfolder too).
  base: "./",
  // PGlite and the engine load their .wasm next to their modules; pre-bundling would move them.
  optimizeDeps: { exclude: ["@electric-sql/pglite", "@waymark/wasm"] },
  build: { target: "es2022", chunkSizeWarningLimit: 4096 },
  server: { fs: { allow: ["../.."] } },
});
