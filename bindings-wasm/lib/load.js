// Loading the WebAssembly: the one place that instantiates it and the
// values read from it once it is there. The entry points call `loadSync`
// (index.js, at import) or `loadAsync` (web.js, in `init()`); the API
// (api.js and the modules it imports) only reads `loaded()`, `version` and
// `limits`.

import initAsync, {
  initSync,
  max_document_bytes as rawMaxDocumentBytes,
  version as rawVersion,
} from "../pkg/journeymap.js";

/**
 * Version of the journeymap library inside this package (a live binding:
 * `undefined` until the WebAssembly is loaded, which the default entry
 * does at import).
 *
 * @type {string}
 */
export let version;

/** @internal Limits of the core library, read once the WebAssembly is loaded. */
export const limits = {
  /** Largest JSON text accepted, in bytes. */
  maxDocumentBytes: Infinity,
};

let ready = false;

/** @internal Whether the WebAssembly is loaded. */
export function loaded() {
  return ready;
}

function finish() {
  version = rawVersion();
  // A usize on wasm32: exact as a number.
  limits.maxDocumentBytes = rawMaxDocumentBytes();
  ready = true;
}

/** @internal The bytes of base64 text (the package's embedded WebAssembly). */
export function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * @internal
 * Compiles and instantiates the WebAssembly synchronously from its bytes
 * (or a `WebAssembly.Module`). Does nothing once loaded.
 */
export function loadSync(module) {
  if (ready) return;
  initSync({ module });
  finish();
}

/**
 * @internal
 * Compiles and instantiates the WebAssembly without blocking: `input` is a
 * URL (string or `URL`), a `Request`, a `Response` (or a promise of one),
 * bytes (`ArrayBuffer`, typed array) or a `WebAssembly.Module`. Does
 * nothing once loaded.
 */
export async function loadAsync(input) {
  if (ready) return;
  await initAsync({ module_or_path: input });
  finish();
}
