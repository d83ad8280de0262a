// Types of `journeymap/web`: the package's API with an explicit async init().
export * from "./index.js";

/**
 * What `init` can load: a URL of the package's `.wasm` build, a `Request`
 * or `Response` for it (or a promise of one), its bytes, or a compiled
 * `WebAssembly.Module`.
 */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | Promise<Response>
  | BufferSource
  | WebAssembly.Module;

/**
 * Loads the WebAssembly, compiling it off the main thread; resolves once
 * the API is usable. Without `input`, the package's embedded module is
 * used. Later calls do nothing. Until it has resolved, the API throws a
 * `JourneyMapError` with code `NOT_LOADED`.
 *
 * @example
 * ```js
 * import init, { JourneyMap } from "journeymap/web";
 * await init();
 * const map = JourneyMap.fromJSON('{"name": "Shop", "stages": [{"id": "s", "name": "S"}]}');
 * console.log(map.stages.length); // 1
 * ```
 */
export default function init(input?: InitInput): Promise<void>;
