// journeymap/web: the package's API with an explicit, asynchronous
// `init()`, for pages without a bundler and apps that would rather not
// compile the WebAssembly on the main thread at import:
//
//   import init, { JourneyMap } from "journeymap/web";
//   await init();                       // the embedded WebAssembly
//   await init(new URL("/assets/journeymap.wasm", location.href)); // or your own copy
//
// Calling the API before `init()` has resolved throws a `JourneyMapError`
// with code `NOT_LOADED`.

import wasm from "./pkg/journeymap_wasm.js";
import { decodeBase64, loadAsync } from "./lib/load.js";

export * from "./lib/api.js";

/**
 * Loads the WebAssembly, compiling it off the main thread. `input` is
 * optional: without it the package's embedded module is used; otherwise a
 * URL, `Request`, `Response`, bytes or `WebAssembly.Module` of the same
 * build. Resolves once the API is usable; later calls do nothing.
 */
export default async function init(input) {
  // The embedded module is imported statically: a dynamic import would
  // split the bundle, which IIFE worker builds (Vite 7's default) refuse.
  await loadAsync(input === undefined ? decodeBase64(wasm) : input);
}
