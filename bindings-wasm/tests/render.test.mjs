// Rendering: SVG (well-formed, safe, every text escaped), Mermaid (round trip
// through JourneyMap.fromMermaid), DOT, CSV, and bad input to each.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { SaxesParser } from "saxes";

import { JourneyMap, JourneyMapError } from "../index.js";
import { COFFEE_MAKER, EXAMPLES_DIR, RENDER_FIXTURES_DIR, jsonFiles, readText, shopDocument } from "./helpers.mjs";

const HOSTILE = join(RENDER_FIXTURES_DIR, "hostile.json");
const skipHostile = existsSync(HOSTILE) ? false : "tests/fixtures/render/hostile.json absent";

/** Parses XML strictly (saxes refuses anything not well-formed): elements with attributes and text. */
function parseXml(text) {
  const elements = [];
  const stack = [];
  const parser = new SaxesParser({ xmlns: true });
  let error = null;
  parser.on("error", (e) => {
    error ??= e;
  });
  parser.on("opentag", (node) => {
    const el = { name: node.local, uri: node.uri, attributes: Object.fromEntries(Object.values(node.attributes).map((a) => [a.name, a.value])), text: "" };
    elements.push(el);
    stack.push(el);
  });
  parser.on("closetag", () => stack.pop());
  parser.on("text", (t) => {
    for (const el of stack) el.text += t;
  });
  parser.write(text).close();
  if (error) throw error;
  return elements;
}

/**
 * Whether the canvas text shows `name`: lines wrap at whitespace (Unicode's,
 * NEL included), so whitespace does not count, and characters XML cannot
 * carry are shown as U+FFFD.
 */
const shows = (text, name) =>
  text.replace(/[\s\u0085]+/g, "").includes(name.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd").replace(/[\s\u0085]+/g, ""));

/** The structural safety properties of the canvas (as the Rust suite checks them). */
function assertSafeSvg(svg) {
  assert.ok(svg.startsWith("<?xml"), "starts with the XML declaration");
  const elements = parseXml(svg);
  const root = elements[0];
  assert.equal(root.name, "svg");
  assert.equal(root.uri, "http://www.w3.org/2000/svg");
  for (const key of ["viewBox", "width", "height"]) assert.ok(root.attributes[key], key);
  for (const el of elements) {
    assert.ok(!["script", "foreignobject", "image", "use", "a", "iframe", "style"].includes(el.name.toLowerCase()), `<${el.name}>`);
    for (const [name, value] of Object.entries(el.attributes)) {
      assert.ok(!name.toLowerCase().startsWith("on"), `event handler ${name}`);
      assert.ok(!/href$/i.test(name), `link ${name}`);
      assert.ok(!value.includes("url(") && !value.includes("javascript:"), `${name}=${value}`);
    }
  }
  const lower = svg.toLowerCase();
  assert.ok(!lower.includes("<script") && !lower.includes("<foreignobject"));
  return elements;
}

describe("SVG", () => {
  test("the example map renders well-formed, with every stage and touchpoint name", () => {
    const map = JourneyMap.fromJSON(readText(COFFEE_MAKER));
    const svg = map.toSVG();
    const elements = assertSafeSvg(svg);
    const text = elements[0].text;
    for (const s of map.stages) assert.ok(shows(text, s.name), s.name);
    for (const t of map.touchpoints) assert.ok(shows(text, t.name), t.name);
    assert.ok(shows(text, map.name));
    assert.equal(map.toSVG(), svg, "deterministic");
    assert.equal(map.toSVG({}), svg);
  });

  test("hostile text is escaped and comes back as text", { skip: skipHostile }, () => {
    const map = JourneyMap.fromJSON(readText(HOSTILE));
    const renders = [map.toSVG(), ...map.personas.map((p) => map.toSVG({ persona: p.id })), map.toSVG({ title: map.stages[0].name })];
    for (const svg of renders) {
      const text = assertSafeSvg(svg)[0].text;
      assert.ok(!svg.includes("<script>alert(1)</script>"));
      assert.ok(!svg.includes("<b>bold</b>"));
      for (const s of map.stages) assert.ok(shows(text, s.name), `stage ${JSON.stringify(s.name)}`);
    }
    const whole = assertSafeSvg(renders[0])[0].text;
    for (const t of map.touchpoints) assert.ok(shows(whole, t.name), `touchpoint ${JSON.stringify(t.name)}`);
    // Markup in names is text: the persona named with a script tag is shown as such.
    const scripted = map.personas.find((p) => p.name.includes("<script>"));
    if (scripted) assert.ok(shows(assertSafeSvg(map.toSVG({ persona: scripted.id }))[0].text, scripted.name));
  });

  test("options: persona, title, lanes, legend, widths", () => {
    const map = JourneyMap.fromObject(shopDocument());
    const text = (o) => assertSafeSvg(map.toSVG(o))[0].text;
    assert.ok(text({ persona: "p-regular" }).includes("Regular"));
    assert.ok(text({ title: "Q3 review <draft>" }).includes("Q3 review <draft>"));
    const emotionsOnly = text({ lanes: ["emotions"] });
    assert.ok(emotionsOnly.includes("Emotions") && !emotionsOnly.includes("Owners"));
    assert.ok(text({ lanes: ["owners", "touchpoints"] }).includes("Owners"));
    assert.notEqual(map.toSVG({ legend: false }), map.toSVG());
    const width = (o) => Number(parseXml(map.toSVG(o))[0].attributes.width);
    // The canvas grows to about the minimum width (the core rounds column widths).
    assert.ok(width({ minWidth: 3000 }) > width({}) + 1900);
    assert.ok(width({ columnWidth: 600, minWidth: 0 }) > width({ columnWidth: 120, minWidth: 0 }));
    // Hints outside the core's range are clamped, not refused.
    assert.equal(map.toSVG({ columnWidth: 0 }), map.toSVG({ columnWidth: 120 }));
  });

  test("bad options", () => {
    const map = JourneyMap.fromObject(shopDocument());
    const fails = (o, code, path) =>
      assert.throws(() => map.toSVG(o), (e) => e instanceof JourneyMapError && e.code === code && e.path === path, JSON.stringify(o));
    assert.throws(() => map.toSVG({ persona: "nobody" }), (e) => e.code === "NOT_FOUND" && e.id === "nobody");
    fails({ lanes: ["emotions", "moods"] }, "INVALID_VALUE", "/lanes/1");
    fails({ lanes: "emotions" }, "INVALID_ARGUMENT", undefined);
    fails({ lanes: [1] }, "INVALID_ARGUMENT", undefined);
    fails({ persona: 7 }, "INVALID_ARGUMENT", undefined);
    fails({ title: null }, "INVALID_ARGUMENT", undefined);
    fails({ legend: "no" }, "INVALID_ARGUMENT", undefined);
    fails({ columnWidth: -1 }, "INVALID_ARGUMENT", undefined);
    fails({ minWidth: 1.5 }, "INVALID_ARGUMENT", undefined);
    fails({ minWidth: NaN }, "INVALID_ARGUMENT", undefined);
    fails({ column_width: 200 }, "INVALID_ARGUMENT", undefined);
    fails("persona", "INVALID_ARGUMENT", undefined);
    fails(new Map(), "INVALID_ARGUMENT", undefined);
  });
});

describe("SVG with a report", () => {
  const coffee = () => JourneyMap.fromJSON(readText(COFFEE_MAKER));
  const coffeeReport = (map) => map.analyze(readText(join(EXAMPLES_DIR, "coffee-maker-events.csv")), { scoreScale: "one_to_five" });

  test("the report analyze returns is overlaid: funnel, figures, observed scores", () => {
    const map = coffee();
    const report = coffeeReport(map);
    const svg = map.toSVG({ report });
    const elements = assertSafeSvg(svg);
    const text = elements[0].text;
    for (const stage of report.funnel.stages) assert.ok(shows(text, `${stage.customers.toLocaleString("en-US")} reached`), stage.stage);
    assert.ok(shows(text, "Report:"));
    const markers = elements.filter((e) => e.attributes.class === "observed-score").length;
    assert.equal(markers, report.touchpoints.filter((t) => t.score.mean !== null && t.score.mean !== undefined).length);
    assert.ok(markers > 0);
    // Deterministic, and the same picture from the report's JSON text read back.
    assert.equal(map.toSVG({ report }), svg);
    assert.equal(map.toSVG({ report: JSON.parse(JSON.stringify(report)) }), svg);
    // Absent or null: the plain canvas.
    assert.equal(map.toSVG({ report: null }), map.toSVG());
    assert.ok(!map.toSVG().includes("observed-score"));
  });

  test("a report of another map is drawn without figures, and said so", () => {
    const report = coffeeReport(coffee());
    const shop = JourneyMap.fromObject(shopDocument());
    const svg = shop.toSVG({ report });
    const text = assertSafeSvg(svg)[0].text;
    assert.ok(shows(text, "shares no touchpoint with this map"));
    assert.ok(!svg.includes("observed-score"));
  });

  test("hostile text in a report is escaped", { skip: skipHostile }, () => {
    const map = JourneyMap.fromJSON(readText(HOSTILE));
    const report = coffeeReport(coffee());
    report.map = "<script>alert(1)</script>]]>&amp;";
    const svg = map.toSVG({ report });
    const text = assertSafeSvg(svg)[0].text;
    assert.ok(!svg.includes("<script>alert(1)</script>"));
    assert.ok(shows(text, report.map));
  });

  test("bad reports: located errors under /report, wrong types refused", () => {
    const map = coffee();
    const report = coffeeReport(map);
    const broken = structuredClone(report);
    broken.touchpoints[2].reach = "lots";
    assert.throws(
      () => map.toSVG({ report: broken }),
      (e) => e instanceof JourneyMapError && e.code === "JSON_TYPE" && e.path === "/report/touchpoints/2/reach" && e.line === undefined && !e.message.includes("line "),
    );
    const missing = structuredClone(report);
    delete missing.funnel;
    assert.throws(() => map.toSVG({ report: missing }), (e) => e.code === "MISSING_FIELD" && e.path === "/report/funnel");
    for (const bad of ["{}", 7, [report], new Map()]) {
      assert.throws(() => map.toSVG({ report: bad }), (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT", String(bad));
    }
    // The other options keep their own errors.
    assert.throws(() => map.toSVG({ report, persona: "nobody" }), (e) => e.code === "NOT_FOUND" && e.path !== "/report");
    assert.throws(() => map.toSVG({ report, lanes: ["moods"] }), (e) => e.code === "INVALID_VALUE" && e.path === "/lanes/0");
  });
});

/** Control characters other than tab and line breaks, which Mermaid text shows as U+FFFD. */
const shown = (text) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "\ufffd");

/** What a journey diagram carries of a map: stages with their tasks' names, scores and actors. */
function outline(map) {
  const personas = new Map(map.personas.map((p) => [p.id, p.name]));
  return map.stages.map((s) => [
    s.name,
    map.touchpointsInStage(s.id).map((t) => [
      shown(t.name),
      t.emotion?.score ?? 0,
      (t.personas?.length ? t.personas.map((id) => personas.get(id)) : [...personas.values()]).sort(),
    ]),
  ]);
}

describe("Mermaid", () => {
  const samples = [
    ...jsonFiles(EXAMPLES_DIR).map((f) => join(EXAMPLES_DIR, f)),
    ...jsonFiles(RENDER_FIXTURES_DIR).map((f) => join(RENDER_FIXTURES_DIR, f)),
  ];

  test("the journey diagram reads back into the same stages, tasks, scores and actors", () => {
    assert.ok(samples.length >= 3);
    for (const file of samples) {
      const map = JourneyMap.fromJSON(readText(file));
      const text = map.toMermaid();
      assert.ok(text.startsWith("journey\n") && text.endsWith("\n"), file);
      const back = JourneyMap.fromMermaid(text);
      assert.deepEqual(outline(back), outline(map), file);
      assert.equal(shown(back.name), shown(map.name), file);
      // Tasks are chained in order; a second round changes nothing.
      assert.equal(back.transitions.length, Math.max(0, back.touchpoints.length - 1), file);
      assert.equal(JourneyMap.fromMermaid(back.toMermaid()).toMermaid(), back.toMermaid(), file);
      // The same text as bytes.
      assert.deepEqual(JourneyMap.fromMermaid(new TextEncoder().encode(text)).toJSON(), back.toJSON(), file);
    }
  });

  test("a hand-written diagram", () => {
    const map = JourneyMap.fromMermaid("journey\n  title My working day\n  section Go to work\n    Make tea: 5: Me\n    Go upstairs: 3: Me\n  section Go home\n    Sit down: 1: Me, Cat\n");
    assert.equal(map.name, "My working day");
    assert.deepEqual(map.stages.map((s) => s.id), ["go-to-work", "go-home"]);
    assert.deepEqual(map.touchpoints.map((t) => [t.id, t.emotion.score]), [["make-tea", 2], ["go-upstairs", 0], ["sit-down", -2]]);
    assert.deepEqual(map.personas.map((p) => p.name), ["Me", "Cat"]);
    assert.deepEqual(map.successors("make-tea").map((t) => t.id), ["go-upstairs"]);
  });

  test("the flowchart names every touchpoint by a generated node id", () => {
    const map = JourneyMap.fromObject(shopDocument());
    const text = map.toMermaidFlowchart();
    assert.match(text, /^---\ntitle: "Tiny shop"\n---\nflowchart LR\n/);
    for (let i = 0; i < map.touchpoints.length; i++) assert.ok(text.includes(`tp${i}[`) || text.includes(`tp${i}(`), `tp${i}`);
    assert.equal((text.match(/ -\.?->/g) ?? []).length, map.transitions.length);
  });

  test("malformed diagrams: MERMAID_SYNTAX with line and column", () => {
    const cases = [
      ["journey\n  Make tea: 5: Me\n", 2, 3],
      ["flowchart LR\n  a --> b\n", 1, 1],
      ["journey\n  section A\n    Task: 6: Me\n", 3, null],
      ["journey\n  section A\n    Task without score\n", 3, null],
      ["", 1, 1],
    ];
    for (const [text, line, column] of cases) {
      assert.throws(
        () => JourneyMap.fromMermaid(text),
        (e) => {
          assert.ok(e instanceof JourneyMapError);
          assert.equal(e.code, "MERMAID_SYNTAX", JSON.stringify(text));
          assert.equal(e.line, line, JSON.stringify(text));
          assert.equal(typeof e.column, "number");
          if (column !== null) assert.equal(e.column, column, JSON.stringify(text));
          assert.equal(e.path, undefined);
          assert.match(e.message, new RegExp(`line ${line}, column ${e.column}`));
          return true;
        },
      );
    }
  });

  test("bad input to fromMermaid", () => {
    for (const bad of [undefined, null, 42, {}, ["journey"], new ArrayBuffer(4)]) {
      assert.throws(() => JourneyMap.fromMermaid(bad), (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT");
    }
    assert.throws(() => JourneyMap.fromMermaid("journey\n  title a\ud800b\n"), (e) => e.code === "MERMAID_SYNTAX" && e.line === 2 && e.column === 10);
    assert.throws(() => JourneyMap.fromMermaid(Uint8Array.of(0x6a, 0xff)), (e) => e.code === "MERMAID_SYNTAX");
    assert.throws(() => JourneyMap.fromMermaid("journey\n" + " ".repeat(64 << 20)), (e) => e.code === "LIMIT_EXCEEDED");
  });
});

/** RFC 4180 CSV rows. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || (c === "\r" && text[i + 1] === "\n")) {
      if (c === "\r") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  assert.ok(!quoted, "unterminated quote");
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe("DOT and CSV", () => {
  test("DOT: one digraph, one edge per transition", () => {
    const map = JourneyMap.fromObject(shopDocument());
    const dot = map.toDOT();
    assert.ok(dot.startsWith('digraph "journey" {\n') && dot.endsWith("}\n"));
    const edges = dot.split("\n").filter((l) => l.includes(" -> ") && !l.includes("style=invis"));
    assert.equal(edges.length, map.transitions.length);
    assert.equal(map.clone().toDOT(), dot);
  });

  test("CSV: a header and one row per touchpoint; formulas neutralised unless raw", { skip: skipHostile }, () => {
    const map = JourneyMap.fromJSON(readText(HOSTILE));
    for (const raw of [false, true]) {
      const rows = parseCsv(map.toCSV({ raw }));
      const [header, ...body] = rows;
      // Touchpoints by stage in journey order, then in document order.
      const touchpoints = map.stages.flatMap((s) => map.touchpointsInStage(s.id));
      assert.equal(body.length, touchpoints.length);
      const id = header.indexOf("touchpoint_id");
      const name = header.indexOf("touchpoint_name");
      assert.deepEqual(body.map((r) => r[id]), touchpoints.map((t) => t.id));
      for (const [i, r] of body.entries()) {
        assert.equal(r.length, header.length);
        const want = touchpoints[i].name;
        assert.equal(r[name], raw || !/^[=+\-@\t\r＝＋－＠]/.test(want) ? want : `'${want}`);
      }
      const labels = body.map((r) => r[header.indexOf("emotion_label")]);
      assert.ok(labels.includes(raw ? "=SUM(A1:A9)" : "'=SUM(A1:A9)"), labels.join(" | "));
    }
    assert.equal(map.toCSV(), map.toCSV({ raw: false }));
    assert.equal(map.toCSV({}), map.toCSV({ raw: undefined }));
  });

  test("bad CSV options", () => {
    const map = JourneyMap.fromObject(shopDocument());
    for (const bad of [{ raw: 1 }, { raw: "yes" }, { neutralise: false }, "raw", [true]]) {
      assert.throws(() => map.toCSV(bad), (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT", JSON.stringify(bad));
    }
  });

  test("a freed map renders nothing", () => {
    const map = JourneyMap.fromObject(shopDocument());
    map.free();
    for (const fn of [() => map.toSVG(), () => map.toMermaid(), () => map.toMermaidFlowchart(), () => map.toDOT(), () => map.toCSV()]) {
      assert.throws(fn, (e) => e.code === "FREED");
    }
  });
});
