// The JourneyMap class: a map whose invariants always hold.

import {
  RawJourneyMap,
  input_format_of as rawInputFormatOf,
} from "../pkg/journeymap.js";
import { checkedText, describe, toText, valueText, wellFormed } from "./encoding.js";
import { argumentError, call, JourneyMapError } from "./errors.js";
import { eventLines, eventRecords, isAsyncInput, isBytes, PROGRESS_CHUNK, readChunks, textBytes } from "./events.js";
import { ANALYZE_OPTIONS, analyzeErrors, analyzeOptions, checkString, isPlainObject, LINT_NAMES, lintConfig, optionalBoolean, optionalInteger, optionalString, optionsOf, parseOptional, renamed, REPORT_NAMES, stringList, SVG_OPTIONS, svgErrors } from "./options.js";

// ---------------------------------------------------------------------------
// The map

export const WRAP = Symbol("journeymap.wrap");

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
    let report;
    if (parts.onProgress) {
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return undefined;
        const chunk = bytes.subarray(at, at + PROGRESS_CHUNK);
        at += chunk.length;
        return chunk;
      };
      report = readChunks(raw, parts, located, () => next, bytes.length);
    } else {
      report = JSON.parse(call(() => raw.analyze(bytes, parts.format, readerText, reportText), located));
    }
    // An array has no lines, whichever way it travelled: as for records
    // (the core gives them none), a skipped event says its row and field.
    if (isArray) for (const example of report.ingest.examples) delete example.line;
    return report;
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
