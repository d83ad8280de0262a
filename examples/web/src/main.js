// Journey map workbench: open a journey map, see it as a canvas, fix what
// the linter finds, edit touchpoints, and check the map against an event
// log. Everything runs in this page (and one Web Worker); no file is sent
// anywhere.

import { JourneyMap, JourneyMapError } from "journeymap";
import exampleMapUrl from "../../../schema/examples/coffee-maker.json?url";
import exampleEventsUrl from "../../../schema/examples/coffee-maker-events.csv?url";
import { createAnalysis } from "./analysis.js";
import { createCanvas } from "./canvas.js";
import { createEditor } from "./editor.js";

/** @typedef {import("journeymap").Report} Report */
/** @typedef {import("journeymap").Diagnostic} Diagnostic */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const state = {
  /** @type {JourneyMap | null} */
  map: null,
  /** Whether the map is the bundled example (which has example events). */
  example: false,
  /** @type {Report | null} the last report, overlaid on the canvas while `overlay` */
  report: null,
  overlay: true,
  /** The SVG text on the canvas (what "Export SVG" writes). */
  svg: "",
  /** @type {string[]} the map before each accepted edit, for Undo */
  history: [],
  /** @type {string | null} the touchpoint of the selected finding */
  highlighted: null,
};

// ---------------------------------------------------------------------------
// Messages

const banner = $("banner");

/** Shows a problem with a whole file or action; `null` hides it. @param {unknown} error */
function showBanner(error) {
  if (error == null) {
    banner.hidden = true;
    return;
  }
  banner.replaceChildren();
  if (error instanceof JourneyMapError) {
    const code = document.createElement("code");
    code.textContent = error.code;
    const where = [
      error.path ? `at ${error.path}` : null,
      error.line != null ? `line ${error.line}${error.column != null ? `, column ${error.column}` : ""}` : null,
    ].filter(Boolean);
    banner.append(code, ` ${error.message}${where.length ? ` (${where.join(", ")})` : ""}`);
    banner.dataset.code = error.code;
  } else {
    banner.textContent = error instanceof Error ? error.message : String(error);
    delete banner.dataset.code;
  }
  banner.hidden = false;
}

// ---------------------------------------------------------------------------
// Canvas

const viewport = $("viewport");
const emptyCanvas = /** @type {HTMLElement} */ (viewport.querySelector(".empty"));
const canvas = createCanvas(viewport, (zoom) => {
  $("zoom-level").textContent = `${Math.round(zoom * 100)}%`;
});
$("zoom-in").addEventListener("click", canvas.zoomIn);
$("zoom-out").addEventListener("click", canvas.zoomOut);
$("zoom-fit").addEventListener("click", canvas.fit);

/** The canvas element of a touchpoint, where the SVG marks touchpoints with their ids. @param {string} id */
function touchpointElement(id) {
  return /** @type {SVGGraphicsElement | null} */ (
    canvas.svg?.querySelector(`g.touchpoint[data-id="${CSS.escape(id)}"]`) ?? null
  );
}

function drawCanvas() {
  const map = state.map;
  if (!map) {
    state.svg = "";
    canvas.clear(emptyCanvas);
    return;
  }
  const report = state.overlay ? state.report : null;
  try {
    state.svg = map.toSVG(report ? { report } : {});
  } catch (e) {
    // A report that does not fit the map any more: draw the map alone.
    showBanner(e);
    state.svg = map.toSVG();
  }
  canvas.show(state.svg);
  canvas.svg?.classList.toggle("with-report", Boolean(report));
  if (state.highlighted) canvas.highlight(touchpointElement(state.highlighted));
}

// ---------------------------------------------------------------------------
// Lint findings

const findingsList = $("findings");

/**
 * The touchpoint a finding is about: its own, the one holding its pain point
 * or opportunity, or the start of its transition.
 * @param {Diagnostic} finding
 */
function findingTouchpoint(finding) {
  const { kind, id } = finding.location;
  const map = state.map;
  if (!map || !id) return null;
  if (kind === "touchpoint") return id;
  if (kind === "transition") return id.split("->")[0];
  if (kind === "pain_point" || kind === "opportunity") {
    const list = kind === "pain_point" ? "pain_points" : "opportunities";
    return map.touchpoints.find((tp) => (tp[list] ?? []).some((item) => item.id === id))?.id ?? null;
  }
  return null;
}

function drawFindings() {
  const findings = state.map?.lint() ?? [];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  $("findings-count").textContent = state.map
    ? Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([severity, n]) => `${n} ${severity}${n === 1 || severity === "info" ? "" : "s"}`)
        .join(", ") || "none"
    : "";
  findingsList.replaceChildren(
    ...findings.map((finding) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = `finding ${finding.severity}`;
      button.dataset.code = finding.code;
      button.dataset.kind = finding.location.kind;
      button.dataset.id = finding.location.id ?? "";
      const tp = findingTouchpoint(finding);
      if (tp) button.dataset.touchpoint = tp;
      const head = document.createElement("span");
      head.className = "finding-head";
      const severity = document.createElement("span");
      severity.className = "severity";
      severity.textContent = finding.severity;
      const code = document.createElement("code");
      code.textContent = `${finding.code} ${finding.rule}`;
      head.append(severity, code);
      const message = document.createElement("span");
      message.className = "finding-message";
      message.textContent = finding.message;
      const hint = document.createElement("span");
      hint.className = "finding-hint muted";
      hint.textContent = finding.hint;
      button.append(head, message, hint);
      button.addEventListener("click", () => selectFinding(button, tp));
      li.append(button);
      return li;
    }),
  );
}

/**
 * @param {HTMLButtonElement} button
 * @param {string | null} touchpoint
 */
function selectFinding(button, touchpoint) {
  for (const el of findingsList.querySelectorAll("[aria-current]")) el.removeAttribute("aria-current");
  button.setAttribute("aria-current", "true");
  state.highlighted = touchpoint;
  if (touchpoint) editor.select(touchpoint);
  canvas.highlight(touchpoint ? touchpointElement(touchpoint) : null);
}

// ---------------------------------------------------------------------------
// Editing

const undoButton = /** @type {HTMLButtonElement} */ ($("undo"));

const editor = createEditor({
  form: /** @type {HTMLFormElement} */ ($("editor")),
  map: () => state.map,
  commit(touchpoint) {
    const map = state.map;
    if (!map) return null;
    const before = map.toJSONString();
    try {
      map.updateTouchpoint(touchpoint);
    } catch (e) {
      if (e instanceof JourneyMapError) return e; // refused: the map is as it was
      throw e;
    }
    if (map.toJSONString() !== before) {
      state.history.push(before);
      if (state.history.length > 100) state.history.shift();
      undoButton.disabled = false;
      changed();
      editor.refreshNames();
    }
    return null;
  },
  onSelect(id) {
    state.highlighted = id;
    for (const el of findingsList.querySelectorAll("[aria-current]")) el.removeAttribute("aria-current");
    canvas.highlight(touchpointElement(id));
  },
});

undoButton.addEventListener("click", () => {
  const previous = state.history.pop();
  if (previous === undefined || !state.map) return;
  state.map.free();
  state.map = JourneyMap.fromJSON(previous);
  undoButton.disabled = state.history.length === 0;
  changed();
  editor.reload();
});

/** Redraws what depends on the map after a change. */
function changed() {
  drawCanvas();
  drawFindings();
}

// ---------------------------------------------------------------------------
// Opening maps

/**
 * @param {string} text the map's JSON
 * @param {{example?: boolean}} [options]
 */
function openMap(text, { example = false } = {}) {
  let map;
  try {
    map = JourneyMap.fromJSON(text);
  } catch (e) {
    showBanner(e);
    return false;
  }
  showBanner(null);
  state.map?.free();
  Object.assign(state, { map, example, report: null, history: [], highlighted: null });
  undoButton.disabled = true;
  document.title = `${map.name} · Journey map workbench`;
  analysis.reset();
  $("example-events").hidden = !example;
  for (const button of document.querySelectorAll("[data-export]")) {
    /** @type {HTMLButtonElement} */ (button).disabled = button.getAttribute("data-export") === "report";
  }
  canvas.fit();
  changed();
  editor.reload();
  return true;
}

/** @param {File} file */
async function openMapFile(file) {
  openMap(await file.text());
}

$("open-map").addEventListener("change", (event) => {
  const input = /** @type {HTMLInputElement} */ (event.target);
  const file = input.files?.[0];
  input.value = "";
  if (file) openMapFile(file);
});

$("load-example").addEventListener("click", async () => {
  try {
    const response = await fetch(exampleMapUrl);
    if (!response.ok) throw new Error(`Could not load the example (${response.status}).`);
    openMap(await response.text(), { example: true });
  } catch (e) {
    showBanner(e);
  }
});

// ---------------------------------------------------------------------------
// Event analysis

const analysis = createAnalysis({
  onReport(report) {
    state.report = report;
    /** @type {HTMLButtonElement} */ (document.querySelector('[data-export="report"]')).disabled = false;
    drawCanvas();
  },
});

/**
 * @param {Blob} file
 * @param {string} name
 */
function analyse(file, name) {
  if (!state.map) {
    showBanner(new Error("Open a journey map first: the event log is read against its touchpoints."));
    return;
  }
  showBanner(null);
  const scoreScale = /** @type {HTMLSelectElement} */ ($("score-scale")).value;
  const skip = /** @type {HTMLInputElement} */ ($("skip-bad-rows")).checked;
  analysis.run(file, name, state.map.toJSONString(), {
    scoreScale: /** @type {any} */ (scoreScale),
    onBadRow: skip ? "skip" : "fail",
  });
}

$("open-events").addEventListener("change", (event) => {
  const input = /** @type {HTMLInputElement} */ (event.target);
  const file = input.files?.[0];
  input.value = "";
  if (file) analyse(file, file.name);
});

$("example-events").addEventListener("click", async () => {
  try {
    const response = await fetch(exampleEventsUrl);
    if (!response.ok) throw new Error(`Could not load the example events (${response.status}).`);
    analyse(await response.blob(), "coffee-maker-events.csv");
  } catch (e) {
    showBanner(e);
  }
});

$("show-overlay").addEventListener("change", (event) => {
  state.overlay = /** @type {HTMLInputElement} */ (event.target).checked;
  drawCanvas();
});

// ---------------------------------------------------------------------------
// Drag and drop, anywhere on the page: a .json file opens as the map,
// anything else is analysed as an event log.

const overlay = $("drop-overlay");
const hasFiles = (/** @type {DragEvent} */ event) => event.dataTransfer?.types.includes("Files") ?? false;
let dragDepth = 0;
window.addEventListener("dragenter", (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  dragDepth++;
  overlay.hidden = false;
});
window.addEventListener("dragleave", () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) overlay.hidden = true;
});
window.addEventListener("dragover", (event) => {
  if (hasFiles(event)) event.preventDefault();
});
window.addEventListener("drop", (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  dragDepth = 0;
  overlay.hidden = true;
  const file = event.dataTransfer?.files[0];
  if (!file) return;
  if (/\.json$/i.test(file.name)) openMapFile(file);
  else analyse(file, file.name);
});

// ---------------------------------------------------------------------------
// Exports

/** A file name from the map's name. */
function baseName() {
  const slug = (state.map?.name ?? "")
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-")
    .slice(0, 60);
  return slug || "journey-map";
}

/**
 * Saves text as a file (the browser's download).
 * @param {string} name
 * @param {string} type
 * @param {string} text
 */
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const exporters = {
  json: () => [`${baseName()}.json`, "application/json", `${state.map?.toJSONString(2)}\n`],
  svg: () => [`${baseName()}.svg`, "image/svg+xml", state.svg],
  mermaid: () => [`${baseName()}.mmd`, "text/plain", state.map?.toMermaid() ?? ""],
  report: () => [`${baseName()}-report.json`, "application/json", `${JSON.stringify(state.report, null, 2)}\n`],
};

for (const button of document.querySelectorAll("[data-export]")) {
  button.addEventListener("click", () => {
    if (!state.map) return;
    const kind = /** @type {keyof typeof exporters} */ (button.getAttribute("data-export"));
    if (kind === "report" && !state.report) return;
    download(...exporters[kind]());
  });
}
