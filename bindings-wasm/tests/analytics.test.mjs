// Analytics: the shared vectors (tests/fixtures/events against
// tests/expected/analytics, asserted as core/tests/analytics_fixtures.rs
// does) through every input form (CSV and JSON Lines text and bytes, arrays
// of event objects with numbers, strings and Dates), the options, and bad
// input of every kind.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { RawJourneyMap } from "../pkg/journeymap.js";

import { JourneyMap, JourneyMapError, analyze, reportSchema } from "../index.js";
import { ANALYTICS_EXPECTED_DIR, EVENTS_DIR, REPO_DIR, REPORT_SCHEMA_PATH, jsonFiles, readJson, readText, subsetDifferences } from "./helpers.mjs";

// 2026-03-01T09:00:00Z in epoch milliseconds: integer timestamps without a
// stated unit are read as milliseconds only between 1980 and 2099.
const T0 = 1_772_355_600_000;

const present = existsSync(ANALYTICS_EXPECTED_DIR) && existsSync(join(EVENTS_DIR, "shop.json"));
const specs = present ? jsonFiles(ANALYTICS_EXPECTED_DIR).map((f) => [f, readJson(join(ANALYTICS_EXPECTED_DIR, f))]) : [];
const shopMap = () => JourneyMap.fromJSON(readText(join(EVENTS_DIR, "shop.json")));

/** `analyze` options for report options in the core's form (the vectors' `options`). */
function jsOptions(core) {
  const names = {
    conversion_window_ms: "conversionWindow",
    lookback_window_ms: "lookbackWindow",
    half_life_ms: "halfLife",
    top_k: "topK",
    conversions: "conversions",
    position_weights: "positionWeights",
    collapse_repeats: "collapseRepeats",
    include_customers: "includeCustomers",
  };
  const out = {};
  for (const [key, value] of Object.entries(core ?? {})) {
    if (key === "score_scale") out.scoreScale = typeof value === "string" ? value : { min: value.range.min, max: value.range.max };
    else {
      assert.ok(key in names, `option ${key} has no JS name in this test`);
      out[names[key]] = value;
    }
  }
  return out;
}

/** A report whose skipped-row examples have no line (as an array's have none). */
function withoutLines(report) {
  const copy = structuredClone(report);
  for (const example of copy.ingest.examples) delete example.line;
  return copy;
}

/** The objects of a JSON Lines text (blank lines are not rows). */
const jsonLines = (text) => text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));

/** CSV text (no quoted cells in the fixtures) as event objects; empty cells are absent. */
function csvObjects(text) {
  const [header, ...rows] = text.split("\n").filter((l) => l !== "").map((l) => l.split(","));
  return rows.map((cells) => Object.fromEntries(cells.map((c, i) => [header[i], c]).filter(([, c]) => c !== "")));
}

/** Events whose customer key is `user` instead of `customer_id`. */
const renamed = (events) => events.map(({ customer_id: user, ...rest }) => ({ user, ...rest }));

/** Every way the same log can be given, with the options it needs. */
function inputForms(path) {
  const text = readText(path);
  if (path.endsWith(".csv")) {
    const objects = csvObjects(text);
    return [
      ["CSV text", text, {}],
      ["CSV bytes", readFileSync(path), {}],
      ["CSV as TSV", text.replaceAll(",", "\t"), { inputFormat: "tsv" }],
      ["CSV with ;", text.replaceAll(",", ";"), { delimiter: ";" }],
      ["CSV rows as objects", objects, {}],
    ];
  }
  const objects = jsonLines(text);
  return [
    ["JSON Lines text", text, { inputFormat: "jsonl" }],
    ["JSON Lines bytes", readFileSync(path), { inputFormat: "jsonl" }],
    ["objects with fields", renamed(objects), { fields: { customer: "user" } }],
    ["objects", objects, {}],
    ["objects with Dates", objects.map((e) => (typeof e.timestamp === "string" ? { ...e, timestamp: new Date(e.timestamp) } : e)), {}],
  ];
}

describe("shared analytics vectors", { skip: present ? false : "tests/expected/analytics or tests/fixtures/events absent" }, () => {
  test("report vectors and bad-row vectors are there", () => {
    assert.ok(specs.filter(([, s]) => Array.isArray(s.logs)).length >= 3);
    assert.ok(specs.filter(([, s]) => typeof s.bad_rows_log === "string").length >= 3);
  });

  for (const [file, spec] of specs.filter(([, s]) => Array.isArray(s.logs))) {
    for (const log of spec.logs) {
      test(`${file}: ${log}`, () => {
        const map = JourneyMap.fromJSON(readText(join(REPO_DIR, spec.map)));
        const options = jsOptions(spec.options);
        for (const [form, events, extra] of inputForms(join(REPO_DIR, log))) {
          const report = analyze(map, events, { ...options, ...extra });
          assert.deepEqual(subsetDifferences(spec.report, report), [], `${form}`);
          assert.deepEqual(map.analyze(events, { ...options, ...extra }), report, `${form}: map.analyze is analyze`);
        }
      });
    }
  }

  for (const [file, spec] of specs.filter(([, s]) => typeof s.bad_rows_log === "string")) {
    test(`${file}: ${spec.bad_rows_log}`, () => {
      const map = JourneyMap.fromJSON(readText(join(REPO_DIR, spec.map)));
      const path = join(REPO_DIR, spec.bad_rows_log);
      const text = readText(path);
      const format = path.endsWith(".jsonl") ? { inputFormat: "jsonl" } : {};
      const expectError = (e, want) => {
        assert.ok(e instanceof JourneyMapError, String(e));
        assert.equal(e.code, want.code);
        if (want.row?.row !== undefined) assert.equal(e.row, want.row.row);
        if (want.row?.line !== undefined) assert.equal(e.line, want.row.line);
        assert.equal(e.field, want.row?.column);
        assert.deepEqual(e.errors, [{ ...e.errors[0], code: want.code }]);
        assert.match(e.message, /row \d+/);
        return true;
      };
      // Policy fail (the default): the first bad row, located.
      for (const events of [text, readFileSync(path)]) {
        assert.throws(() => analyze(map, events, format), (e) => expectError(e, spec.fail));
        assert.throws(() => analyze(map, events, { ...format, onBadRow: "fail" }), (e) => expectError(e, spec.fail));
      }
      // Policy skip: counted by code, or refused when the whole input is bad.
      if (spec.skip.error) {
        assert.throws(() => analyze(map, text, { ...format, onBadRow: "skip" }), (e) => expectError(e, spec.skip.error));
      } else {
        const report = analyze(map, text, { ...format, onBadRow: "skip" });
        assert.deepEqual(subsetDifferences(spec.skip, report), []);
      }
    });
  }
});

describe("bad rows in an array of events", { skip: present ? false : "fixtures absent" }, () => {
  const badJsonl = join(EVENTS_DIR, "bad.jsonl");
  const skip = existsSync(badJsonl) ? false : "bad.jsonl absent";

  test("located by index and field; skipped and counted like the JSON Lines", { skip }, () => {
    const map = shopMap();
    // Each non-blank line as an event; a line that is not JSON as the string it is.
    const events = readText(badJsonl)
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => {
        try {
          return JSON.parse(l);
        } catch {
          return l;
        }
      });
    const fields = { fields: { customer: "customer_id" } };
    assert.throws(
      () => analyze(map, events, fields),
      (e) => {
        assert.equal(e.code, "BAD_TIMESTAMP");
        assert.equal(e.row, 2);
        assert.equal(e.field, "timestamp");
        assert.equal(e.path, "/1/timestamp");
        assert.equal(e.line, undefined);
        assert.match(e.message, /^event 1 \(row 2\), field `timestamp`: /);
        return true;
      },
    );
    const text = analyze(map, readText(badJsonl), { inputFormat: "jsonl", onBadRow: "skip" });
    const array = analyze(map, events, { ...fields, onBadRow: "skip" });
    assert.deepEqual(array.ingest.skipped, text.ingest.skipped);
    assert.deepEqual(array.ingest.examples.map((x) => [x.code, x.row, x.column]), text.ingest.examples.map((x) => [x.code, x.row, x.column]));
    assert.deepEqual(array.totals, text.totals);
  });

  test("each reason, one event at a time", () => {
    const map = shopMap();
    const cases = [
      [{ customer_id: "c", timestamp: "yesterday", touchpoint: "ad" }, "BAD_TIMESTAMP", "timestamp"],
      [{ customer_id: "c", timestamp: new Date(Number.NaN), touchpoint: "ad" }, "BAD_TIMESTAMP", "timestamp"],
      [{ customer_id: "c", timestamp: T0 + 1.5, touchpoint: "ad" }, "BAD_TIMESTAMP", "timestamp"],
      [{ customer_id: "c", touchpoint: "ad" }, "MISSING_FIELD", "timestamp"],
      [{ customer_id: "c", timestamp: T0 + 0, touchpoint: "nowhere" }, "UNKNOWN_TOUCHPOINT", "touchpoint"],
      [{ customer_id: "", timestamp: T0 + 0, touchpoint: "ad" }, "EMPTY_CUSTOMER", "customer_id"],
      [{ customer_id: { id: 1 }, timestamp: T0 + 0, touchpoint: "ad" }, "BAD_TYPE", "customer_id"],
      [{ customer_id: "c", timestamp: T0 + 0 }, "MISSING_EVENT", "event"],
      [{ customer_id: "c", timestamp: T0 + 0, touchpoint: "ad", value: "12x" }, "BAD_NUMBER", "value"],
      [{ customer_id: "c", timestamp: T0 + 0, touchpoint: "ad", value: 1e16 }, "BAD_NUMBER", "value"],
      [[1, 2], "BAD_JSON", undefined],
      ["c,0,ad", "BAD_JSON", undefined],
      [null, "BAD_JSON", undefined],
    ];
    for (const [bad, code, field] of cases) {
      const events = [{ customer_id: "ok", timestamp: T0 + 0, touchpoint: "ad" }, bad];
      assert.throws(
        () => analyze(map, events),
        (e) => {
          assert.ok(e instanceof JourneyMapError, String(e));
          assert.equal(e.code, code, `${JSON.stringify(bad)}: ${e.message}`);
          assert.equal(e.row, 2);
          assert.equal(e.field, field);
          assert.equal(e.path, field === undefined ? "/1" : `/1/${field}`);
          return true;
        },
      );
      const report = analyze(map, events, { onBadRow: "skip" });
      assert.deepEqual(report.ingest.skipped, { [code]: 1 }, JSON.stringify(bad));
      assert.equal(report.totals.events, 1);
    }
  });

  test("values JSON cannot hold are refused with their path, whatever the policy", () => {
    const map = shopMap();
    const cases = [
      [{ customer_id: "c", timestamp: T0 + 0, touchpoint: "ad", value: Number.NaN }, "/1/value"],
      [{ customer_id: "c", timestamp: T0 + 0, touchpoint: "ad", score: Infinity }, "/1/score"],
      [{ customer_id: "c", timestamp: 10n, touchpoint: "ad" }, "/1/timestamp"],
      [{ customer_id: "c", timestamp: T0 + 0, touchpoint: () => "ad" }, "/1/touchpoint"],
      [{ customer_id: "c", timestamp: T0 + 0, attributes: new Map([["path", "/"]]), event: "x" }, "/1/attributes"],
      [{ customer_id: "c\ud800", timestamp: T0 + 0, touchpoint: "ad" }, "/1/customer_id"],
      [undefined, "/1"],
    ];
    for (const [bad, path] of cases) {
      for (const onBadRow of ["fail", "skip"]) {
        assert.throws(
          () => analyze(map, [{ customer_id: "ok", timestamp: T0 + 0, touchpoint: "ad" }, bad], { onBadRow }),
          (e) => e instanceof JourneyMapError && e.code === "JSON_TYPE" && e.path === path && e.row === 2,
          `${path} ${onBadRow}`,
        );
      }
    }
    const holes = [{ customer_id: "ok", timestamp: T0 + 0, touchpoint: "ad" }, , { customer_id: "ok", timestamp: T0 + 1, touchpoint: "ad" }]; // eslint-disable-line no-sparse-arrays
    assert.throws(() => analyze(map, holes), (e) => e.code === "JSON_TYPE" && e.path === "/1");
  });
});

describe("plain event objects", { skip: present ? false : "fixtures absent" }, () => {
  /** Calls of the module's records entry while `run` runs. */
  function recordCalls(run) {
    const original = RawJourneyMap.prototype.analyzeRecords;
    let calls = 0;
    RawJourneyMap.prototype.analyzeRecords = function (...args) {
      calls += 1;
      return original.apply(this, args);
    };
    try {
      return [run(), calls];
    } finally {
      RawJourneyMap.prototype.analyzeRecords = original;
    }
  }

  /** The outcome of `analyze`: the report, or what locates its error. */
  function outcome(run) {
    try {
      return { report: run() };
    } catch (e) {
      assert.ok(e instanceof JourneyMapError, String(e));
      const { code, message, row, field, path, line, errors } = e;
      return { code, message, row, field, path, line, errors };
    }
  }

  /** The same events as objects without a prototype: not plain, so read as JSON Lines. */
  const asJsonLines = (events) => events.map((e) => Object.assign(Object.create(null), e));

  const ok = { customer_id: "ok", timestamp: T0 + 0, touchpoint: "ad" };
  const cases = {
    "whole numbers as JSON writes them": [
      ok,
      { customer_id: 5, timestamp: T0 + 1772355600000, touchpoint: "ad", value: 5 },
      { customer_id: -3, timestamp: 9e15, touchpoint: "ad", value: -0 },
      { customer_id: 2 ** 63, timestamp: T0 + 1, touchpoint: "ad", score: 1e-7 },
      { customer_id: -(2 ** 63), timestamp: T0 + 2, touchpoint: "ad", path: 1e21 },
      { customer_id: 2 ** 64, timestamp: T0 + 3, touchpoint: "ad" },
      { customer_id: -(2 ** 64), timestamp: T0 + 4, touchpoint: "ad" },
      { customer_id: 12.5, timestamp: T0 + 5, touchpoint: "ad" },
      { customer_id: "c", timestamp: T0 + 1772355600000.5, touchpoint: "ad" },
      { customer_id: "c", timestamp: -0, event: 7, channel: 2 ** 53 + 2 },
    ],
    "strings beyond ASCII, in keys and values": [
      ok,
      { customer_id: "café ☕", timestamp: "2026-03-01T09:00:00Z", event: "page_view", path: "/" },
      { customer_id: "😀", timestamp: T0 + 5, event: "page_view", "pâge": "/ü", path: "/product/😀" },
      { customer_id: "日本", timestamp: T0 + 6, touchpoint: "ad", segment: "ß", value: "12.5" },
      { customer_id: "", timestamp: T0 + 7, touchpoint: "ad" },
    ],
    "nulls, booleans, absent values and Dates": [
      ok,
      { customer_id: "c", timestamp: new Date(Date.UTC(2026, 2, 1)), touchpoint: "ad", value: null, score: undefined },
      { customer_id: "c", timestamp: T0 + 1, event: "page_view", path: true, attributes: null },
      { customer_id: "c", timestamp: T0 + 2, event: false },
      { customer_id: "c", timestamp: new Date(Number.NaN), touchpoint: "ad" },
      { customer_id: null, timestamp: T0 + 3, touchpoint: "ad" },
      {},
    ],
    "attributes objects": [
      ok,
      { customer_id: "c", timestamp: T0 + 0, event: "page_view", attributes: { path: "/", n: 2, flag: true, when: new Date(0), none: null, gone: undefined } },
      { customer_id: "c", timestamp: T0 + 1, event: "page_view", attributes: {} },
      { customer_id: "c", timestamp: T0 + 2, event: "page_view", attributes: { path: "/" }, path: "/cart" },
      { customer_id: "c", timestamp: T0 + 3, event: "page_view", path: "/cart", attributes: { path: "/" } },
      { customer_id: "c", timestamp: T0 + 4, event: "page_view", attributes: { path: 2 ** 64 } },
    ],
    "the first bad field in key order": [
      ok,
      { customer_id: "c", timestamp: T0 + 0, value: "12x", touchpoint: "nowhere" },
      { touchpoint: "nowhere", customer_id: "c", timestamp: T0 + 0, value: "12x" },
      { customer_id: "c", timestamp: T0 + 0, event: "x", attributes: "page" },
      { customer_id: "c", timestamp: T0 + 0, touchpoint: "ad", value: true },
    ],
  };

  test("read exactly as their JSON Lines, without JSON text", () => {
    const map = shopMap();
    const fields = { fields: { customer: "customer_id" } };
    for (const [name, events] of Object.entries(cases)) {
      for (const options of [{}, { onBadRow: "skip" }, { ...fields, onBadRow: "skip" }, { includeCustomers: true, onBadRow: "skip" }]) {
        const [records, calls] = recordCalls(() => outcome(() => analyze(map, events, options)));
        assert.equal(calls, 1, `${name}: plain events go to the module as records`);
        const [lines, none] = recordCalls(() => outcome(() => analyze(map, asJsonLines(events), options)));
        assert.equal(none, 0, `${name}: objects without a prototype go as JSON Lines`);
        assert.deepEqual(records, lines, `${name} ${JSON.stringify(options)}`);
        const text = events.map((e) => JSON.stringify(e)).join("\n");
        const fromText = outcome(() => analyze(map, text, { ...options, inputFormat: "jsonl" }));
        // Text has lines; an array's skipped events say their row and field only.
        if (records.report !== undefined) assert.deepEqual(records.report, withoutLines(fromText.report), name);
        else assert.deepEqual([records.code, records.row, records.field], [fromText.code, fromText.row, fromText.field], name);
      }
    }
  });

  test("deeper objects and arrays go as JSON Lines, read the same", () => {
    const map = shopMap();
    for (const bad of [
      { customer_id: "c", timestamp: T0 + 0, event: "page_view", attributes: { path: { deep: "/" } } },
      { customer_id: "c", timestamp: T0 + 0, event: "page_view", tags: ["a"] },
      { customer_id: "c", timestamp: T0 + 0, event: "page_view", attributes: new Map() },
    ]) {
      for (const onBadRow of ["fail", "skip"]) {
        const events = [ok, bad];
        const [got, calls] = recordCalls(() => outcome(() => analyze(map, events, { onBadRow })));
        assert.equal(calls, 0, JSON.stringify(bad));
        assert.deepEqual(got, outcome(() => analyze(map, asJsonLines(events), { onBadRow })));
      }
    }
  });

  test("records that do not hold together are an error, never a crash", () => {
    const raw = RawJourneyMap.from_json(readText(join(EVENTS_DIR, "shop.json")));
    const good = {
      keys: '["customer","timestamp","touchpoint","attributes"]',
      rowEnds: [4],
      cellKeys: [0, 1, 2, 3],
      tags: [4, 3, 4, 5],
      numbers: [0, 1772355600000, 0, 0],
      text: "cad",
      units: [1, 2],
    };
    const run = (r) =>
      raw.analyzeRecords(
        r.keys,
        Uint32Array.from(r.rowEnds),
        Uint32Array.from(r.cellKeys),
        Uint8Array.from(r.tags),
        Float64Array.from(r.numbers),
        new TextEncoder().encode(r.text),
        Uint32Array.from(r.units),
        '{"fields":{"customer":"customer"}}',
        "{}",
      );
    assert.equal(JSON.parse(run(good)).totals.events, 1);
    const broken = [
      { keys: "[" },
      { keys: '["customer"]' },
      { rowEnds: [5] },
      { rowEnds: [3] },
      { rowEnds: [4, 2] },
      { cellKeys: [0, 1, 2] },
      { tags: [4, 3, 4, 9] },
      { tags: [4, 3, 4, 4] },
      { tags: [4, 3, 3, 5] },
      { numbers: [0, 0, 0, 1] },
      { numbers: [0, 0, 0, 0.5] },
      { tags: [5, 3, 4, 5], numbers: [2, 0, 0, 0] },
      { text: "ca" },
      { text: "cadx" },
      { text: "c😀d", units: [1, 1] },
      { units: [3, 2] },
      { units: [1] },
    ];
    for (const change of broken) {
      assert.throws(
        () => run({ ...good, ...change }),
        (e) => typeof e === "string" && JSON.parse(e).code === "INVALID_VALUE",
        JSON.stringify(change),
      );
    }
  });

  test("the fixtures' events, one array of many", () => {
    const map = shopMap();
    const events = renamed(jsonLines(readText(join(EVENTS_DIR, "shop.jsonl"))));
    const many = Array.from({ length: 40 }, (_, k) => events.map((e) => ({ ...e, customer_id: `${e.customer}-${k}` }))).flat();
    const [records, calls] = recordCalls(() => analyze(map, many, { includeCustomers: true }));
    assert.equal(calls, 1);
    assert.deepEqual(records, analyze(map, asJsonLines(many), { includeCustomers: true }));
    assert.equal(records.totals.events, many.length);
  });
});

describe("bad event-log text", { skip: present ? false : "fixtures absent" }, () => {
  const map = present ? shopMap() : null;
  const header = "customer_id,timestamp,touchpoint\n";

  test("malformed CSV rows, located by row and line", () => {
    const cases = [
      [`${header}c1,2026-03-01T09:00:00Z,ad\nc1,2026-03-01T09:01:00Z\n`, "FIELD_COUNT", 2, 3, undefined],
      [`${header}c1,2026-03-01T09:00:00Z,ad,extra\n`, "FIELD_COUNT", 1, 2, undefined],
      // An unterminated quote runs to the end of the text: one field short.
      [`${header}c1,"2026-03-01T09:00:00Z,ad\n`, "FIELD_COUNT", 1, 2, undefined],
      ["", "MISSING_COLUMN", 0, 1, "customer_id"],
      ["customer_id,touchpoint\nc1,ad\n", "MISSING_COLUMN", 0, 1, "timestamp"],
      ["customer_id,timestamp,touchpoint,touchpoint\n", "DUPLICATE_COLUMN", 0, 1, "touchpoint"],
      [`${header}c1,not a date,ad\n`, "BAD_TIMESTAMP", 1, 2, "timestamp"],
      [`${header}c1,2026-03-01T09:00:00Z,nowhere\n`, "UNKNOWN_TOUCHPOINT", 1, 2, "touchpoint"],
    ];
    for (const [text, code, row, line, field] of cases) {
      assert.throws(
        () => analyze(map, text),
        (e) => {
          assert.ok(e instanceof JourneyMapError, String(e));
          assert.deepEqual([e.code, e.row, e.line, e.field, e.path], [code, row, line, field, undefined], `${JSON.stringify(text)}: ${e.message}`);
          return true;
        },
      );
    }
  });

  test("text that is not UTF-8 is a bad row, not a silent replacement", () => {
    const withLone = `${header}c\ud8001,2026-03-01T09:00:00Z,ad\nc2,2026-03-01T09:00:00Z,ad\n`;
    assert.throws(() => analyze(map, withLone), (e) => e.code === "BAD_ENCODING" && e.row === 1);
    const report = analyze(map, withLone, { onBadRow: "skip" });
    assert.deepEqual(report.ingest.skipped, { BAD_ENCODING: 1 });
    assert.equal(report.totals.customers, 1);
    const bytes = Buffer.concat([Buffer.from(`${header}c`), Buffer.from([0xff]), Buffer.from(",2026-03-01T09:00:00Z,ad\n")]);
    assert.throws(() => analyze(map, bytes), (e) => e.code === "BAD_ENCODING" && e.row === 1);
  });

  test("an empty log gives an empty report", () => {
    for (const [events, opts] of [[[], {}], [header, {}], [new Uint8Array(), { inputFormat: "jsonl" }], ["\n\n", { inputFormat: "jsonl" }]]) {
      const report = analyze(map, events, opts);
      assert.equal(report.totals.customers, 0);
      assert.equal(report.totals.conversion_rate ?? null, null);
    }
  });
});

describe("analyze options", { skip: present ? false : "fixtures absent" }, () => {
  const events = [
    { customer_id: "c1", timestamp: "2026-03-01T09:00:00Z", touchpoint: "ad", segment: "new" },
    { customer_id: "c1", timestamp: "2026-03-01T09:05:00Z", touchpoint: "product", grp: "a" },
    { customer_id: "c1", timestamp: "2026-03-01T09:06:00Z", touchpoint: "product", grp: "a" },
    { customer_id: "c1", timestamp: "2026-03-01T09:30:00Z", touchpoint: "checkout", value: 50, score: 5 },
    { customer_id: "c2", timestamp: "2026-03-01T10:00:00Z", event: "email_click", grp: "b" },
  ];

  test("windows, conversions, top-k, repeats, customers, segments and scales reach the core", () => {
    const map = shopMap();
    const base = analyze(map, events);
    assert.equal(base.totals.converted_customers, 1);
    assert.equal(analyze(map, events, { conversionWindow: 10 * 60_000 }).totals.converted_customers, 0);
    assert.equal(analyze(map, events, { conversionWindow: 10 * 60_000 }).options.conversion_window_ms, 600_000);
    assert.deepEqual(analyze(map, events, { conversions: ["product"] }).conversion_touchpoints, ["product"]);
    assert.equal(analyze(map, events, { topK: 0 }).variants.top.length, 0);
    assert.ok(base.variants.top.length > 0);
    const collapsed = base.transitions.find((t) => t.from === "product" && t.to === "product");
    const kept = analyze(map, events, { collapseRepeats: false }).transitions.find((t) => t.from === "product" && t.to === "product");
    assert.equal(collapsed, undefined);
    assert.equal(kept.count, 1);
    assert.equal(base.customers ?? null, null);
    assert.deepEqual(analyze(map, events, { includeCustomers: true }).customers.map((c) => c.customer), ["c1", "c2"]);
    assert.deepEqual(base.segments.map((s) => s.segment), ["new"]);
    assert.deepEqual(analyze(map, events, { segmentBy: "grp" }).segments.map((s) => s.segment), ["a", "b"]);
    assert.deepEqual(analyze(map, events, { fields: { segment: "grp" } }).segments, analyze(map, events, { segmentBy: "grp" }).segments);
    // A field named by segmentBy must be in the events; fields.segment alone may be absent.
    const missing = (e) => e.code === "MISSING_COLUMN" && e.field === "cohort" && e.row === 0;
    assert.throws(() => analyze(map, events, { segmentBy: "cohort" }), missing);
    assert.throws(() => analyze(map, "customer_id,timestamp,touchpoint\nc1,0,ad\n", { segmentBy: "cohort" }), missing);
    assert.throws(() => analyze(map, events, { segmentBy: "cohort", onBadRow: "skip" }), missing);
    assert.deepEqual(analyze(map, events, { fields: { segment: "cohort" } }).segments, []);
    const checkout = (o) => analyze(map, events, o).touchpoints.find((t) => t.touchpoint === "checkout").score;
    assert.equal(checkout({}).out_of_range, 1, "5 is outside the native -2..2");
    assert.equal(checkout({ scoreScale: "one_to_five" }).mean, 2);
    assert.equal(checkout({ scoreScale: { min: 0, max: 10 } }).mean, 0);
    assert.equal(analyze(map, events, { scoreScale: { min: 0, max: 10 } }).options.score_scale.range.max, 10);
    const pos = analyze(map, events, { positionWeights: { first: 0.5, last: 0.5 } });
    assert.deepEqual(pos.options.position_weights, { first: 0.5, last: 0.5 });
    assert.equal(analyze(map, events, { halfLife: 60_000 }).options.half_life_ms, 60_000);
    assert.equal(analyze(map, events, { lookbackWindow: 60_000 }).options.lookback_window_ms, 60_000);
    const secs = events.map((e) => ({ ...e, timestamp: Date.parse(e.timestamp) / 1000 }));
    assert.deepEqual(analyze(map, secs, { timestampFormat: "epoch_seconds" }).totals, base.totals);
    assert.throws(() => analyze(map, events, { timestampFormat: "epoch_millis" }), (e) => e.code === "BAD_TIMESTAMP" && e.row === 1);
  });

  test("out-of-range options are refused by the core, located by option name", () => {
    const map = shopMap();
    const fails = (options, code, path) =>
      assert.throws(
        () => analyze(map, events, options),
        (e) => {
          assert.ok(e instanceof JourneyMapError, String(e));
          assert.deepEqual([e.code, e.path], [code, path], `${JSON.stringify(options)}: ${e.message}`);
          return true;
        },
      );
    fails({ conversionWindow: -1 }, "INVALID_VALUE", "/conversionWindow");
    fails({ lookbackWindow: -1 }, "INVALID_VALUE", "/lookbackWindow");
    fails({ halfLife: 0 }, "INVALID_VALUE", "/halfLife");
    fails({ positionWeights: { first: 0.7, last: 0.7 } }, "INVALID_VALUE", "/positionWeights");
    fails({ scoreScale: { min: 5, max: 1 } }, "INVALID_VALUE", "/scoreScale");
    // A count the core reads as one: -1 is not.
    fails({ topK: -1 }, "JSON_TYPE", "/topK");
    assert.throws(() => analyze(map, events, { conversions: ["nowhere"] }), (e) => e.code === "NOT_FOUND" && e.id === "nowhere");
  });

  test("durations are milliseconds or text as the CLI and Python write it, read by the core", () => {
    const map = shopMap();
    const options = (o) => analyze(map, events, o).options;
    assert.equal(options({ conversionWindow: "30d" }).conversion_window_ms, 30 * 86_400_000);
    assert.equal(options({ conversionWindow: " 2w " }).conversion_window_ms, 14 * 86_400_000);
    assert.equal(options({ lookbackWindow: "90min" }).lookback_window_ms, 90 * 60_000);
    assert.equal(options({ halfLife: "12h" }).half_life_ms, 12 * 3_600_000);
    assert.equal(options({ halfLife: "500ms" }).half_life_ms, 500);
    assert.deepEqual(analyze(map, events, { conversionWindow: "10m" }).totals, analyze(map, events, { conversionWindow: 600_000 }).totals);
    for (const [option, text] of [["conversionWindow", "soon"], ["lookbackWindow", "1.5h"], ["halfLife", "-3d"], ["halfLife", ""], ["conversionWindow", "30 days"]]) {
      assert.throws(
        () => analyze(map, events, { [option]: text }),
        (e) => e instanceof JourneyMapError && e.code === "INVALID_VALUE" && e.path === `/${option}` && e.message.startsWith(`${option}: `),
        `${option}: ${JSON.stringify(text)}`,
      );
    }
    // Zero is a duration the parser reads; the core's option check refuses it.
    assert.throws(() => analyze(map, events, { halfLife: "0s" }), (e) => e.code === "INVALID_VALUE" && e.path === "/halfLife");
  });

  test("garbage options are refused before anything runs", async () => {
    const map = shopMap();
    const bad = [
      "csv",
      [],
      { onBadRow: true },
      { inputFormat: "csv" },
      { delimiter: "," },
      { topK: 1.5 },
      { topK: "3" },
      { conversionWindow: 1.5 },
      { halfLife: 2 ** 60 },
      { conversions: "checkout" },
      { conversions: [1] },
      { positionWeights: [0.4, 0.4] },
      { positionWeights: { first: 0.4 } },
      { positionWeights: { first: 0.4, last: 0.4, middle: 0.2 } },
      { scoreScale: { min: 1 } },
      { collapseRepeats: "no" },
      { includeCustomers: 1 },
      { fields: { customer: 1 } },
      { fields: { user: "customer" } },
      { fields: "customer" },
      { segmentBy: 3 },
      { segmentBy: "a", fields: { segment: "b" } },
      { conversion_window_ms: 1 },
      { window: 1000 },
    ];
    for (const options of bad) {
      assert.throws(() => analyze(map, events, options), (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT", JSON.stringify(options));
    }
    for (const options of [{ delimiter: ";;" }, { delimiter: "\u2028" }, { inputFormat: 3 }, { scoreScale: 5 }]) {
      assert.throws(() => analyze(map, "", options), (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT", JSON.stringify(options));
    }
    // Timestamp options and the bad-row policy are the core's to read: its
    // error, at the option.
    for (const [options, path] of [
      [{ timestampFormat: "iso" }, "/timestampFormat"],
      [{ timestampFormat: "%Y-%m-%d %Q" }, "/timestampFormat"],
      [{ timestampUnit: "sec" }, "/timestampUnit"],
      [{ timezone: "Europe/Berlin" }, "/timezone"],
      [{ timestampFormat: "epoch_seconds", timestampUnit: "ms" }, "/timestampUnit"],
      [{ onBadRow: "ignore" }, "/onBadRow"],
      [{ scoreScale: "stars" }, "/scoreScale"],
    ]) {
      assert.throws(() => analyze(map, events, options), (e) => e.code === "INVALID_VALUE" && e.path === path, JSON.stringify(options));
    }
    assert.throws(() => analyze(map, "", { inputFormat: "xml" }), (e) => e.code === "INVALID_VALUE" && e.path === "/inputFormat");
    // One character, but not one the core reads CSV with: its rule, its error.
    for (const delimiter of ['"', "\n", "\r", "é"]) {
      const header = "customer_id,timestamp,touchpoint\n";
      assert.throws(() => analyze(map, header, { delimiter }), (e) => e.code === "INVALID_VALUE" && e.path === "/delimiter", JSON.stringify(delimiter));
      await assert.rejects(map.analyzeAsync(new Blob([header]), { delimiter }), (e) => e.code === "INVALID_VALUE" && e.path === "/delimiter");
    }
    assert.deepEqual(analyze(map, events, { segmentBy: "grp", fields: { segment: "grp" } }).segments.length, 2);
    assert.deepEqual(analyze(map, events, { topK: undefined }), analyze(map, events));
  });

  test("garbage events and maps", () => {
    const map = shopMap();
    for (const bad of [undefined, null, 42, {}, { length: 1, 0: events[0] }, new Map(), new Set(events), new DataView(new ArrayBuffer(8)), true]) {
      assert.throws(() => analyze(map, bad), (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT", String(bad));
      assert.throws(() => map.analyze(bad), (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT");
    }
    for (const notMap of [undefined, {}, JSON.parse(readText(join(EVENTS_DIR, "shop.json"))), "shop.json"]) {
      assert.throws(() => analyze(notMap, events), (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT");
    }
    const freed = shopMap();
    freed.free();
    assert.throws(() => analyze(freed, events), (e) => e.code === "FREED");
    // The module keeps working.
    assert.equal(analyze(map, events).totals.customers, 2);
  });
});

describe("the report", { skip: present ? false : "fixtures absent" }, () => {
  test("has every key the report schema requires, and only its keys", () => {
    const schema = readJson(REPORT_SCHEMA_PATH);
    assert.deepEqual(reportSchema(), schema);
    const report = analyze(shopMap(), readText(join(EVENTS_DIR, "shop.csv")), { includeCustomers: true });
    const check = (value, s, path) => {
      if (s.$ref) return check(value, schema.$defs[s.$ref.slice("#/$defs/".length)], path);
      if (s.oneOf || s.anyOf) return; // unions: checked by the Rust suite against the full schema
      if (Array.isArray(value)) {
        if (s.items) value.forEach((v, i) => check(v, s.items, `${path}/${i}`));
        return;
      }
      if (value === null || typeof value !== "object" || !s.properties) return;
      for (const key of s.required ?? []) assert.ok(key in value, `${path}/${key} required`);
      for (const key of Object.keys(value)) {
        assert.ok(key in s.properties || s.additionalProperties, `${path}/${key} not in the schema`);
        if (key in s.properties) check(value[key], s.properties[key], `${path}/${key}`);
      }
    };
    check(report, schema, "");
    assert.equal(report.report_version, 1);
    assert.equal(report.map, shopMap().name);
  });
});

describe("text report", () => {
  test("report.toText() is the shared expected text (the CLI's, Python's str(report))", () => {
    const events = join(REPO_DIR, "tests", "fixtures", "events");
    const want = readText(join(REPO_DIR, "tests", "expected", "analytics", "shop_default.txt"));
    const shop = JourneyMap.fromJSON(readText(join(events, "shop.json")));
    const report = shop.analyze(readText(join(events, "shop.csv")));
    assert.equal(report.toText(), want);
    assert.equal(shop.reportText(report), want);
    assert.equal(shop.reportText(JSON.stringify(report)), want);
    assert.ok(!Object.keys(report).includes("toText"), "toText is not part of the report's data");
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
    assert.notEqual(report.toText({ top: 1 }), want);
    assert.throws(() => report.toText({ top: -1 }), (e) => e.code === "INVALID_ARGUMENT");
    assert.throws(() => shop.reportText({ report_version: "one" }), (e) => e.code === "JSON_TYPE" && e.path === "/report_version");
  });
});
