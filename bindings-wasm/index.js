// journeymap: customer journey maps, from the journeymap Rust library
// compiled to WebAssembly.
//
// The package's default entry, for Node.js (ESM; index.cjs for require),
// browsers, Web Workers and every bundler: it instantiates the embedded
// WebAssembly synchronously when imported, so the whole API is usable at
// once, with no `await`, no top-level await and no bundler configuration.
// `journeymap/web` (web.js) is the same API with an explicit async `init()`.

import wasm from "./pkg/journeymap_wasm.js";
import { decodeBase64, loadSync } from "./lib/load.js";

loadSync(decodeBase64(wasm));

export * from "./lib/api.js";
