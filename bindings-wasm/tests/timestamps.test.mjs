// The shared timestamp fixture (tests/fixtures/timestamps/cases.json), as the
// Rust and Python suites assert it: every form and option read exactly (seen
// through the report's time to conversion), or refused with its code, path
// and the likely unit named.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";

import { JourneyMap, JourneyMapError, analyze } from "../index.js";
import { REPO_DIR, readJson } from "./helpers.mjs";

const fixture = readJson(join(REPO_DIR, "tests", "fixtures", "timestamps", "cases.json"));
const map = JourneyMap.fromObject(fixture.map);
// 2026-03-01T10:30:00Z, where every case's conversion event is.
const CONVERSION_MS = 1_772_361_000_000;
// The fixture's option names and paths are the core's; these are this package's.
const OPTION = { timestamp_format: "timestampFormat", timestamp_unit: "timestampUnit", timezone: "timezone" };

function run(testCase) {
  const lines = [
    { customer_id: "c1", timestamp: testCase.timestamp, touchpoint: "home" },
    { customer_id: "c1", timestamp: testCase.conversion_at ?? fixture.conversion_at, touchpoint: "pay" },
  ].map((line) => JSON.stringify(line));
  const options = { inputFormat: "jsonl" };
  for (const [name, value] of Object.entries(testCase.options)) options[OPTION[name]] = value;
  return analyze(map, lines.join("\n"), options);
}

describe("shared timestamp cases", () => {
  assert.ok(fixture.cases.length >= 20);
  for (const testCase of fixture.cases) {
    test(testCase.name, () => {
      // The npm package leaves the time zone database out: named zones are
      // refused (the case's without_tzdb error).
      const want = testCase.without_tzdb ?? testCase.expect_error;
      if (want === undefined) {
        const report = run(testCase);
        assert.equal(report.funnel.time_to_conversion.median_ms, (testCase.conversion_ms ?? CONVERSION_MS) - testCase.expect_ms);
        return;
      }
      assert.throws(
        () => run(testCase),
        (e) => {
          assert.ok(e instanceof JourneyMapError);
          assert.equal(e.code, want.code, e.message);
          if (want.path) assert.equal(e.path, `/${OPTION[want.path.slice(1)]}`);
          if (want.message_contains) assert.ok(e.message.includes(want.message_contains), e.message);
          return true;
        },
      );
    });
  }
});
