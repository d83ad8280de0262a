// The shared option cases (tests/fixtures/options/cases.json), asserted as
// bindings-python/tests/test_analytics.py and core/tests/options.rs assert
// them: the options as JS takes them, the report's echo or the core's error.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";

import { JourneyMap, JourneyMapError, analyze } from "../index.js";
import { REPO_DIR, readJson, readText } from "./helpers.mjs";

const spec = readJson(join(REPO_DIR, "tests/fixtures/options/cases.json"));
const map = JourneyMap.fromJSON(readText(join(REPO_DIR, spec.map)));
const events = readText(join(REPO_DIR, spec.events));

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** The fixture's options (Python's keywords) as `analyze` options. */
function jsOptions(options) {
  const out = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === "customer_column") out.fields = { customer: value };
    else if (key === "position_weights") out.positionWeights = { first: value[0], last: value[1] };
    else if (key === "score_scale" && Array.isArray(value)) out.scoreScale = { min: value[0], max: value[1] };
    else out[camel(key)] = value;
  }
  return out;
}

/** A path of the fixture (snake_case option first) as JS names it. */
const jsPath = (path) => (path === null ? undefined : path.replace(/^\/([a-z_]+)/, (_, name) => `/${camel(name)}`));

for (const c of spec.cases) {
  test(c.name, () => {
    const options = jsOptions(c.options);
    if (c.error) {
      assert.throws(
        () => analyze(map, events, options),
        (e) => {
          assert.ok(e instanceof JourneyMapError, String(e));
          assert.equal(e.code, c.error.code, e.message);
          assert.equal(e.path, jsPath(c.error.path), e.message);
          return true;
        },
      );
    } else {
      const report = analyze(map, events, options);
      for (const [key, value] of Object.entries(c.report_options)) assert.deepEqual(report.options[key], value, key);
    }
  });
}

test("NaN and Infinity travel by name and are refused by the core where a number belongs", () => {
  for (const [options, path] of [
    [{ positionWeights: { first: Number.NaN, last: 0.1 } }, "/positionWeights/first"],
    [{ scoreScale: { min: 0, max: Infinity } }, "/scoreScale/range/max"],
  ]) {
    assert.throws(() => analyze(map, events, options), (e) => e.code === "JSON_TYPE" && e.path === path && /NaN|Infinity/.test(e.message), JSON.stringify(options));
  }
});

test("a TSV takes no delimiter; JSON Lines none at all", () => {
  assert.throws(() => analyze(map, "", { inputFormat: "tsv", delimiter: ";" }), (e) => e.code === "INVALID_VALUE" && e.path === "/delimiter");
  assert.throws(() => analyze(map, "", { inputFormat: "jsonl", delimiter: ";" }), (e) => e.code === "UNKNOWN_FIELD");
  const tsv = events.replaceAll(",", "\t");
  assert.deepEqual(analyze(map, tsv, { inputFormat: "tsv" }).totals, analyze(map, events).totals);
});
