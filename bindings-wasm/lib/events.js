// Event logs for `analyze`: text, bytes, Blobs and streams read in chunks,
// and arrays of event objects packed into records for the core library.

import { describe, toText, valueText, wellFormed } from "./encoding.js";
import { argumentError, call, errorInfo, JourneyMapError } from "./errors.js";

export const isAsyncInput = (value) =>
  (typeof Blob !== "undefined" && value instanceof Blob) ||
  (typeof ReadableStream !== "undefined" && value instanceof ReadableStream) ||
  (typeof Response !== "undefined" && value instanceof Response);

/** Bytes handed to the module at a time when reading with progress. */
export const PROGRESS_CHUNK = 1 << 20;

/** Whether `value` is bytes `analyze` reads as they are (a Uint8Array or an ArrayBuffer). */
export const isBytes = (value) => value instanceof Uint8Array || value instanceof ArrayBuffer;

/**
 * Reads chunks of an event log into `raw.logStream(...)`, calling
 * `onProgress(bytesRead, totalBytes)` after each. `chunks()` is called
 * once the options have been checked, and returns `next`, which gives the
 * next chunk (a Uint8Array) or `undefined` at the end, possibly as a
 * promise. Returns the report (or its promise). The module's stream is
 * freed either way.
 */
export function readChunks(raw, parts, located, chunks, total) {
  const stream = call(() => raw.logStream(parts.format, valueText(parts.reader), valueText(parts.report)), located);
  let next;
  try {
    next = chunks();
  } catch (e) {
    stream.free();
    throw e;
  }
  let read = 0;
  const finish = () => JSON.parse(call(() => stream.finish(), located));
  const take = (chunk) => {
    if (!(chunk instanceof Uint8Array)) {
      throw argumentError(`an event-log stream must give Uint8Array chunks, got ${describe(chunk)}`);
    }
    call(() => stream.push(chunk), located);
    read += chunk.length;
    if (parts.onProgress) parts.onProgress(read, total);
  };
  const loop = () => {
    for (;;) {
      const chunk = next();
      if (chunk instanceof Promise) {
        return chunk.then((c) => {
          if (c === undefined) return finish();
          take(c);
          return loop();
        });
      }
      if (chunk === undefined) return finish();
      take(chunk);
    }
  };
  let result;
  try {
    result = loop();
  } catch (e) {
    stream.free();
    throw e;
  }
  if (!(result instanceof Promise)) {
    stream.free();
    return result;
  }
  return result.finally(() => stream.free());
}

/** The text of `events` (a string, Uint8Array or ArrayBuffer) as bytes. */
export function textBytes(events) {
  // Text goes to the module as UTF-8 bytes, encoded natively: handing over
  // a string copies it one character at a time in JS, several times
  // slower on large logs.
  if (typeof events === "string") return wellFormed(events) ? new TextEncoder().encode(events) : looseUtf8(events);
  return events instanceof ArrayBuffer ? new Uint8Array(events) : events;
}

/**
 * Whether JSON.stringify writes `event` exactly as toText would: a plain
 * object whose values are strings (valid Unicode), finite numbers, booleans,
 * null or undefined, with valid keys. Anything else (Dates, nested
 * attributes, values to refuse) goes through toText.
 */
export function flatEvent(event) {
  if (event === null || typeof event !== "object" || Object.getPrototypeOf(event) !== Object.prototype) return false;
  for (const key of Object.keys(event)) {
    const v = event[key];
    switch (typeof v) {
      case "string":
        if (!wellFormed(v)) return false;
        break;
      case "number":
        if (!Number.isFinite(v)) return false;
        break;
      case "boolean":
      case "undefined":
        break;
      default:
        if (v !== null) return false;
    }
    if (!wellFormed(key)) return false;
  }
  return true;
}

/**
 * JSON Lines text of an array of event objects, one line per event (JSON
 * text never holds a raw line break, so line N is event N - 1). A value
 * JSON cannot hold is refused with `JSON_TYPE`, its path and its row.
 */
export function eventLines(events) {
  const lines = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (flatEvent(event)) {
      // Same text as toText, without its per-value bookkeeping.
      lines[i] = JSON.stringify(event);
      continue;
    }
    try {
      lines[i] = toText(event, `/${i}`);
    } catch (e) {
      if (e instanceof JourneyMapError) throw new JourneyMapError({ ...errorInfo(e), row: i + 1 });
      throw e;
    }
  }
  return lines.join("\n");
}

/** Tags of the values of `eventRecords` (the module's `Records`). */
export const RECORD_NULL = 0;
export const RECORD_FALSE = 1;
export const RECORD_TRUE = 2;
export const RECORD_NUMBER = 3;
export const RECORD_STRING = 4;
export const RECORD_OBJECT = 5;

/** Whether `v` is a plain object that JSON writes as its own fields. */
export const plainObject = (v) => Object.getPrototypeOf(v) === Object.prototype && typeof v.toJSON !== "function";

/**
 * An array of plain event objects as flat arrays for the module's
 * `analyzeRecords`: no JSON text is written or parsed, and the module reads
 * each event exactly as the JSON Lines line `eventLines` would write for
 * it (same keys in the same order, numbers as `JSON.stringify` writes
 * them, Dates as their `toJSON()`). A field may hold a plain object of
 * such values (the `attributes`). Returns null when an event holds
 * anything else (deeper objects, arrays, values JSON cannot hold, lone
 * surrogates): such arrays go through `eventLines`, which reads or refuses
 * them.
 */
export function eventRecords(events) {
  // Keys are few and interned by the engine: a table of them. String
  // values are many distinct objects (hashing each costs more than
  // sending it): they go in order, one string per string cell.
  const keyIds = new Map();
  const keyNames = [];
  const strings = [];
  const rowEnds = new Uint32Array(events.length);
  let size = Math.max(16, events.length * 8);
  let keys = new Uint32Array(size);
  let tags = new Uint8Array(size);
  let numbers = new Float64Array(size);
  let units = new Uint32Array(size);
  let n = 0;
  // Appends the cell of `key`; false when its value is not one a record
  // holds (`nested`: inside an object, where objects are not).
  const cell = (key, v, nested) => {
    if (v instanceof Date) v = v.toJSON(key);
    if (v === undefined) return true;
    if (n === size) {
      size *= 2;
      keys = grown(keys, size);
      tags = grown(tags, size);
      numbers = grown(numbers, size);
      units = grown(units, size);
    }
    let id = keyIds.get(key);
    if (id === undefined) {
      if (!wellFormed(key)) return false;
      id = keyNames.length;
      keyNames.push(key);
      keyIds.set(key, id);
    }
    const at = n++;
    keys[at] = id;
    numbers[at] = 0;
    switch (typeof v) {
      case "string":
        if (!wellFormed(v)) return false;
        tags[at] = RECORD_STRING;
        // No more strings than cells: `units` has room for this one.
        units[strings.length] = v.length;
        strings.push(v);
        return true;
      case "number":
        if (!Number.isFinite(v)) return false;
        tags[at] = RECORD_NUMBER;
        numbers[at] = v;
        return true;
      case "boolean":
        tags[at] = v ? RECORD_TRUE : RECORD_FALSE;
        return true;
      case "object":
        if (v === null) {
          tags[at] = RECORD_NULL;
          return true;
        }
        if (nested || !plainObject(v)) return false;
        tags[at] = RECORD_OBJECT;
        for (const k of Object.keys(v)) {
          if (!cell(k, v[k], true)) return false;
        }
        numbers[at] = n - at - 1;
        return true;
      default:
        return false;
    }
  };
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event === null || typeof event !== "object" || !plainObject(event)) return null;
    for (const key of Object.keys(event)) {
      if (!cell(key, event[key], false)) return null;
    }
    rowEnds[i] = n;
  }
  const encoder = new TextEncoder();
  return {
    keys: JSON.stringify(keyNames),
    rowEnds,
    cellKeys: keys.subarray(0, n),
    tags: tags.subarray(0, n),
    numbers: numbers.subarray(0, n),
    text: encoder.encode(strings.join("")),
    units: units.subarray(0, strings.length),
  };
}

/** A typed array of `size` elements starting with those of `array`. */
export function grown(array, size) {
  const out = new array.constructor(size);
  out.set(array);
  return out;
}

/**
 * UTF-8 bytes of a string, with each lone surrogate written as the three
 * bytes it would take if it were a character: invalid UTF-8, which the
 * event-log readers refuse for that row (`BAD_ENCODING`), so the text is
 * not silently changed.
 */
export function looseUtf8(text) {
  const encoder = new TextEncoder();
  const parts = [];
  let size = 0;
  let start = 0;
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  const push = (bytes) => {
    parts.push(bytes);
    size += bytes.length;
  };
  for (const m of text.matchAll(lone)) {
    push(encoder.encode(text.slice(start, m.index)));
    const cu = text.charCodeAt(m.index);
    push(Uint8Array.of(0xe0 | (cu >> 12), 0x80 | ((cu >> 6) & 0x3f), 0x80 | (cu & 0x3f)));
    start = m.index + 1;
  }
  push(encoder.encode(text.slice(start)));
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
