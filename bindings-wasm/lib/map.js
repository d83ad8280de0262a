// The JourneyMap class: a map whose invariants always hold.

import {
  RawJourneyMap,
  input_format_of as rawInputFormatOf,
} from "../pkg/journeymap.js";
import { checkedText, describe, toText, valueText, wellFormed } from "./encoding.js";
import { argumentError, call, JourneyMapError } from "./errors.js";
import { eventLines, eventRecords, isAsyncInput, isBytes, PROGRESS_CHUNK, readChunks, textBytes } from "./events.js";
import { ANALYZE_OPTIONS, analyzeErrors, analyzeOptions, checkString, isPlainObject, LINT_NAMES, lintConfig, optionalBoolean, optionalInteger, optionalString, optionsOf, parseOptional, renamed, REPORT_NAMES, stringList, SVG_OPTIONS, svgErrors } from "./options.js";

/**
 * @import { AnalysisReport, AnalyzeOptions, AnalyzeOptionsWithFields, Channel, CsvExportOptions, Diagnostic,
 *   ErrorInfo, EventLogSource, EventLogText, EventObject, EventRecord, JourneyDocument, JsonText, LintOptions,
 *   MapDiff, Metadata, Objective, Persona, RemoveStageOptions, Report, Stage, SvgOptions, Team,
 *   TextReportOptions, Touchpoint, Transition } from "../values.js"
 */

// ---------------------------------------------------------------------------
// The map

/** @internal The constructor's first argument that hands it a WebAssembly map. */
export const WRAP = Symbol("journeymap.wrap");

/**
 * A customer journey map whose invariants always hold.
 *
 * Values read from a map are fresh plain objects in the document's shape;
 * changing them does not change the map. Mutations are applied whole or
 * refused with a `JourneyMapError`, leaving the map exactly as it was.
 *
 * The map lives in WebAssembly memory, released when the map is garbage
 * collected, or at once with `free()` (or a `using` declaration).
 *
 * Objects handed in follow `JSON.stringify`: properties set to `undefined`
 * are absent and `toJSON()` is honoured; values JSON cannot hold (functions,
 * BigInts, NaN, Maps, cycles, ...) are refused with `JSON_TYPE` rather than
 * dropped.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { JourneyMap } from "journeymap";
 * const shop = JourneyMap.fromObject({
 *   name: "Shop",
 *   stages: [{ id: "visit", name: "Visit" }, { id: "buy", name: "Buy" }],
 *   channels: [{ id: "web", name: "Web", kind: "digital" }],
 *   touchpoints: [
 *     { id: "home", name: "Home", stage: "visit", channel: "web" },
 *     { id: "pay", name: "Pay", stage: "buy", channel: "web", kind: "conversion" },
 *   ],
 *   transitions: [{ from: "home", to: "pay" }],
 * });
 * assert.deepEqual(shop.successors("home").map((t) => t.id), ["pay"]);
 * shop.addTouchpoint({ id: "mail", name: "Promo mail", stage: "visit", channel: "web" });
 * shop.addTransition({ from: "mail", to: "home" });
 * assert.deepEqual(shop.entries().map((t) => t.id), ["mail"]);
 * // A refused mutation leaves the map as it was.
 * assert.throws(() => shop.removeStage("buy"), { code: "STAGE_NOT_EMPTY" });
 * assert.equal(shop.stages.length, 2);
 * shop.free(); // or let the garbage collector release it
 * ```
 */
export class JourneyMap {
  /** @type {RawJourneyMap | null} */
  #raw;

  /**
   * Builds and checks a map from a document object (as `JourneyMap.fromObject`).
   *
   * @overload
   * @param {JourneyDocument} document
   */
  /**
   * @param {JourneyDocument | typeof WRAP} document
   * @param {RawJourneyMap} [raw] the WebAssembly map, with `WRAP` (inside the package)
   */
  constructor(document, raw) {
    if (document === WRAP && raw instanceof RawJourneyMap) {
      this.#raw = raw;
      return;
    }
    const text = valueText(document);
    this.#raw = call(() => RawJourneyMap.from_json(text), false);
  }

  /**
   * Parses and checks a map from JSON text. Throws `JSON_SYNTAX` (with line
   * and column), `JSON_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD` (with path,
   * line and column), `UNSUPPORTED_FORMAT_VERSION`, `LIMIT_EXCEEDED`, or
   * `INVALID_MAP`/a single invariant code listing every violation.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const map = JourneyMap.fromJSON('{"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}');
   * assert.equal(map.stages[0].id, "visit");
   * assert.throws(() => JourneyMap.fromJSON('{"name": "x", "stages": oops}'), {
   *   code: "JSON_SYNTAX",
   *   line: 1,
   *   column: 25,
   * });
   * ```
   *
   * @param {JsonText} text
   * @returns {JourneyMap}
   */
  static fromJSON(text) {
    const checked = checkedText(text, "JourneyMap.fromJSON");
    return wrap(call(() => RawJourneyMap.from_json(checked)));
  }

  /**
   * Builds and checks a map from a document object; errors carry paths, not lines.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const map = JourneyMap.fromObject({ name: "Shop", stages: [{ id: "visit", name: "Visit" }] });
   * assert.equal(map.name, "Shop");
   * assert.throws(() => JourneyMap.fromObject({ name: "Shop", stages: [{ id: "visit" }] }), {
   *   code: "MISSING_FIELD",
   *   path: "/stages/0/name",
   * });
   * ```
   *
   * @param {JourneyDocument} document
   * @returns {JourneyMap}
   */
  static fromObject(document) {
    return new JourneyMap(document);
  }

  get #map() {
    if (this.#raw === null) {
      throw new JourneyMapError({ code: "FREED", message: "this JourneyMap was freed with free() and can no longer be used" });
    }
    return this.#raw;
  }

  /**
   * Releases the WebAssembly memory now. Idempotent; the map is unusable after it (`FREED`).
   *
   * @returns {void}
   */
  free() {
    if (this.#raw !== null) {
      this.#raw.free();
      this.#raw = null;
    }
  }

  /**
   * Whether `free()` was called.
   *
   * @returns {boolean}
   */
  get freed() {
    return this.#raw === null;
  }

  /**
   * An independent copy.
   *
   * @returns {JourneyMap}
   */
  clone() {
    return wrap(this.#map.duplicate());
  }

  /**
   * The document (so `JSON.stringify(map)` writes it).
   *
   * @returns {JourneyDocument}
   */
  toJSON() {
    return JSON.parse(call(() => this.#map.to_json()));
  }

  /**
   * The document as JSON text: compact by default; `indent` is a number of
   * spaces (0 to 10) or a whitespace string of at most 10 characters.
   *
   * @param {number | string} [indent]
   * @returns {string}
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

  /**
   * Title of the map.
   *
   * @returns {string}
   */
  get name() {
    return this.#map.name();
  }

  /**
   * Description of the map, if any.
   *
   * @returns {string | undefined}
   */
  get description() {
    return this.#map.description();
  }

  /**
   * Format version of the document (1).
   *
   * @returns {number}
   */
  get formatVersion() {
    return this.#map.format_version();
  }

  /**
   * Personas, in document order.
   *
   * @returns {Persona[]}
   */
  get personas() {
    return JSON.parse(call(() => this.#map.personas()));
  }

  /**
   * Stages, in journey order.
   *
   * @returns {Stage[]}
   */
  get stages() {
    return JSON.parse(call(() => this.#map.stages()));
  }

  /**
   * Channels, in document order.
   *
   * @returns {Channel[]}
   */
  get channels() {
    return JSON.parse(call(() => this.#map.channels()));
  }

  /**
   * Teams, in document order.
   *
   * @returns {Team[]}
   */
  get teams() {
    return JSON.parse(call(() => this.#map.teams()));
  }

  /**
   * Touchpoints, in document order.
   *
   * @returns {Touchpoint[]}
   */
  get touchpoints() {
    return JSON.parse(call(() => this.#map.touchpoints()));
  }

  /**
   * Transitions, in document order.
   *
   * @returns {Transition[]}
   */
  get transitions() {
    return JSON.parse(call(() => this.#map.transitions()));
  }

  /**
   * Objectives, in document order.
   *
   * @returns {Objective[]}
   */
  get objectives() {
    return JSON.parse(call(() => this.#map.objectives()));
  }

  /**
   * Metadata (`{}` when there is none).
   *
   * @returns {Metadata}
   */
  get metadata() {
    return JSON.parse(call(() => this.#map.metadata()));
  }

  /**
   * The persona with this id, or `undefined`.
   *
   * @param {string} id
   * @returns {Persona | undefined}
   */
  persona(id) {
    const key = checkString(id, "persona id");
    return parseOptional(call(() => this.#map.persona(key)));
  }

  /**
   * The stage with this id, or `undefined`.
   *
   * @param {string} id
   * @returns {Stage | undefined}
   */
  stage(id) {
    const key = checkString(id, "stage id");
    return parseOptional(call(() => this.#map.stage(key)));
  }

  /**
   * The channel with this id, or `undefined`.
   *
   * @param {string} id
   * @returns {Channel | undefined}
   */
  channel(id) {
    const key = checkString(id, "channel id");
    return parseOptional(call(() => this.#map.channel(key)));
  }

  /**
   * The team with this id, or `undefined`.
   *
   * @param {string} id
   * @returns {Team | undefined}
   */
  team(id) {
    const key = checkString(id, "team id");
    return parseOptional(call(() => this.#map.team(key)));
  }

  /**
   * The touchpoint with this id, or `undefined`.
   *
   * @param {string} id
   * @returns {Touchpoint | undefined}
   */
  touchpoint(id) {
    const key = checkString(id, "touchpoint id");
    return parseOptional(call(() => this.#map.touchpoint(key)));
  }

  /**
   * The objective with this id, or `undefined`.
   *
   * @param {string} id
   * @returns {Objective | undefined}
   */
  objective(id) {
    const key = checkString(id, "objective id");
    return parseOptional(call(() => this.#map.objective(key)));
  }

  /**
   * The transition from `from` to `to`, or `undefined`.
   *
   * @param {string} from
   * @param {string} to
   * @returns {Transition | undefined}
   */
  transition(from, to) {
    const a = checkString(from, "transition start");
    const b = checkString(to, "transition end");
    return parseOptional(call(() => this.#map.transition(a, b)));
  }

  /**
   * Position of a stage in the journey (0 = first), or `undefined`.
   *
   * @param {string} id
   * @returns {number | undefined}
   */
  stagePosition(id) {
    const key = checkString(id, "stage id");
    return this.#map.stage_position(key);
  }

  /**
   * Touchpoints of a stage, in document order. Throws `NOT_FOUND` for an unknown stage.
   *
   * @param {string} stageId
   * @returns {Touchpoint[]}
   */
  touchpointsInStage(stageId) {
    const key = checkString(stageId, "stage id");
    return JSON.parse(call(() => this.#map.touchpoints_in_stage(key)));
  }

  /**
   * Touchpoints a persona passes (those listing it, and those listing no
   * persona), in document order. Throws `NOT_FOUND` for an unknown persona.
   *
   * @param {string} personaId
   * @returns {Touchpoint[]}
   */
  touchpointsForPersona(personaId) {
    const key = checkString(personaId, "persona id");
    return JSON.parse(call(() => this.#map.touchpoints_for_persona(key)));
  }

  /**
   * Touchpoints one transition away, in transition order. Throws `NOT_FOUND` for an unknown touchpoint.
   *
   * @param {string} touchpointId
   * @returns {Touchpoint[]}
   */
  successors(touchpointId) {
    const key = checkString(touchpointId, "touchpoint id");
    return JSON.parse(call(() => this.#map.successors(key)));
  }

  /**
   * Touchpoints with a transition into this one, in transition order. Throws `NOT_FOUND` for an unknown touchpoint.
   *
   * @param {string} touchpointId
   * @returns {Touchpoint[]}
   */
  predecessors(touchpointId) {
    const key = checkString(touchpointId, "touchpoint id");
    return JSON.parse(call(() => this.#map.predecessors(key)));
  }

  /**
   * Entry touchpoints: no transition leads into them, apart from loops.
   *
   * @returns {Touchpoint[]}
   */
  entries() {
    return JSON.parse(call(() => this.#map.entries()));
  }

  /**
   * Conversion touchpoints: of kind `conversion`, or named by an objective's conversion.
   *
   * @returns {Touchpoint[]}
   */
  conversions() {
    return JSON.parse(call(() => this.#map.conversions()));
  }

  /**
   * The sub-journey of one persona: the touchpoints it passes and the
   * transitions between them that apply to it; itself a valid map.
   *
   * @param {string} personaId
   * @returns {JourneyMap}
   */
  personaJourney(personaId) {
    const key = checkString(personaId, "persona id");
    return wrap(call(() => this.#map.persona_journey(key)));
  }

  /**
   * A short human-readable overview.
   *
   * @returns {string}
   */
  summary() {
    return this.#map.summary();
  }

  /**
   * Every invariant violation: always `[]`, a map cannot be invalid.
   *
   * @returns {ErrorInfo[]}
   */
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

  /**
   * Adds a persona.
   *
   * @param {Persona} persona
   * @returns {void}
   */
  addPersona(persona) {
    this.#mutate("add_persona", persona);
  }

  /**
   * Replaces the persona with the same id (`NOT_FOUND` if none).
   *
   * @param {Persona} persona
   * @returns {void}
   */
  updatePersona(persona) {
    this.#mutate("update_persona", persona);
  }

  /**
   * Removes a persona and returns it; `IN_USE` while a touchpoint or transition lists it.
   *
   * @param {string} id
   * @returns {Persona}
   */
  removePersona(id) {
    return this.#remove("remove_persona", id, "persona id");
  }

  /**
   * Adds a stage as the last stage.
   *
   * @param {Stage} stage
   * @returns {void}
   */
  addStage(stage) {
    this.#mutate("add_stage", stage);
  }

  /**
   * Replaces the stage with the same id (`NOT_FOUND` if none).
   *
   * @param {Stage} stage
   * @returns {void}
   */
  updateStage(stage) {
    this.#mutate("update_stage", stage);
  }

  /**
   * Inserts a stage at `position` (0 = first; past the end appends).
   *
   * @param {number} position
   * @param {Stage} stage
   * @returns {void}
   */
  insertStage(position, stage) {
    if (!Number.isInteger(position) || position < 0) {
      throw argumentError(`position must be a non-negative integer, got ${describe(position)}`);
    }
    const text = valueText(stage);
    const raw = this.#map;
    call(() => raw.insert_stage(Math.min(position, 0xffffffff), text), false);
  }

  /**
   * Puts the stages in a new order; `ids` must list every stage id exactly once (`INVALID_VALUE`).
   *
   * @param {readonly string[]} ids
   * @returns {void}
   */
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
   * `STAGE_NOT_EMPTY` unless `{cascade: true}`; `IN_USE` if an objective
   * converts on it; `NO_STAGES` for the last stage.
   *
   * @param {string} id
   * @param {RemoveStageOptions} [options]
   * @returns {Stage}
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

  /**
   * Adds a channel.
   *
   * @param {Channel} channel
   * @returns {void}
   */
  addChannel(channel) {
    this.#mutate("add_channel", channel);
  }

  /**
   * Replaces the channel with the same id (`NOT_FOUND` if none).
   *
   * @param {Channel} channel
   * @returns {void}
   */
  updateChannel(channel) {
    this.#mutate("update_channel", channel);
  }

  /**
   * Removes a channel and returns it; `IN_USE` while a touchpoint is on it.
   *
   * @param {string} id
   * @returns {Channel}
   */
  removeChannel(id) {
    return this.#remove("remove_channel", id, "channel id");
  }

  /**
   * Adds a team.
   *
   * @param {Team} team
   * @returns {void}
   */
  addTeam(team) {
    this.#mutate("add_team", team);
  }

  /**
   * Replaces the team with the same id (`NOT_FOUND` if none).
   *
   * @param {Team} team
   * @returns {void}
   */
  updateTeam(team) {
    this.#mutate("update_team", team);
  }

  /**
   * Removes a team and returns it; `IN_USE` while it owns a touchpoint.
   *
   * @param {string} id
   * @returns {Team}
   */
  removeTeam(id) {
    return this.#remove("remove_team", id, "team id");
  }

  /**
   * Adds a touchpoint.
   *
   * @param {Touchpoint} touchpoint
   * @returns {void}
   */
  addTouchpoint(touchpoint) {
    this.#mutate("add_touchpoint", touchpoint);
  }

  /**
   * Replaces the touchpoint with the same id (`NOT_FOUND` if none).
   *
   * @param {Touchpoint} touchpoint
   * @returns {void}
   */
  updateTouchpoint(touchpoint) {
    this.#mutate("update_touchpoint", touchpoint);
  }

  /**
   * Removes a touchpoint with every transition into or out of it and returns
   * it; `IN_USE` if an objective converts on it.
   *
   * @param {string} id
   * @returns {Touchpoint}
   */
  removeTouchpoint(id) {
    return this.#remove("remove_touchpoint", id, "touchpoint id");
  }

  /**
   * Adds an objective.
   *
   * @param {Objective} objective
   * @returns {void}
   */
  addObjective(objective) {
    this.#mutate("add_objective", objective);
  }

  /**
   * Replaces the objective with the same id (`NOT_FOUND` if none).
   *
   * @param {Objective} objective
   * @returns {void}
   */
  updateObjective(objective) {
    this.#mutate("update_objective", objective);
  }

  /**
   * Removes an objective and returns it.
   *
   * @param {string} id
   * @returns {Objective}
   */
  removeObjective(id) {
    return this.#remove("remove_objective", id, "objective id");
  }

  /**
   * Adds a transition (refused for a self-transition, a duplicate or a dangling end).
   *
   * @param {Transition} transition
   * @returns {void}
   */
  addTransition(transition) {
    this.#mutate("add_transition", transition);
  }

  /**
   * Replaces the transition with the same `from` and `to` (`NOT_FOUND` if none).
   *
   * @param {Transition} transition
   * @returns {void}
   */
  updateTransition(transition) {
    this.#mutate("update_transition", transition);
  }

  /**
   * Removes the transition from `from` to `to` and returns it.
   *
   * @param {string} from
   * @param {string} to
   * @returns {Transition}
   */
  removeTransition(from, to) {
    const a = checkString(from, "transition start");
    const b = checkString(to, "transition end");
    const raw = this.#map;
    return JSON.parse(call(() => raw.remove_transition(a, b)));
  }

  /**
   * Renames the map (`EMPTY_NAME` for a blank name).
   *
   * @param {string} name
   * @returns {void}
   */
  setName(name) {
    const value = checkString(name, "name");
    const raw = this.#map;
    call(() => raw.set_name(value));
  }

  /**
   * Replaces the metadata (dates are checked).
   *
   * @param {Metadata} metadata
   * @returns {void}
   */
  setMetadata(metadata) {
    this.#mutate("set_metadata", metadata);
  }

  // Lint, diff, render, analytics.

  /**
   * Lints the map against journey-mapping practice: every finding of the
   * enabled rules, ordered by rule code, then by location in the document.
   * `today` defaults to the current date in UTC. A rule the options name
   * that does not exist is refused (`INVALID_VALUE` with path `/disable/N`
   * or `/severity/<rule>`; several at once: `INVALID_MAP`); unknown rules in
   * the map's own `metadata.lint` are reported as `JM-L000` diagnostics.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const shop = JourneyMap.fromObject({
   *   name: "Shop",
   *   stages: [{ id: "visit", name: "Visit" }, { id: "buy", name: "Buy" }],
   *   channels: [{ id: "web", name: "Web", kind: "digital" }],
   *   touchpoints: [
   *     { id: "home", name: "Home", stage: "visit", channel: "web" },
   *     { id: "pay", name: "Pay", stage: "buy", channel: "web", kind: "conversion" },
   *   ],
   *   transitions: [{ from: "home", to: "pay" }],
   * });
   * const first = shop.lint()[0];
   * assert.equal(first.code, "JM-L007");
   * assert.equal(first.rule, "touchpoint-without-owner");
   * assert.deepEqual(first.location, { kind: "touchpoint", id: "home", path: "/touchpoints/0" });
   * const quiet = shop.lint({ disable: ["touchpoint-without-owner"] });
   * assert.ok(!quiet.some((d) => d.code === "JM-L007"));
   * ```
   *
   * @param {LintOptions} [options]
   * @returns {Diagnostic[]}
   */
  lint(options) {
    const config = lintConfig(options);
    const text = valueText(config);
    const raw = this.#map;
    return JSON.parse(call(() => raw.lint(text), renamed(LINT_NAMES)));
  }

  /**
   * The differences from this map (the old version) to `newer`.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const shop = JourneyMap.fromObject({
   *   name: "Shop",
   *   stages: [{ id: "visit", name: "Visit" }, { id: "buy", name: "Buy" }],
   *   channels: [{ id: "web", name: "Web", kind: "digital" }],
   *   touchpoints: [
   *     { id: "home", name: "Home", stage: "visit", channel: "web" },
   *     { id: "pay", name: "Pay", stage: "buy", channel: "web", kind: "conversion" },
   *   ],
   *   transitions: [{ from: "home", to: "pay" }],
   * });
   * const newer = shop.clone();
   * newer.updateTouchpoint({ id: "home", name: "Home page", stage: "visit", channel: "web" });
   * assert.deepEqual(shop.diff(newer).changed, [
   *   { kind: "touchpoint", id: "home", changes: [{ path: "/name", old: "Home", new: "Home page" }] },
   * ]);
   * ```
   *
   * @param {JourneyMap} newer
   * @returns {MapDiff}
   */
  diff(newer) {
    if (!(newer instanceof JourneyMap)) {
      throw argumentError(`diff expects a JourneyMap, got ${describe(newer)}`);
    }
    const other = newer.#map;
    const raw = this.#map;
    return JSON.parse(call(() => raw.diff(other)));
  }

  /**
   * The journey canvas as a self-contained SVG document: deterministic, no
   * script or external reference, every text escaped. `NOT_FOUND` for an
   * unknown persona, `INVALID_VALUE` (path `/lanes/N`) for an unknown lane.
   * With `report`, the report's figures are overlaid (see `SvgOptions`).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const shop = JourneyMap.fromObject({
   *   name: "Shop",
   *   stages: [{ id: "visit", name: "Visit" }, { id: "buy", name: "Buy" }],
   *   channels: [{ id: "web", name: "Web", kind: "digital" }],
   *   touchpoints: [
   *     { id: "home", name: "Home", stage: "visit", channel: "web" },
   *     { id: "pay", name: "Pay", stage: "buy", channel: "web", kind: "conversion" },
   *   ],
   *   transitions: [{ from: "home", to: "pay" }],
   * });
   * const svg = shop.toSVG({ title: "Shop <Q3>", lanes: ["touchpoints", "emotions"] });
   * assert.ok(svg.startsWith("<?xml"));
   * assert.ok(svg.includes("Shop &lt;Q3&gt;")); // user text is escaped
   * ```
   *
   * @param {SvgOptions} [options]
   * @returns {string}
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

  /**
   * The Mermaid `journey` diagram (emotion scores -2..2 written as 1..5).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const shop = JourneyMap.fromObject({
   *   name: "Shop",
   *   stages: [{ id: "visit", name: "Visit" }, { id: "buy", name: "Buy" }],
   *   channels: [{ id: "web", name: "Web", kind: "digital" }],
   *   touchpoints: [
   *     { id: "home", name: "Home", stage: "visit", channel: "web" },
   *     { id: "pay", name: "Pay", stage: "buy", channel: "web", kind: "conversion" },
   *   ],
   *   transitions: [{ from: "home", to: "pay" }],
   * });
   * assert.equal(shop.toMermaid(), "journey\n  title Shop\n  section Visit\n    Home: 3\n  section Buy\n    Pay: 3\n");
   * ```
   *
   * @returns {string}
   */
  toMermaid() {
    return this.#map.to_mermaid();
  }

  /**
   * The Mermaid `flowchart LR` of the touchpoint graph.
   *
   * @returns {string}
   */
  toMermaidFlowchart() {
    return this.#map.to_mermaid_flowchart();
  }

  /**
   * The Graphviz DOT text of the touchpoint graph.
   *
   * @returns {string}
   */
  toDOT() {
    return this.#map.to_dot();
  }

  /**
   * The touchpoints as CSV (one row each, with a header).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const shop = JourneyMap.fromObject({
   *   name: "Shop",
   *   stages: [{ id: "visit", name: "Visit" }, { id: "buy", name: "Buy" }],
   *   channels: [{ id: "web", name: "Web", kind: "digital" }],
   *   touchpoints: [
   *     { id: "home", name: "Home", stage: "visit", channel: "web" },
   *     { id: "pay", name: "Pay", stage: "buy", channel: "web", kind: "conversion" },
   *   ],
   *   transitions: [{ from: "home", to: "pay" }],
   * });
   * const [header, ...rows] = shop.toCSV().trimEnd().split("\n");
   * assert.deepEqual(header.split(",").slice(0, 3), ["stage_order", "stage_id", "stage_name"]);
   * assert.equal(rows.length, 2);
   * ```
   *
   * @param {CsvExportOptions} [options]
   * @returns {string}
   */
  toCSV(options) {
    const o = optionsOf(options, "toCSV", ["raw"]);
    const raw = optionalBoolean(o.raw, "raw") ?? false;
    const map = this.#map;
    return call(() => map.to_csv(raw));
  }

  /**
   * Reads a Mermaid `journey` diagram into a map: sections become stages,
   * tasks touchpoints chained by transitions, actors personas, scores 1..5
   * emotions -2..2. Malformed text throws `MERMAID_SYNTAX` with `line` and
   * `column`.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const map = JourneyMap.fromMermaid("journey\n  title Morning\n  section Home\n    Make tea: 5: Me\n");
   * assert.equal(map.name, "Morning");
   * assert.equal(map.touchpoints[0].emotion.score, 2);
   * ```
   *
   * @param {JsonText} text
   * @returns {JourneyMap}
   */
  static fromMermaid(text) {
    const checked = checkedText(text, "JourneyMap.fromMermaid", "MERMAID_SYNTAX");
    return wrap(call(() => RawJourneyMap.from_mermaid(checked)));
  }

  /**
   * The journey report of an event log against this map (see `analyze`).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const shop = JourneyMap.fromObject({
   *   name: "Shop",
   *   stages: [{ id: "visit", name: "Visit" }, { id: "buy", name: "Buy" }],
   *   channels: [{ id: "web", name: "Web", kind: "digital" }],
   *   touchpoints: [
   *     { id: "home", name: "Home", stage: "visit", channel: "web" },
   *     { id: "pay", name: "Pay", stage: "buy", channel: "web", kind: "conversion" },
   *   ],
   *   transitions: [{ from: "home", to: "pay" }],
   * });
   * const csv = "customer_id,timestamp,touchpoint\nc1,2026-03-01T09:00:00Z,home\nc1,2026-03-01T09:05:00Z,pay\n";
   * assert.equal(shop.analyze(csv).totals.converted_customers, 1);
   * ```
   *
   * @overload
   * @param {readonly EventRecord[] | EventLogText} events
   * @param {AnalyzeOptions} [options]
   * @returns {AnalysisReport}
   * @overload
   * @param {readonly EventObject[]} events
   * @param {AnalyzeOptionsWithFields} options
   * @returns {AnalysisReport}
   */
  analyze(events, options) {
    return this.#withText(this.#analyze(events, options));
  }

  /**
   * The report as readable text: totals, funnel, segments, touchpoints, the
   * `top` (default 10) transitions, variants, conformance and attribution in
   * aligned tables, the same text as the CLI's `journeymap analyze --format
   * text` and Python's `str(report)`. `report` is a report of this map (an
   * object, or its JSON text).
   *
   * @param {Report | string} report
   * @param {TextReportOptions} [options]
   * @returns {string}
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
   * The journey report of an event log that arrives over time (see
   * `analyzeAsync`).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const shop = JourneyMap.fromObject({
   *   name: "Shop",
   *   stages: [{ id: "visit", name: "Visit" }],
   *   channels: [{ id: "web", name: "Web", kind: "digital" }],
   *   touchpoints: [{ id: "home", name: "Home", stage: "visit", channel: "web", kind: "conversion" }],
   * });
   * const file = new Blob(["customer_id,timestamp,touchpoint\nc1,2026-03-01T09:00:00Z,home\n"]);
   * const report = await shop.analyzeAsync(file, { onProgress: (read, total) => console.log(`${read} of ${total} bytes`) });
   * assert.equal(report.totals.converted_customers, 1);
   * ```
   *
   * @overload
   * @param {readonly EventRecord[] | EventLogText | EventLogSource} events
   * @param {AnalyzeOptions} [options]
   * @returns {Promise<AnalysisReport>}
   * @overload
   * @param {readonly EventObject[]} events
   * @param {AnalyzeOptionsWithFields} options
   * @returns {Promise<AnalysisReport>}
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

  /** @returns {"JourneyMap"} */
  get [Symbol.toStringTag]() {
    return "JourneyMap";
  }

  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.#raw === null ? "JourneyMap <freed>" : `JourneyMap ${JSON.stringify(this.#raw.name())}`;
  }
}

/**
 * A `JourneyMap` around a WebAssembly map.
 *
 * @param {RawJourneyMap} raw
 * @returns {JourneyMap}
 */
function wrap(raw) {
  return new JourneyMap(WRAP, raw);
}

if (typeof Symbol.dispose === "symbol") {
  Object.defineProperty(JourneyMap.prototype, Symbol.dispose, {
    value: JourneyMap.prototype.free,
    writable: true,
    configurable: true,
  });
}
