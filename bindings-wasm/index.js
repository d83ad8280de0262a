// journeymap: customer journey maps, from the journeymap Rust library
// compiled to WebAssembly.
//
// This module is the package's entry point. It wraps the raw WebAssembly
// exports (which exchange JSON text) in an idiomatic API: plain objects in
// and out, `JourneyMapError` for every failure, camelCase names. The raw
// build comes from the `#wasm` import: the `nodejs` build under Node.js, the
// `bundler` build (WebAssembly ES module integration) for bundlers.

import {
  RawJourneyMap,
  max_document_bytes as rawMaxDocumentBytes,
  schema as rawSchema,
  validate_text as rawValidateText,
  version as rawVersion,
} from "#wasm";

/** Version of the journeymap library inside this package. */
export const version = rawVersion();

/** Largest JSON text accepted, in bytes (the core library's limit). */
const MAX_DOCUMENT_BYTES = rawMaxDocumentBytes();

/**
 * Deepest nesting of arrays and objects accepted (the core JSON reader
 * refuses the 128th nested level; objects get the same limit here).
 */
const MAX_NESTING = 127;

// ---------------------------------------------------------------------------
// Errors

/**
 * Every failure of this package. `code` is the stable code of the core
 * library (`DUPLICATE_ID`, `JSON_SYNTAX`, ...), or one of the two codes of
 * this binding: `INVALID_ARGUMENT` (an argument of the wrong JavaScript
 * type) and `FREED` (a map used after `free()`).
 */
export class JourneyMapError extends Error {
  /**
   * @param {{code: string, message: string, path?: string, id?: string,
   *          line?: number, column?: number, errors?: object[]}} info
   */
  constructor(info) {
    super(String(info?.message ?? "journeymap error"));
    this.name = "JourneyMapError";
    this.code = String(info?.code ?? "INTERNAL");
    this.path = info?.path;
    this.id = info?.id;
    this.line = info?.line;
    this.column = info?.column;
    const errors = Array.isArray(info?.errors) ? info.errors : [info];
    this.errors = errors.map(errorInfo);
  }

  /** The error as a plain `ErrorInfo`-like object (with `errors`). */
  toJSON() {
    return { ...errorInfo(this), errors: this.errors.map((e) => ({ ...e })) };
  }
}

/** A plain `{code, message, path?, id?, line?, column?}` object. */
function errorInfo(e) {
  const info = { code: String(e?.code), message: String(e?.message) };
  for (const key of ["path", "id", "line", "column"]) {
    if (e?.[key] !== undefined) info[key] = e[key];
  }
  return info;
}

/** Drops line and column (meaningless for JSON text made from an object). */
function unlocated(info) {
  const { line: _line, column: _column, errors, ...rest } = info;
  if (Array.isArray(errors)) rest.errors = errors.map(unlocated);
  return rest;
}

function argumentError(message) {
  return new JourneyMapError({ code: "INVALID_ARGUMENT", message });
}

/**
 * Calls into WebAssembly; an error thrown by Rust (the JSON text of a core
 * error) becomes a `JourneyMapError`.
 */
function call(fn, located = true) {
  try {
    return fn();
  } catch (e) {
    if (typeof e === "string") {
      let info;
      try {
        info = JSON.parse(e);
      } catch {
        info = { code: "INTERNAL", message: e };
      }
      throw new JourneyMapError(located ? info : unlocated(info));
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

/** JSON Pointer token (RFC 6901). */
function token(key) {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
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
function toText(value) {
  const out = [];
  const ancestors = new Set();
  const encode = (key, v, path, depth) => {
    if (v !== null && (typeof v === "object" || typeof v === "function") && typeof v.toJSON === "function") {
      v = v.toJSON(key);
    }
    switch (typeof v) {
      case "string":
        if (!wellFormed(v)) {
          throw typeError(path, "string contains a lone surrogate and is not valid Unicode");
        }
        out.push(JSON.stringify(v));
        return;
      case "number":
        if (!Number.isFinite(v)) throw typeError(path, `${v} is not a JSON value`);
        out.push(JSON.stringify(v));
        return;
      case "boolean":
        out.push(v ? "true" : "false");
        return;
      case "object":
        break;
      default:
        throw typeError(path, `${describe(v)} is not a JSON value`);
    }
    if (v === null) {
      out.push("null");
      return;
    }
    const isArray = Array.isArray(v);
    if (!isArray && tag(v) !== "Object") {
      throw typeError(path, `${describe(v)} is not a JSON value; use a plain object or array`);
    }
    if (ancestors.has(v)) throw typeError(path, "cyclic reference: the value contains itself");
    if (depth >= MAX_NESTING) {
      // Located in the message; the path is the document's, as for JSON text.
      throw new JourneyMapError({
        code: "LIMIT_EXCEEDED",
        message: `nesting depth (at ${path}) exceeds the limit of ${MAX_NESTING + 1}`,
        path: "",
      });
    }
    ancestors.add(v);
    if (isArray) {
      out.push("[");
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out.push(",");
        const item = v[i];
        const itemPath = `${path}/${i}`;
        if (item === undefined) throw typeError(itemPath, "undefined is not a JSON value");
        encode(String(i), item, itemPath, depth + 1);
      }
      out.push("]");
    } else {
      out.push("{");
      let first = true;
      for (const k of Object.keys(v)) {
        const item = v[k];
        if (item === undefined) continue;
        const itemPath = `${path}/${token(k)}`;
        if (!wellFormed(k)) {
          throw typeError(itemPath, "key contains a lone surrogate and is not valid Unicode");
        }
        if (!first) out.push(",");
        first = false;
        out.push(JSON.stringify(k), ":");
        encode(k, item, itemPath, depth + 1);
      }
      out.push("}");
    }
    ancestors.delete(v);
  };
  if (value === undefined) throw typeError("", "undefined is not a JSON value");
  encode("", value, "", 0);
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
function checkedText(input, what) {
  let text = input;
  if (input instanceof Uint8Array) {
    if (input.length > MAX_DOCUMENT_BYTES) throw tooLarge(`${input.length} bytes`);
    try {
      text = utf8.decode(input);
    } catch {
      throw new JourneyMapError({ code: "JSON_SYNTAX", message: "the bytes are not valid UTF-8", path: "" });
    }
  } else if (typeof input !== "string") {
    throw argumentError(`${what} expects JSON text (a string or a Uint8Array of UTF-8), got ${describe(input)}`);
  }
  // UTF-8 takes at least one byte per UTF-16 code unit.
  if (text.length > MAX_DOCUMENT_BYTES) throw tooLarge(`at least ${text.length} bytes`);
  if (!wellFormed(text)) {
    const at = text.search(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    throw new JourneyMapError({
      code: "JSON_SYNTAX",
      message: "the text contains a lone surrogate and is not valid Unicode",
      path: "",
      ...lineColumn(text, at),
    });
  }
  return text;
}

function tooLarge(size) {
  return new JourneyMapError({
    code: "LIMIT_EXCEEDED",
    message: `document size (${size}) exceeds the limit of ${MAX_DOCUMENT_BYTES}`,
    path: "",
  });
}

/** JSON text of a value handed to a mutation; errors are located in it. */
function valueText(value) {
  const text = toText(value);
  if (text.length > MAX_DOCUMENT_BYTES) throw tooLarge(`at least ${text.length} bytes`);
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
  return JSON.parse(call(() => rawSchema()));
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
