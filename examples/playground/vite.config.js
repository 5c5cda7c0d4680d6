import { defineConfig } from "vite";

export default defineConfig({
  // Served from any path (a static host's subfolder too).
  base: "./",
  // PGlite and the engine load their .wasm next to their modules; pre-bundling would move them.
  optimizeDeps: { exclude: ["@electric-sql/pglite", "@waymark/wasm"] },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // PGlite's Emscripten glue uses eval on purpose; everything else still warns.
      onwarn(warning, warn) {
        if (warning.code === "EVAL" && /@electric-sql\/pglite/.test(warning.id ?? warning.message)) return;
        warn(warning);
      },
    },
  },
  server: { fs: { allow: ["../.."] } },
});
