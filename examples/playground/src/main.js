// Starts fetching and compiling the engine's WASM first, so that it overlaps with loading the
// rest of the page (CodeMirror is most of it); app.js then waits for the same init().
import { init } from "@waymark/wasm";

init();
await import("./app.js");
