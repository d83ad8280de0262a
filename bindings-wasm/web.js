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
 * What `init` can load: a URL of the package's `.wasm` build, a `Request`
 * or `Response` for it (or a promise of one), its bytes, or a compiled
 * `WebAssembly.Module`.
 *
 * @typedef {string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module} InitInput
 */

/**
 * Loads the WebAssembly, compiling it off the main thread; resolves once
 * the API is usable. Without `input`, the package's embedded module is
 * used. Later calls do nothing. Until it has resolved, the API throws a
 * `JourneyMapError` with code `NOT_LOADED`.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import init, { JourneyMap } from "journeymap/web";
 * await init();
 * const map = JourneyMap.fromJSON('{"name": "Shop", "stages": [{"id": "s", "name": "S"}]}');
 * assert.equal(map.stages.length, 1);
 * ```
 *
 * @param {InitInput} [input]
 * @returns {Promise<void>}
 */
export default async function init(input) {
  // The embedded module is imported statically: a dynamic import would
  // split the bundle, which IIFE worker builds (Vite 7's default) refuse.
  await loadAsync(input === undefined ? decodeBase64(wasm) : input);
}
