// journeymap: customer journey maps, from the journeymap Rust library
// compiled to WebAssembly.
//
// The package's API. It wraps the raw WebAssembly exports (which exchange
// JSON text) in an idiomatic API: plain objects in and out,
// `JourneyMapError` for every failure, camelCase names. It does not load
// the WebAssembly itself: the entry points do (`index.js` synchronously,
// `web.js` in `init()`), through ./load.js, before any of it is called.

import {
  RawJourneyMap,
  explain_rule as rawExplainRule,
  lint_rules as rawLintRules,
  input_format_of as rawInputFormatOf,
  parse_duration_ms as rawParseDurationMs,
  pointer_of as rawPointerOf,
  validate_text as rawValidateText,
} from "../pkg/journeymap.js";
import { limits, loaded } from "./load.js";
import { DOCUMENT_SCHEMA, REPORT_SCHEMA } from "./schemas.js";

export { version } from "./load.js";

/**
 * Deepest nesting of arrays and objects accepted (the core JSON reader
 * refuses the 128th nested level; objects get the same limit here).
 */
const MAX_NESTING = 127;

// ---------------------------------------------------------------------------
// Errors

/**
 * Every failure of this package. `code` is the stable code of the core
 * library (`DUPLICATE_ID`, `JSON_SYNTAX`, `BAD_TIMESTAMP`, ...), or one of
 * the three codes of this binding: `INVALID_ARGUMENT` (an argument of the
 * wrong JavaScript type), `FREED` (a map used after `free()`) and
 * `NOT_LOADED` (`journeymap/web` used before `init()`).
 */
export class JourneyMapError extends Error {
  /**
   * @param {{code: string, message: string, path?: string, id?: string,
   *          line?: number, column?: number, row?: number, field?: string,
   *          errors?: object[]}} info
   */
  constructor(info) {
    super(String(info?.message ?? "journeymap error"));
    this.name = "JourneyMapError";
    this.code = String(info?.code ?? "INTERNAL");
    this.path = info?.path;
    this.id = info?.id;
    this.line = info?.line;
    this.column = info?.column;
    this.row = info?.row;
    this.field = info?.field;
    const errors = Array.isArray(info?.errors) ? info.errors : [info];
    this.errors = errors.map(errorInfo);
  }

  /** The error as a plain `ErrorInfo`-like object (with `errors`). */
  toJSON() {
    return { ...errorInfo(this), errors: this.errors.map((e) => ({ ...e })) };
  }
}

/** A plain `{code, message, path?, id?, line?, column?, row?, field?}` object. */
function errorInfo(e) {
  const info = { code: String(e?.code), message: String(e?.message) };
  for (const key of ["path", "id", "line", "column", "row", "field"]) {
    if (e?.[key] !== undefined) info[key] = e[key];
  }
  return info;
}

/**
 * Drops line and column (meaningless for JSON text made from an object);
 * the core's `message` has no location in it.
 */
function unlocated(info) {
  const { line: _line, column: _column, errors, ...rest } = info;
  if (Array.isArray(errors)) rest.errors = errors.map(unlocated);
  return rest;
}

function argumentError(message) {
  return new JourneyMapError({ code: "INVALID_ARGUMENT", message });
}

/**
 * An event-log row error (`{code, message, row: {row, line, column}}` from
 * Rust) as `{code, message, row, line, field}`: `row` the 1-based data row,
 * `line` the line in the text, `field` the column or key concerned.
 */
function rowLocated(info) {
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
 * Calls into WebAssembly; an error thrown by Rust (the JSON text of a core
 * error) becomes a `JourneyMapError`. `located = false` drops line and
 * column (JSON text made from an object); a function adjusts the error's
 * information otherwise.
 */
function call(fn, located = true) {
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

// ---------------------------------------------------------------------------
// Values to JSON text

/** `Object.prototype.toString` tag, e.g. `Map`, `Date`, `Object`. */
function tag(value) {
  return Object.prototype.toString.call(value).slice(8, -1);
}

/**
 * The JSON Pointer of `base` and the keys of `chain` (`{ parent, key }`
 * links, innermost last), escaped by the core library: paths are only made
 * when an error needs one.
 */
function pointerOf(base, chain) {
  const keys = [];
  for (let c = chain; c !== null; c = c.parent) keys.push(String(c.key));
  return base + rawPointerOf(keys.reverse());
}

function wellFormed(s) {
  return typeof s.isWellFormed === "function"
    ? s.isWellFormed()
    : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function typeError(path, message) {
  return new JourneyMapError({ code: "JSON_TYPE", message, path });
}

function describe(value) {
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
function toText(value, base = "") {
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
function lineColumn(text, at) {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: at - start + 1 };
}

// A byte order mark is kept, and refused as JSON text is by the core library.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Checks JSON text handed in as a string or UTF-8 bytes before it is copied
 * into WebAssembly memory: size limit, valid Unicode (a lone surrogate would
 * otherwise be replaced silently).
 */
function checkedText(input, what, syntaxCode = "JSON_SYNTAX") {
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
function textPath(code) {
  return code === "JSON_SYNTAX" ? { path: "" } : {};
}

function tooLarge(size) {
  return new JourneyMapError({
    code: "LIMIT_EXCEEDED",
    message: `document size (${size}) exceeds the limit of ${limits.maxDocumentBytes}`,
    path: "",
  });
}

/** JSON text of a value handed to a mutation; errors are located in it. */
function valueText(value) {
  const text = toText(value);
  if (text.length > limits.maxDocumentBytes) throw tooLarge(`at least ${text.length} bytes`);
  return text;
}

function checkString(value, what) {
  if (typeof value !== "string") throw argumentError(`${what} must be a string, got ${describe(value)}`);
  if (!wellFormed(value)) throw argumentError(`${what} contains a lone surrogate and is not valid Unicode`);
  return value;
}

function parseOptional(text) {
  return text === undefined ? undefined : JSON.parse(text);
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && tag(value) === "Object";
}

/**
 * The options argument of `what` as a plain object (`{}` when absent),
 * refusing names it does not know (a misspelt option would otherwise be
 * ignored). Options set to `undefined` are absent.
 */
function optionsOf(options, what, known) {
  if (options === undefined || options === null) return {};
  if (!isPlainObject(options)) {
    throw argumentError(`${what} options must be a plain object, got ${describe(options)}`);
  }
  const out = {};
  for (const key of Object.keys(options)) {
    if (options[key] === undefined) continue;
    if (!known.includes(key)) {
      throw argumentError(`unknown ${what} option ${JSON.stringify(key)}; the options are ${known.join(", ")}`);
    }
    out[key] = options[key];
  }
  return out;
}

function optionalString(value, what) {
  return value === undefined ? undefined : checkString(value, what);
}

function optionalBoolean(value, what) {
  if (value !== undefined && typeof value !== "boolean") {
    throw argumentError(`${what} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** An integer from `min` to `max` (both safe integers), or undefined. */
function optionalInteger(value, what, min, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw argumentError(`${what} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/**
 * A number for the options' JSON. JSON has no NaN or Infinity: those go as
 * their name, which the core refuses, naming it, where a number belongs.
 */
function number(value, what) {
  if (typeof value !== "number") throw argumentError(`${what} must be a number, got ${describe(value)}`);
  return Number.isFinite(value) ? value : String(value);
}

function stringList(value, what) {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw argumentError(`${what} must be an array of strings, got ${describe(value)}`);
  return value.map((item, i) => checkString(item, `${what}[${i}]`));
}

/**
 * Renames the first segment of an error's JSON Pointer (the core library's
 * snake_case option names) to this package's camelCase option names.
 */
function renamed(names) {
  const rename = (path) => {
    if (typeof path !== "string") return path;
    const m = /^(?:\/options)?\/([^/]+)(.*)$/s.exec(path);
    return m && Object.hasOwn(names, m[1]) ? `/${names[m[1]]}${m[2]}` : path;
  };
  const fix = (info) => {
    const out = { ...info };
    if (out.path !== undefined) out.path = rename(out.path);
    if (Array.isArray(out.errors)) out.errors = out.errors.map(fix);
    return out;
  };
  return (info) => fix(unlocated(info));
}

// ---------------------------------------------------------------------------
// Option conversions (camelCase JavaScript options to the core's JSON)

/** Today's date in UTC, `YYYY-MM-DD`, as the command line reads it. */
function utcDate(date) {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw argumentError(`the date ${date.toISOString()} is outside years 0 to 9999`);
  return date.toISOString().slice(0, 10);
}

const LINT_OPTIONS = ["today", "disable", "severity", "maxReviewAgeDays"];
const LINT_NAMES = { today: "today", disable: "disable", severity: "severity", max_review_age_days: "maxReviewAgeDays" };

/**
 * How errors of `analyze` are located: a row error of an array of events
 * gets the JSON Pointer of the event (and of its field) and no line; errors
 * in the options get the package's option names.
 */
function analyzeErrors(isArray) {
  const options = renamed(REPORT_NAMES);
  return (info, text) => {
    if (info.row === undefined) return options(info);
    // Text: the core's message with the row's line and column.
    if (!isArray) return text === undefined ? info : { ...info, message: text };
    // Line N of the JSON Lines made from the array is event N - 1.
    const { line: _line, column: _column, rowMessage, ...rest } = info;
    const index = info.row - 1;
    if (index >= 0) {
      rest.path = rawPointerOf(info.field === undefined ? [String(index)] : [String(index), info.field]);
      if (rowMessage !== undefined) {
        const at = info.field === undefined ? "" : `, field \`${info.field}\``;
        rest.message = `event ${index} (row ${info.row})${at}: ${rowMessage}`;
      }
    }
    return rest;
  };
}

/** The core's `LintConfig` JSON for `map.lint(options)`. */
function lintConfig(options) {
  const o = optionsOf(options, "lint", LINT_OPTIONS);
  const config = {};
  // Absent: today's date (UTC); null: no date, the date rules do not run.
  const today = Object.hasOwn(o, "today") ? o.today : new Date();
  if (today instanceof Date) {
    if (Number.isNaN(today.getTime())) throw argumentError("today is an invalid Date");
    config.today = utcDate(today);
  } else if (today !== null) {
    config.today = checkString(today, "today (a YYYY-MM-DD string, a Date or null)");
  }
  if (o.disable !== undefined) config.disable = stringList(o.disable, "disable");
  if (o.severity !== undefined) {
    if (!isPlainObject(o.severity)) {
      throw argumentError(`severity must be an object of rule code or name to "info", "warning" or "error", got ${describe(o.severity)}`);
    }
    config.severity = o.severity;
  }
  if (o.maxReviewAgeDays !== undefined) {
    config.max_review_age_days = optionalInteger(o.maxReviewAgeDays, "maxReviewAgeDays", 0, 0xffffffff);
  }
  return config;
}

const SVG_OPTIONS = ["persona", "title", "lanes", "legend", "columnWidth", "minWidth", "report"];
/**
 * Codes of the errors reading a report can give; `toSVG`'s other errors
 * (`NOT_FOUND` for the persona, `INVALID_VALUE` for a lane) never use them.
 */
const REPORT_ERROR_CODES = ["JSON_SYNTAX", "JSON_TYPE", "MISSING_FIELD", "UNKNOWN_FIELD", "LIMIT_EXCEEDED"];

/**
 * How errors of `toSVG` are located: an error in the report (an object, so
 * without line or column) gets a path under `/report`.
 */
function svgErrors(info) {
  const out = unlocated(info);
  if (!REPORT_ERROR_CODES.includes(out.code)) return out;
  const under = (e) => {
    const fixed = { ...e, path: `/report${typeof e.path === "string" ? e.path : ""}` };
    if (Array.isArray(e.errors)) fixed.errors = e.errors.map(under);
    return fixed;
  };
  return under(out);
}
const LANES = ["touchpoints", "actions", "emotions", "pain_points", "opportunities", "owners"];

const EVENT_FIELDS = ["customer", "timestamp", "touchpoint", "event", "channel", "value", "score", "segment"];
const ANALYZE_OPTIONS = [
  "inputFormat",
  "delimiter",
  "fields",
  "segmentBy",
  "timestampFormat",
  "timestampUnit",
  "timezone",
  "onBadRow",
  "conversionWindow",
  "lookbackWindow",
  "conversions",
  "topK",
  "halfLife",
  "positionWeights",
  "scoreScale",
  "collapseRepeats",
  "includeCustomers",
  "onProgress",
];
const REPORT_NAMES = {
  input_format: "inputFormat",
  fields: "fields",
  delimiter: "delimiter",
  timestamp_format: "timestampFormat",
  timestamp_unit: "timestampUnit",
  timezone: "timezone",
  on_bad_row: "onBadRow",
  conversion_window_ms: "conversionWindow",
  lookback_window_ms: "lookbackWindow",
  conversions: "conversions",
  top_k: "topK",
  half_life_ms: "halfLife",
  position_weights: "positionWeights",
  score_scale: "scoreScale",
  collapse_repeats: "collapseRepeats",
  include_customers: "includeCustomers",
};

/**
 * The reader's and the report's options (core JSON) for `analyze`, and the
 * input format (`csv` or `jsonl`).
 */
function analyzeOptions(options, isArray) {
  const o = optionsOf(options, "analyze", ANALYZE_OPTIONS);
  // Reader.
  let format = "jsonl";
  const reader = {};
  if (isArray) {
    for (const key of ["inputFormat", "delimiter"]) {
      if (o[key] !== undefined) throw argumentError(`${key} applies to event-log text, not to an array of events`);
    }
  } else {
    // The format's name and what it implies (a TSV's tab, no delimiter
    // for JSON Lines) are the core's to read (InputFormat::reader_options).
    format = optionalString(o.inputFormat, "inputFormat") ?? "csv";
    if (o.delimiter !== undefined) {
      // One character that fits the core's byte; which bytes are allowed
      // is the core's to say (CsvOptions::check).
      if (typeof o.delimiter !== "string" || o.delimiter.length !== 1 || o.delimiter.charCodeAt(0) > 0xff) {
        throw argumentError(`delimiter must be one character, got ${describe(o.delimiter)}`);
      }
      reader.delimiter = o.delimiter.charCodeAt(0);
    }
  }
  // One vocabulary: event objects, CSV, JSON Lines, Python dicts and
  // tables all name the customer `customer_id` (the core's field names).
  const fields = {};
  if (o.fields !== undefined) {
    const given = optionsOf(o.fields, "fields", EVENT_FIELDS);
    for (const [key, name] of Object.entries(given)) fields[key] = checkString(name, `fields.${key}`);
  }
  if (o.segmentBy !== undefined) {
    const segment = checkString(o.segmentBy, "segmentBy");
    if (fields.segment !== undefined && fields.segment !== segment) {
      throw argumentError("segmentBy and fields.segment name different fields; give one");
    }
    fields.segment = segment;
    // A field named to segment by must be in the events.
    fields.require_segment = true;
  }
  if (Object.keys(fields).length > 0) reader.fields = fields;
  // An array is in memory already: no event is too long to read (events
  // given as records have no lines; the JSON Lines of the others have one
  // per event, read with no limit but 32-bit sizes).
  if (isArray) reader.max_line_bytes = 0xffffffff;
  // Timestamp options are read (and refused, located) by the core library.
  const timestampFormat = optionalString(o.timestampFormat, "timestampFormat");
  if (timestampFormat !== undefined) reader.timestamp_format = timestampFormat;
  const timestampUnit = optionalString(o.timestampUnit, "timestampUnit");
  if (timestampUnit !== undefined) reader.timestamp_unit = timestampUnit;
  const timezone = optionalString(o.timezone, "timezone");
  if (timezone !== undefined) reader.timezone = timezone;
  const onBadRow = optionalString(o.onBadRow, "onBadRow");
  if (onBadRow !== undefined) reader.on_bad_row = onBadRow;

  // Report. Windows and half-life are milliseconds; ranges are the core's to check.
  const report = {};
  // A duration: milliseconds, or text as the CLI and Python take it
  // ("30d", "12h", "90m"), read by the core library.
  const ms = (value, what) =>
    typeof value === "string"
      ? call(() => rawParseDurationMs(what, value))
      : optionalInteger(value, `${what} (milliseconds or a duration such as "30d")`, Number.MIN_SAFE_INTEGER);
  if (o.conversionWindow !== undefined) report.conversion_window_ms = ms(o.conversionWindow, "conversionWindow");
  if (o.lookbackWindow !== undefined) report.lookback_window_ms = ms(o.lookbackWindow, "lookbackWindow");
  if (o.halfLife !== undefined) report.half_life_ms = ms(o.halfLife, "halfLife");
  if (o.conversions !== undefined) report.conversions = stringList(o.conversions, "conversions");
  // An integer; its range is the core's to check.
  if (o.topK !== undefined) report.top_k = optionalInteger(o.topK, "topK", Number.MIN_SAFE_INTEGER);
  if (o.positionWeights !== undefined) {
    const w = optionsOf(o.positionWeights, "positionWeights", ["first", "last"]);
    report.position_weights = { first: number(w.first, "positionWeights.first"), last: number(w.last, "positionWeights.last") };
  }
  if (o.scoreScale !== undefined) {
    if (isPlainObject(o.scoreScale)) {
      const r = optionsOf(o.scoreScale, "scoreScale", ["min", "max"]);
      report.score_scale = { range: { min: number(r.min, "scoreScale.min"), max: number(r.max, "scoreScale.max") } };
    } else {
      // A scale's name (or "MIN..MAX"), read by the core.
      report.score_scale = checkString(o.scoreScale, "scoreScale");
    }
  }
  const collapse = optionalBoolean(o.collapseRepeats, "collapseRepeats");
  if (collapse !== undefined) report.collapse_repeats = collapse;
  const customers = optionalBoolean(o.includeCustomers, "includeCustomers");
  if (customers !== undefined) report.include_customers = customers;
  // Progress of reading text: a function, for text, bytes, Blobs and streams.
  let onProgress;
  if (o.onProgress !== undefined) {
    if (typeof o.onProgress !== "function") throw argumentError(`onProgress must be a function, got ${describe(o.onProgress)}`);
    if (isArray) throw argumentError("onProgress applies to event-log text, bytes, Blobs and streams, not to an array of events");
    onProgress = o.onProgress;
  }
  return { format, reader, report, onProgress };
}

/** Whether `value` is input only `analyzeAsync` reads: a Blob, a ReadableStream or a Response. */
const isAsyncInput = (value) =>
  (typeof Blob !== "undefined" && value instanceof Blob) ||
  (typeof ReadableStream !== "undefined" && value instanceof ReadableStream) ||
  (typeof Response !== "undefined" && value instanceof Response);

/** Bytes handed to the module at a time when reading with progress. */
const PROGRESS_CHUNK = 1 << 20;

/** Whether `value` is bytes `analyze` reads as they are (a Uint8Array or an ArrayBuffer). */
const isBytes = (value) => value instanceof Uint8Array || value instanceof ArrayBuffer;

/**
 * Reads chunks of an event log into `raw.logStream(...)`, calling
 * `onProgress(bytesRead, totalBytes)` after each. `chunks()` is called
 * once the options have been checked, and returns `next`, which gives the
 * next chunk (a Uint8Array) or `undefined` at the end, possibly as a
 * promise. Returns the report (or its promise). The module's stream is
 * freed either way.
 */
function readChunks(raw, parts, located, chunks, total) {
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
function textBytes(events) {
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
function flatEvent(event) {
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
function eventLines(events) {
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
const RECORD_NULL = 0;
const RECORD_FALSE = 1;
const RECORD_TRUE = 2;
const RECORD_NUMBER = 3;
const RECORD_STRING = 4;
const RECORD_OBJECT = 5;

/** Whether `v` is a plain object that JSON writes as its own fields. */
const plainObject = (v) => Object.getPrototypeOf(v) === Object.prototype && typeof v.toJSON !== "function";

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
function eventRecords(events) {
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
function grown(array, size) {
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
function looseUtf8(text) {
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

// ---------------------------------------------------------------------------
// The map

const WRAP = Symbol("journeymap.wrap");

/**
 * A customer journey map whose invariants always hold: built from a document
 * (JSON text or a plain object), queried, and changed by mutations that are
 * either applied whole or refused with a `JourneyMapError`, leaving the map
 * as it was.
 *
 * Everything read from a map is a fresh plain object in the document's
 * shape: changing it does not change the map.
 */
export class JourneyMap {
  /** @type {RawJourneyMap | null} */
  #raw;

  /** Builds a map from a document object (same as `JourneyMap.fromObject`). */
  constructor(document, raw) {
    if (document === WRAP && raw instanceof RawJourneyMap) {
      this.#raw = raw;
      return;
    }
    const text = valueText(document);
    this.#raw = call(() => RawJourneyMap.from_json(text), false);
  }

  static #wrap(raw) {
    return new JourneyMap(WRAP, raw);
  }

  /** Parses and checks a map from JSON text (a string, or UTF-8 bytes). */
  static fromJSON(text) {
    const checked = checkedText(text, "JourneyMap.fromJSON");
    return JourneyMap.#wrap(call(() => RawJourneyMap.from_json(checked)));
  }

  /** Builds and checks a map from a document object. */
  static fromObject(document) {
    return new JourneyMap(document);
  }

  get #map() {
    if (this.#raw === null) {
      throw new JourneyMapError({ code: "FREED", message: "this JourneyMap was freed with free() and can no longer be used" });
    }
    return this.#raw;
  }

  /** Releases the WebAssembly memory now rather than at garbage collection. Idempotent. */
  free() {
    if (this.#raw !== null) {
      this.#raw.free();
      this.#raw = null;
    }
  }

  /** Whether `free()` was called. */
  get freed() {
    return this.#raw === null;
  }

  /** An independent copy. */
  clone() {
    return JourneyMap.#wrap(this.#map.duplicate());
  }

  /** The document (so `JSON.stringify(map)` writes it). */
  toJSON() {
    return JSON.parse(call(() => this.#map.to_json()));
  }

  /**
   * The document as JSON text, compact by default; `indent` is a number of
   * spaces (0 to 10) or a string of at most 10 characters, as in
   * `JSON.stringify`.
   */
  toJSONString(indent) {
    let unit = "";
    if (typeof indent === "number") {
      if (!Number.isInteger(indent) || indent < 0 || indent > 10) {
        throw argumentError(`indent must be an integer from 0 to 10, got ${indent}`);
      }
      unit = " ".repeat(indent);
    } else if (typeof indent === "string") {
      if (indent.length > 10 || !/^[ \t\r\n]*$/.test(indent)) {
        throw argumentError("an indent string must be at most 10 whitespace characters");
      }
      unit = indent;
    } else if (indent !== undefined) {
      throw argumentError(`indent must be a number or a string, got ${describe(indent)}`);
    }
    return call(() => this.#map.to_json_indented(unit));
  }

  /** Title of the map. */
  get name() {
    return this.#map.name();
  }

  /** Description of the map, if any. */
  get description() {
    return this.#map.description();
  }

  /** Format version of the document. */
  get formatVersion() {
    return this.#map.format_version();
  }

  /** Personas, in document order. */
  get personas() {
    return JSON.parse(call(() => this.#map.personas()));
  }

  /** Stages, in journey order. */
  get stages() {
    return JSON.parse(call(() => this.#map.stages()));
  }

  /** Channels, in document order. */
  get channels() {
    return JSON.parse(call(() => this.#map.channels()));
  }

  /** Teams, in document order. */
  get teams() {
    return JSON.parse(call(() => this.#map.teams()));
  }

  /** Touchpoints, in document order. */
  get touchpoints() {
    return JSON.parse(call(() => this.#map.touchpoints()));
  }

  /** Transitions, in document order. */
  get transitions() {
    return JSON.parse(call(() => this.#map.transitions()));
  }

  /** Objectives, in document order. */
  get objectives() {
    return JSON.parse(call(() => this.#map.objectives()));
  }

  /** Metadata (`{}` when there is none). */
  get metadata() {
    return JSON.parse(call(() => this.#map.metadata()));
  }

  /** The persona with this id, or `undefined`. */
  persona(id) {
    const key = checkString(id, "persona id");
    return parseOptional(call(() => this.#map.persona(key)));
  }

  /** The stage with this id, or `undefined`. */
  stage(id) {
    const key = checkString(id, "stage id");
    return parseOptional(call(() => this.#map.stage(key)));
  }

  /** The channel with this id, or `undefined`. */
  channel(id) {
    const key = checkString(id, "channel id");
    return parseOptional(call(() => this.#map.channel(key)));
  }

  /** The team with this id, or `undefined`. */
  team(id) {
    const key = checkString(id, "team id");
    return parseOptional(call(() => this.#map.team(key)));
  }

  /** The touchpoint with this id, or `undefined`. */
  touchpoint(id) {
    const key = checkString(id, "touchpoint id");
    return parseOptional(call(() => this.#map.touchpoint(key)));
  }

  /** The objective with this id, or `undefined`. */
  objective(id) {
    const key = checkString(id, "objective id");
    return parseOptional(call(() => this.#map.objective(key)));
  }

  /** The transition from `from` to `to`, or `undefined`. */
  transition(from, to) {
    const a = checkString(from, "transition start");
    const b = checkString(to, "transition end");
    return parseOptional(call(() => this.#map.transition(a, b)));
  }

  /** Position of a stage in the journey (0 = first), or `undefined`. */
  stagePosition(id) {
    const key = checkString(id, "stage id");
    return this.#map.stage_position(key);
  }

  /** Touchpoints of a stage, in document order. `NOT_FOUND` for an unknown stage. */
  touchpointsInStage(stageId) {
    const key = checkString(stageId, "stage id");
    return JSON.parse(call(() => this.#map.touchpoints_in_stage(key)));
  }

  /** Touchpoints a persona passes (those listing it or no persona). `NOT_FOUND` for an unknown persona. */
  touchpointsForPersona(personaId) {
    const key = checkString(personaId, "persona id");
    return JSON.parse(call(() => this.#map.touchpoints_for_persona(key)));
  }

  /** Touchpoints one transition away from `touchpointId`, in transition order. */
  successors(touchpointId) {
    const key = checkString(touchpointId, "touchpoint id");
    return JSON.parse(call(() => this.#map.successors(key)));
  }

  /** Touchpoints with a transition into `touchpointId`, in transition order. */
  predecessors(touchpointId) {
    const key = checkString(touchpointId, "touchpoint id");
    return JSON.parse(call(() => this.#map.predecessors(key)));
  }

  /** Entry touchpoints: no transition leads into them, loops aside. */
  entries() {
    return JSON.parse(call(() => this.#map.entries()));
  }

  /** Conversion touchpoints: of kind `conversion`, or an objective's conversion target. */
  conversions() {
    return JSON.parse(call(() => this.#map.conversions()));
  }

  /** The sub-journey of one persona, itself a valid map. */
  personaJourney(personaId) {
    const key = checkString(personaId, "persona id");
    return JourneyMap.#wrap(call(() => this.#map.persona_journey(key)));
  }

  /** A short human-readable overview (name, counts, one line per stage). */
  summary() {
    return this.#map.summary();
  }

  /** Every invariant violation; always `[]` for a map, which cannot be invalid. */
  validate() {
    return JSON.parse(call(() => this.#map.validate()));
  }

  // Mutations: applied whole or refused with a JourneyMapError, the map unchanged.

  #mutate(method, value) {
    const text = valueText(value);
    const raw = this.#map;
    return call(() => raw[method](text), false);
  }

  #remove(method, id, what) {
    const key = checkString(id, what);
    const raw = this.#map;
    return JSON.parse(call(() => raw[method](key)));
  }

  /** Adds a persona. */
  addPersona(persona) {
    this.#mutate("add_persona", persona);
  }

  /** Replaces the persona with the same id. */
  updatePersona(persona) {
    this.#mutate("update_persona", persona);
  }

  /** Removes a persona and returns it; `IN_USE` while a touchpoint or transition lists it. */
  removePersona(id) {
    return this.#remove("remove_persona", id, "persona id");
  }

  /** Adds a stage as the last stage. */
  addStage(stage) {
    this.#mutate("add_stage", stage);
  }

  /** Replaces the stage with the same id. */
  updateStage(stage) {
    this.#mutate("update_stage", stage);
  }

  /** Inserts a stage at `position` (0 = first; past the end appends). */
  insertStage(position, stage) {
    if (!Number.isInteger(position) || position < 0) {
      throw argumentError(`position must be a non-negative integer, got ${describe(position)}`);
    }
    const text = valueText(stage);
    const raw = this.#map;
    call(() => raw.insert_stage(Math.min(position, 0xffffffff), text), false);
  }

  /** Puts the stages in a new order; `ids` lists every stage id exactly once. */
  reorderStages(ids) {
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string" && wellFormed(id))) {
      throw argumentError("reorderStages expects an array of stage id strings");
    }
    const text = JSON.stringify(ids);
    const raw = this.#map;
    call(() => raw.reorder_stages(text), false);
  }

  /**
   * Removes a stage and returns it. A stage with touchpoints is refused with
   * `STAGE_NOT_EMPTY` unless `{cascade: true}`, which removes its touchpoints
   * and their transitions too.
   */
  removeStage(id, options) {
    const key = checkString(id, "stage id");
    if (options !== undefined && (options === null || typeof options !== "object")) {
      throw argumentError(`removeStage options must be an object like {cascade: true}, got ${describe(options)}`);
    }
    const cascade = options?.cascade ?? false;
    if (typeof cascade !== "boolean") {
      throw argumentError(`cascade must be a boolean, got ${describe(cascade)}`);
    }
    const raw = this.#map;
    return JSON.parse(call(() => raw.remove_stage(key, cascade)));
  }

  /** Adds a channel. */
  addChannel(channel) {
    this.#mutate("add_channel", channel);
  }

  /** Replaces the channel with the same id. */
  updateChannel(channel) {
    this.#mutate("update_channel", channel);
  }

  /** Removes a channel and returns it; `IN_USE` while a touchpoint is on it. */
  removeChannel(id) {
    return this.#remove("remove_channel", id, "channel id");
  }

  /** Adds a team. */
  addTeam(team) {
    this.#mutate("add_team", team);
  }

  /** Replaces the team with the same id. */
  updateTeam(team) {
    this.#mutate("update_team", team);
  }

  /** Removes a team and returns it; `IN_USE` while it owns a touchpoint. */
  removeTeam(id) {
    return this.#remove("remove_team", id, "team id");
  }

  /** Adds a touchpoint. */
  addTouchpoint(touchpoint) {
    this.#mutate("add_touchpoint", touchpoint);
  }

  /** Replaces the touchpoint with the same id. */
  updateTouchpoint(touchpoint) {
    this.#mutate("update_touchpoint", touchpoint);
  }

  /** Removes a touchpoint with its transitions and returns it. */
  removeTouchpoint(id) {
    return this.#remove("remove_touchpoint", id, "touchpoint id");
  }

  /** Adds an objective. */
  addObjective(objective) {
    this.#mutate("add_objective", objective);
  }

  /** Replaces the objective with the same id. */
  updateObjective(objective) {
    this.#mutate("update_objective", objective);
  }

  /** Removes an objective and returns it. */
  removeObjective(id) {
    return this.#remove("remove_objective", id, "objective id");
  }

  /** Adds a transition. */
  addTransition(transition) {
    this.#mutate("add_transition", transition);
  }

  /** Replaces the transition with the same `from` and `to`. */
  updateTransition(transition) {
    this.#mutate("update_transition", transition);
  }

  /** Removes the transition from `from` to `to` and returns it. */
  removeTransition(from, to) {
    const a = checkString(from, "transition start");
    const b = checkString(to, "transition end");
    const raw = this.#map;
    return JSON.parse(call(() => raw.remove_transition(a, b)));
  }

  /** Renames the map. */
  setName(name) {
    const value = checkString(name, "name");
    const raw = this.#map;
    call(() => raw.set_name(value));
  }

  /** Replaces the metadata. */
  setMetadata(metadata) {
    this.#mutate("set_metadata", metadata);
  }

  // Lint, diff, render, analytics.

  /**
   * Lints the map against journey-mapping practice: every diagnostic of the
   * enabled rules, ordered by rule code, then by location in the document.
   * `today` defaults to the current date in UTC; `null` leaves the
   * date-dependent rules out. A rule code or name the options do not know
   * is refused (`INVALID_VALUE`, path `/disable/0` or `/severity/<key>`);
   * unknown rules in the map's own `metadata.lint` are `JM-L000` findings.
   */
  lint(options) {
    const config = lintConfig(options);
    const text = valueText(config);
    const raw = this.#map;
    return JSON.parse(call(() => raw.lint(text), renamed(LINT_NAMES)));
  }

  /** The differences from this map (the old version) to `newer`. */
  diff(newer) {
    if (!(newer instanceof JourneyMap)) {
      throw argumentError(`diff expects a JourneyMap, got ${describe(newer)}`);
    }
    const other = newer.#map;
    const raw = this.#map;
    return JSON.parse(call(() => raw.diff(other)));
  }

  /**
   * The journey canvas as a self-contained SVG document (stages as columns,
   * lanes for touchpoints, actions, emotions, pain points, opportunities and
   * owners). `persona`: only that persona's journey (`NOT_FOUND` if the map
   * has no such persona). `report`: a journey report of this map (the object
   * `analyze` returns) to overlay: funnel per stage, reach, conversion,
   * exits and mean score per touchpoint, conformance in the header.
   */
  toSVG(options) {
    const o = optionsOf(options, "toSVG", SVG_OPTIONS);
    let report;
    if (o.report !== undefined && o.report !== null) {
      if (!isPlainObject(o.report)) {
        throw argumentError(`report must be the report object analyze returns, got ${describe(o.report)}`);
      }
      report = valueText(o.report);
    }
    const persona = optionalString(o.persona, "persona");
    const title = optionalString(o.title, "title");
    const lanes = stringList(o.lanes, "lanes");
    const legend = optionalBoolean(o.legend, "legend");
    const columnWidth = optionalInteger(o.columnWidth, "columnWidth", 0, 0xffffffff);
    const minWidth = optionalInteger(o.minWidth, "minWidth", 0, 0xffffffff);
    const raw = this.#map;
    return call(() => raw.to_svg(persona, title, lanes, legend, columnWidth, minWidth, report), svgErrors);
  }

  /** The Mermaid `journey` diagram (emotion scores -2..2 as 1..5). */
  toMermaid() {
    return this.#map.to_mermaid();
  }

  /** The Mermaid `flowchart LR` of the touchpoint graph. */
  toMermaidFlowchart() {
    return this.#map.to_mermaid_flowchart();
  }

  /** The Graphviz DOT text of the touchpoint graph. */
  toDOT() {
    return this.#map.to_dot();
  }

  /**
   * The touchpoints as CSV, one row each. Cells a spreadsheet would run as
   * a formula are prefixed with `'` unless `{raw: true}`.
   */
  toCSV(options) {
    const o = optionsOf(options, "toCSV", ["raw"]);
    const raw = optionalBoolean(o.raw, "raw") ?? false;
    const map = this.#map;
    return call(() => map.to_csv(raw));
  }

  /**
   * Reads a Mermaid `journey` diagram (a string or UTF-8 bytes) into a map:
   * sections become stages, tasks touchpoints (chained by transitions),
   * actors personas. Malformed text throws `MERMAID_SYNTAX` with line and
   * column.
   */
  static fromMermaid(text) {
    const checked = checkedText(text, "JourneyMap.fromMermaid", "MERMAID_SYNTAX");
    return JourneyMap.#wrap(call(() => RawJourneyMap.from_mermaid(checked)));
  }

  /**
   * The journey report of an event log against this map: funnel,
   * touchpoints, transitions, path variants, conformance, attribution,
   * segments. `events` is an array of event objects, or event-log text
   * (CSV by default; `inputFormat` `tsv` or `jsonl`) as a string or UTF-8
   * bytes. See `analyze`.
   */
  analyze(events, options) {
    return this.#withText(this.#analyze(events, options));
  }

  /**
   * The report as readable text: totals, funnel, segments, touchpoints, the
   * `top` (default 10) transitions, variants, conformance and attribution in
   * aligned tables, the same text as the CLI's `journeymap analyze --format
   * text` and Python's `str(report)` (the core library's `Report::to_text`).
   * `report` is a report of this map (as `analyze` returns it, or its JSON
   * from elsewhere). Reports from `analyze` also have `report.toText()`.
   */
  reportText(report, options) {
    const o = optionsOf(options, "reportText", ["top"]);
    const top = optionalInteger(o.top, "top", 0, 0xffffffff) ?? 10;
    const text = isPlainObject(report) ? toText(report) : checkString(report, "report");
    return call(() => this.#map.reportText(text, top));
  }

  /** `report` with a non-enumerable `toText(options)` bound to this map. */
  #withText(report) {
    Object.defineProperty(report, "toText", {
      value: (options) => this.reportText(report, options),
      enumerable: false,
      writable: true,
      configurable: true,
    });
    return report;
  }

  #analyze(events, options) {
    const isArray = Array.isArray(events);
    if (!isArray && typeof events !== "string" && !isBytes(events)) {
      const hint = isAsyncInput(events) ? "; Blobs and streams are read by analyzeAsync" : "";
      throw argumentError(`analyze expects an array of event objects, or event-log text (a string, a Uint8Array or an ArrayBuffer), got ${describe(events)}${hint}`);
    }
    const parts = analyzeOptions(options, isArray);
    const readerText = valueText(parts.reader);
    const reportText = valueText(parts.report);
    const raw = this.#map;
    const located = analyzeErrors(isArray);
    // Plain events go to the module as flat arrays, read by the JSON Lines
    // rules without JSON text; other arrays as JSON Lines.
    if (isArray) {
      const r = eventRecords(events);
      if (r !== null) {
        const out = call(
          () => raw.analyzeRecords(r.keys, r.rowEnds, r.cellKeys, r.tags, r.numbers, r.text, r.units, readerText, reportText),
          located,
        );
        return JSON.parse(out);
      }
    }
    // (`eventLines` writes well-formed text: JSON escapes lone surrogates.)
    const bytes = isArray ? new TextEncoder().encode(eventLines(events)) : textBytes(events);
    if (parts.onProgress) {
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return undefined;
        const chunk = bytes.subarray(at, at + PROGRESS_CHUNK);
        at += chunk.length;
        return chunk;
      };
      return readChunks(raw, parts, located, () => next, bytes.length);
    }
    const out = call(() => raw.analyze(bytes, parts.format, readerText, reportText), located);
    return JSON.parse(out);
  }

  /**
   * `analyze` for input that arrives over time: a `Blob` or `File`, a
   * `ReadableStream` of `Uint8Array` chunks or a `Response`, read chunk by
   * chunk (never as one string) with `onProgress(bytesRead, totalBytes)`
   * after each chunk (`totalBytes` is the Blob's size, a Response's
   * Content-Length, or `undefined`). Also takes everything `analyze`
   * takes. Resolves to the report; rejects with the same errors.
   */
  async analyzeAsync(events, options) {
    if (!isAsyncInput(events)) return this.analyze(events, options);
    return this.#withText(await this.#analyzeAsync(events, options));
  }

  async #analyzeAsync(events, options) {
    let total;
    let body = events;
    if (typeof Response !== "undefined" && events instanceof Response) {
      if (events.body === null) return this.analyze(new Uint8Array(0), options);
      const length = Number(events.headers.get("content-length"));
      total = events.headers.has("content-length") && Number.isSafeInteger(length) ? length : undefined;
      body = events.body;
    } else if (typeof Blob !== "undefined" && events instanceof Blob) {
      total = events.size;
      body = events.stream();
      // A File's format is told by its name, as the CLI and Python tell a
      // path's (the core's table of extensions), unless inputFormat says.
      if (typeof File !== "undefined" && events instanceof File && options?.inputFormat === undefined) {
        const name = events.name;
        const inputFormat = call(() => rawInputFormatOf(name), renamed(REPORT_NAMES));
        options = { ...optionsOf(options, "analyze", ANALYZE_OPTIONS), inputFormat };
      }
    }
    const parts = analyzeOptions(options, false);
    // The stream is locked only once the options have been checked.
    let reader;
    const chunks = () => {
      reader = body.getReader();
      return () => reader.read().then((r) => (r.done ? undefined : r.value));
    };
    try {
      return await readChunks(this.#map, parts, analyzeErrors(false), chunks, total);
    } catch (e) {
      reader?.cancel(e).catch(() => {});
      throw e;
    } finally {
      reader?.releaseLock();
    }
  }

  get [Symbol.toStringTag]() {
    return "JourneyMap";
  }

  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.#raw === null ? "JourneyMap <freed>" : `JourneyMap ${JSON.stringify(this.#raw.name())}`;
  }
}

if (typeof Symbol.dispose === "symbol") {
  Object.defineProperty(JourneyMap.prototype, Symbol.dispose, {
    value: JourneyMap.prototype.free,
    writable: true,
    configurable: true,
  });
}

// ---------------------------------------------------------------------------
// Module functions

/** The JSON Schema (draft 2020-12) of the journey-map document. */
export function schema() {
  return JSON.parse(DOCUMENT_SCHEMA);
}

/**
 * Every invariant violation of a document, given as JSON text (string or
 * UTF-8 bytes) or as a document object; `[]` when it is a valid map. Never
 * throws for a bad document: every problem is an item of the list.
 */
export function validate(input) {
  let text;
  let located = true;
  try {
    if (typeof input === "string" || input instanceof Uint8Array) {
      text = checkedText(input, "validate");
    } else {
      text = valueText(input);
      located = false;
    }
  } catch (e) {
    if (e instanceof JourneyMapError) return e.errors;
    throw e;
  }
  const errors = JSON.parse(call(() => rawValidateText(text)));
  return located ? errors : errors.map(unlocated);
}

/** The differences from `oldMap` to `newMap` (same as `oldMap.diff(newMap)`). */
export function diff(oldMap, newMap) {
  if (!(oldMap instanceof JourneyMap)) {
    throw argumentError(`diff expects two JourneyMaps, got ${describe(oldMap)}`);
  }
  return oldMap.diff(newMap);
}

/**
 * The journey report of an event log against a map (same as
 * `map.analyze(events, options)`).
 *
 * `events`: an array of event objects `{customer_id, timestamp, touchpoint?,
 * event?, channel?, attributes?, value?, score?, segment?}` (other keys are
 * raw attributes too), or event-log text as a string or UTF-8 bytes: CSV
 * with a header (default), TSV or JSON Lines (`inputFormat`), with the same
 * field names. Timestamps are epoch milliseconds, date-time strings or
 * `Date`s.
 *
 * A bad row throws a `JourneyMapError` with the row's code (`BAD_TIMESTAMP`,
 * `UNKNOWN_TOUCHPOINT`, ...), `row` (1-based; for an array, the index + 1),
 * `field`, and `line` (text) or `path` (array); with `onBadRow: "skip"` bad
 * rows are skipped and counted in `report.ingest`.
 */
export function analyze(map, events, options) {
  if (!(map instanceof JourneyMap)) {
    throw argumentError(`analyze expects a JourneyMap first, got ${describe(map)}`);
  }
  return map.analyze(events, options);
}

/**
 * The journey report of an event log that arrives over time (same as
 * `map.analyzeAsync(events, options)`): a `Blob`/`File`, a `ReadableStream`
 * of `Uint8Array` chunks, a `Response`, or anything `analyze` takes.
 */
export async function analyzeAsync(map, events, options) {
  if (!(map instanceof JourneyMap)) {
    throw argumentError(`analyzeAsync expects a JourneyMap first, got ${describe(map)}`);
  }
  return map.analyzeAsync(events, options);
}

/** The lint rule catalogue, in code order. */
export function lintRules() {
  return JSON.parse(call(() => rawLintRules()));
}

/**
 * The documentation of a lint rule, by code (`JM-L003`) or name
 * (`dead-end`), in any letter case, as plain text. `INVALID_VALUE` for a
 * rule that does not exist.
 */
export function explainRule(rule) {
  const key = checkString(rule, "rule");
  return call(() => rawExplainRule(key));
}

/** The JSON Schema (draft 2020-12) of the journey report `analyze` returns. */
export function reportSchema() {
  return JSON.parse(REPORT_SCHEMA);
}
