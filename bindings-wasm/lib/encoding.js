// JavaScript values to the JSON text the core library reads, refusing what
// JSON cannot hold, and text and bytes checked before they cross.

import {
  pointer_of as rawPointerOf,
} from "../pkg/journeymap.js";
import { limits } from "./load.js";
import { argumentError, JourneyMapError } from "./errors.js";

/**
 * Deepest nesting of arrays and objects accepted (the core JSON reader
 * refuses the 128th nested level; objects get the same limit here).
 */
export const MAX_NESTING = 127;

// ---------------------------------------------------------------------------
// Values to JSON text

/** `Object.prototype.toString` tag, e.g. `Map`, `Date`, `Object`. */
export function tag(value) {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/**
 * The JSON Pointer of `base` and the keys of `chain` (`{ parent, key }`
 * links, innermost last), escaped by the core library: paths are only made
 * when an error needs one.
 */
export function pointerOf(base, chain) {
  const keys = [];
  for (let c = chain; c !== null; c = c.parent) keys.push(String(c.key));
  return base + rawPointerOf(keys.reverse());
}

export function wellFormed(s) {
  return typeof s.isWellFormed === "function"
    ? s.isWellFormed()
    : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

export function typeError(path, message) {
  return new JourneyMapError({ code: "JSON_TYPE", message, path });
}

export function describe(value) {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "number":
      return String(value);
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    case "bigint":
      return "a BigInt";
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default: {
      const name = Array.isArray(value) ? "Array" : tag(value);
      return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
    }
  }
}

/**
 * JSON text of a document-shaped value, refusing what JSON cannot hold
 * rather than dropping or changing it: functions, symbols, BigInts, NaN and
 * infinities, `undefined` in arrays, Maps, Sets, typed arrays and other
 * non-plain objects, strings that are not valid Unicode, cycles and nesting
 * deeper than the core library reads. As with `JSON.stringify`, properties
 * whose value is `undefined` are absent, `toJSON()` is honoured (a Date
 * becomes its ISO string, a `JourneyMap` its document) and symbol-keyed or
 * non-enumerable properties are not data. Errors are `JSON_TYPE` (or
 * `LIMIT_EXCEEDED`) with the JSON Pointer of the value.
 */
export function toText(value, base = "") {
  const out = [];
  const ancestors = new Set();
  const at = (chain) => pointerOf(base, chain);
  const encode = (key, v, chain, depth) => {
    if (v !== null && (typeof v === "object" || typeof v === "function") && typeof v.toJSON === "function") {
      v = v.toJSON(key);
    }
    switch (typeof v) {
      case "string":
        if (!wellFormed(v)) {
          throw typeError(at(chain), "string contains a lone surrogate and is not valid Unicode");
        }
        out.push(JSON.stringify(v));
        return;
      case "number":
        if (!Number.isFinite(v)) throw typeError(at(chain), `${v} is not a JSON value`);
        out.push(JSON.stringify(v));
        return;
      case "boolean":
        out.push(v ? "true" : "false");
        return;
      case "object":
        break;
      default:
        throw typeError(at(chain), `${describe(v)} is not a JSON value`);
    }
    if (v === null) {
      out.push("null");
      return;
    }
    const isArray = Array.isArray(v);
    if (!isArray && tag(v) !== "Object") {
      throw typeError(at(chain), `${describe(v)} is not a JSON value; use a plain object or array`);
    }
    if (ancestors.has(v)) throw typeError(at(chain), "cyclic reference: the value contains itself");
    if (depth >= MAX_NESTING) {
      // Located in the message; the path is the document's, as for JSON text.
      throw new JourneyMapError({
        code: "LIMIT_EXCEEDED",
        message: `nesting depth (at ${at(chain)}) exceeds the limit of ${MAX_NESTING + 1}`,
        path: "",
      });
    }
    ancestors.add(v);
    if (isArray) {
      out.push("[");
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out.push(",");
        const item = v[i];
        const itemChain = { parent: chain, key: i };
        if (item === undefined) throw typeError(at(itemChain), "undefined is not a JSON value");
        encode(String(i), item, itemChain, depth + 1);
      }
      out.push("]");
    } else {
      out.push("{");
      let first = true;
      for (const k of Object.keys(v)) {
        const item = v[k];
        if (item === undefined) continue;
        const itemChain = { parent: chain, key: k };
        if (!wellFormed(k)) {
          throw typeError(at(itemChain), "key contains a lone surrogate and is not valid Unicode");
        }
        if (!first) out.push(",");
        first = false;
        out.push(JSON.stringify(k), ":");
        encode(k, item, itemChain, depth + 1);
      }
      out.push("}");
    }
    ancestors.delete(v);
  };
  if (value === undefined) throw typeError(base, "undefined is not a JSON value");
  encode("", value, null, 0);
  return out.join("");
}

/** 1-based line and column (in UTF-16 code units) of offset `at`. */
export function lineColumn(text, at) {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: at - start + 1 };
}

// A byte order mark is kept, and refused as JSON text is by the core library.
export const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Checks JSON text handed in as a string or UTF-8 bytes before it is copied
 * into WebAssembly memory: size limit, valid Unicode (a lone surrogate would
 * otherwise be replaced silently).
 */
export function checkedText(input, what, syntaxCode = "JSON_SYNTAX") {
  let text = input;
  if (input instanceof Uint8Array) {
    if (input.length > limits.maxDocumentBytes) throw tooLarge(`${input.length} bytes`);
    try {
      text = utf8.decode(input);
    } catch {
      throw new JourneyMapError({ code: syntaxCode, message: "the bytes are not valid UTF-8", ...textPath(syntaxCode) });
    }
  } else if (typeof input !== "string") {
    throw argumentError(`${what} expects JSON text (a string or a Uint8Array of UTF-8), got ${describe(input)}`);
  }
  // UTF-8 takes at least one byte per UTF-16 code unit.
  if (text.length > limits.maxDocumentBytes) throw tooLarge(`at least ${text.length} bytes`);
  if (!wellFormed(text)) {
    const at = text.search(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    throw new JourneyMapError({
      code: syntaxCode,
      message: "the text contains a lone surrogate and is not valid Unicode",
      ...textPath(syntaxCode),
      ...lineColumn(text, at),
    });
  }
  return text;
}

/** JSON errors point at the whole document (`path: ""`); others have no path. */
export function textPath(code) {
  return code === "JSON_SYNTAX" ? { path: "" } : {};
}

export function tooLarge(size) {
  return new JourneyMapError({
    code: "LIMIT_EXCEEDED",
    message: `document size (${size}) exceeds the limit of ${limits.maxDocumentBytes}`,
    path: "",
  });
}

/** JSON text of a value handed to a mutation; errors are located in it. */
export function valueText(value) {
  const text = toText(value);
  if (text.length > limits.maxDocumentBytes) throw tooLarge(`at least ${text.length} bytes`);
  return text;
}
