// The package's error: JourneyMapError, made from what the core library
// throws (the JSON of its error) or from a refused argument, and `call`,
// which runs a raw export and rethrows its failure as one.

import { loaded } from "./load.js";

// ---------------------------------------------------------------------------
// Errors

/** @import { ErrorCode, ErrorInfo } from "../values.js" */

/**
 * Every failure of this package. For `INVALID_MAP` (several invariant
 * violations at once) `path` and `id` are those of the first violation and
 * `errors` lists them all; otherwise `errors` holds this error alone.
 * `code` is the stable code of the core library (`DUPLICATE_ID`,
 * `JSON_SYNTAX`, `BAD_TIMESTAMP`, ...), or one of the three codes of this
 * binding: `INVALID_ARGUMENT` (an argument of the wrong JavaScript type),
 * `FREED` (a map used after `free()`) and `NOT_LOADED` (`journeymap/web`
 * used before `init()`).
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { JourneyMap, JourneyMapError } from "journeymap";
 * try {
 *   JourneyMap.fromObject({ name: "x", stages: [{ id: "s", name: "" }] });
 * } catch (e) {
 *   assert.ok(e instanceof JourneyMapError);
 *   assert.equal(e.code, "EMPTY_NAME");
 *   assert.equal(e.path, "/stages/0/name");
 * }
 * ```
 */
export class JourneyMapError extends Error {
  /** @param {ErrorInfo & { errors?: ErrorInfo[] }} info */
  constructor(info) {
    super(String(info?.message ?? "journeymap error"));
    /** @readonly @type {"JourneyMapError"} */
    this.name = "JourneyMapError";
    /** @readonly @type {ErrorCode} */
    this.code = /** @type {ErrorCode} */ (String(info?.code ?? "INTERNAL"));
    /** @readonly @type {string | undefined} */
    this.path = info?.path;
    /** @readonly @type {string | undefined} */
    this.id = info?.id;
    /** @readonly @type {number | undefined} */
    this.line = info?.line;
    /** @readonly @type {number | undefined} */
    this.column = info?.column;
    /**
     * 1-based row of a refused event-log row (see `ErrorInfo.row`).
     * @readonly @type {number | undefined}
     */
    this.row = info?.row;
    /**
     * Column or key of a refused event-log row.
     * @readonly @type {string | undefined}
     */
    this.field = info?.field;
    const errors = Array.isArray(info?.errors) ? info.errors : [info];
    /**
     * The individual problems (at least one).
     * @readonly @type {ErrorInfo[]}
     */
    this.errors = errors.map(errorInfo);
  }

  /**
   * The error as a plain `ErrorInfo` (with `errors`), for `JSON.stringify`.
   *
   * @returns {ErrorInfo & { errors: ErrorInfo[] }}
   */
  toJSON() {
    return { ...errorInfo(this), errors: this.errors.map((e) => ({ ...e })) };
  }
}

/** @internal A plain `{code, message, path?, id?, line?, column?, row?, field?}` object. */
export function errorInfo(e) {
  const info = { code: String(e?.code), message: String(e?.message) };
  for (const key of ["path", "id", "line", "column", "row", "field"]) {
    if (e?.[key] !== undefined) info[key] = e[key];
  }
  return info;
}

/**
 * @internal
 * Drops line and column (meaningless for JSON text made from an object);
 * the core's `message` has no location in it.
 */
export function unlocated(info) {
  const { line: _line, column: _column, errors, ...rest } = info;
  if (Array.isArray(errors)) rest.errors = errors.map(unlocated);
  return rest;
}

/** @internal */
export function argumentError(message) {
  return new JourneyMapError({ code: "INVALID_ARGUMENT", message });
}

/**
 * @internal
 * An event-log row error (`{code, message, row: {row, line, column}}` from
 * Rust) as `{code, message, row, line, field}`: `row` the 1-based data row,
 * `line` the line in the text, `field` the column or key concerned.
 */
export function rowLocated(info) {
  if (info?.row === null || typeof info?.row !== "object") return info;
  const { row, ...rest } = info;
  if (row.row !== undefined) rest.row = row.row;
  if (row.line !== undefined) rest.line = row.line;
  if (row.column !== undefined) rest.field = row.column;
  // The row's own message, without its location (see analyzeErrors).
  if (typeof row.message === "string") rest.rowMessage = row.message;
  return rest;
}

/**
 * @internal
 * Calls into WebAssembly; an error thrown by Rust (the JSON text of a core
 * error) becomes a `JourneyMapError`. `located = false` drops line and
 * column (JSON text made from an object); a function adjusts the error's
 * information otherwise.
 */
export function call(fn, located = true) {
  if (!loaded()) {
    throw new JourneyMapError({
      code: "NOT_LOADED",
      message: "the WebAssembly is not loaded yet: await init() (journeymap/web) before using the API",
    });
  }
  try {
    return fn();
  } catch (e) {
    if (typeof e === "string") {
      let info;
      let text;
      try {
        // `message` says what is wrong; `text` (the core's Display) adds
        // where, for errors in text the user gave.
        const { text: where, ...parsed } = JSON.parse(e);
        info = rowLocated(parsed);
        text = typeof where === "string" ? where : undefined;
      } catch {
        info = { code: "INTERNAL", message: e };
      }
      if (typeof located === "function") info = located(info, text);
      else if (!located) info = unlocated(info);
      else if (text !== undefined) info.message = text;
      throw new JourneyMapError(info);
    }
    throw e;
  }
}
