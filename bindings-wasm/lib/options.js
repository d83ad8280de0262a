// Checks of argument types, and the conversion of the package's camelCase
// options into the core library's JSON (whose values the core checks).

import {
  parse_duration_ms as rawParseDurationMs,
  pointer_of as rawPointerOf,
} from "../pkg/journeymap.js";
import { describe, tag, wellFormed } from "./encoding.js";
import { argumentError, call, unlocated } from "./errors.js";

export function checkString(value, what) {
  if (typeof value !== "string") throw argumentError(`${what} must be a string, got ${describe(value)}`);
  if (!wellFormed(value)) throw argumentError(`${what} contains a lone surrogate and is not valid Unicode`);
  return value;
}

export function parseOptional(text) {
  return text === undefined ? undefined : JSON.parse(text);
}

export function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) && tag(value) === "Object";
}

/**
 * The options argument of `what` as a plain object (`{}` when absent),
 * refusing names it does not know (a misspelt option would otherwise be
 * ignored). Options set to `undefined` are absent.
 */
export function optionsOf(options, what, known) {
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

export function optionalString(value, what) {
  return value === undefined ? undefined : checkString(value, what);
}

export function optionalBoolean(value, what) {
  if (value !== undefined && typeof value !== "boolean") {
    throw argumentError(`${what} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

/** An integer from `min` to `max` (both safe integers), or undefined. */
export function optionalInteger(value, what, min, max = Number.MAX_SAFE_INTEGER) {
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
export function number(value, what) {
  if (typeof value !== "number") throw argumentError(`${what} must be a number, got ${describe(value)}`);
  return Number.isFinite(value) ? value : String(value);
}

export function stringList(value, what) {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw argumentError(`${what} must be an array of strings, got ${describe(value)}`);
  return value.map((item, i) => checkString(item, `${what}[${i}]`));
}

/**
 * Renames the first segment of an error's JSON Pointer (the core library's
 * snake_case option names) to this package's camelCase option names.
 */
export function renamed(names) {
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
export function utcDate(date) {
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw argumentError(`the date ${date.toISOString()} is outside years 0 to 9999`);
  return date.toISOString().slice(0, 10);
}

export const LINT_OPTIONS = ["today", "disable", "severity", "maxReviewAgeDays"];
export const LINT_NAMES = { today: "today", disable: "disable", severity: "severity", max_review_age_days: "maxReviewAgeDays" };

/**
 * How errors of `analyze` are located: a row error of an array of events
 * gets the JSON Pointer of the event (and of its field) and no line; errors
 * in the options get the package's option names.
 */
export function analyzeErrors(isArray) {
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
export function lintConfig(options) {
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

export const SVG_OPTIONS = ["persona", "title", "lanes", "legend", "columnWidth", "minWidth", "report"];
/**
 * Codes of the errors reading a report can give; `toSVG`'s other errors
 * (`NOT_FOUND` for the persona, `INVALID_VALUE` for a lane) never use them.
 */
export const REPORT_ERROR_CODES = ["JSON_SYNTAX", "JSON_TYPE", "MISSING_FIELD", "UNKNOWN_FIELD", "LIMIT_EXCEEDED"];

/**
 * How errors of `toSVG` are located: an error in the report (an object, so
 * without line or column) gets a path under `/report`.
 */
export function svgErrors(info) {
  const out = unlocated(info);
  if (!REPORT_ERROR_CODES.includes(out.code)) return out;
  const under = (e) => {
    const fixed = { ...e, path: `/report${typeof e.path === "string" ? e.path : ""}` };
    if (Array.isArray(e.errors)) fixed.errors = e.errors.map(under);
    return fixed;
  };
  return under(out);
}
export const LANES = ["touchpoints", "actions", "emotions", "pain_points", "opportunities", "owners"];

export const EVENT_FIELDS = ["customer", "timestamp", "touchpoint", "event", "channel", "value", "score", "segment"];
export const ANALYZE_OPTIONS = [
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
export const REPORT_NAMES = {
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
export function analyzeOptions(options, isArray) {
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
