// The shared CSV line cases (tests/fixtures/csv-lines/cases.json), as the
// Rust and Python suites assert them: LF, CRLF and lone-CR line breaks,
// blank lines, quoted line breaks and a byte order mark; the bad row's row
// and line, from a string, from bytes and from a stream of small chunks.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";

import { JourneyMap, JourneyMapError, analyze, analyzeAsync } from "../index.js";
import { REPO_DIR, readJson } from "./helpers.mjs";

const fixture = readJson(join(REPO_DIR, "tests", "fixtures", "csv-lines", "cases.json"));
const map = JourneyMap.fromObject(fixture.map);

function refused(testCase) {
  return (e) => {
    assert.ok(e instanceof JourneyMapError);
    assert.equal(e.code, "UNKNOWN_TOUCHPOINT", e.message);
    assert.deepEqual([e.row, e.line], [testCase.row, testCase.line]);
    return true;
  };
}

/** A stream of the bytes in chunks of `size`. */
function chunked(bytes, size) {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

describe("shared CSV line cases", () => {
  assert.ok(fixture.cases.length >= 10);
  for (const testCase of fixture.cases) {
    test(testCase.name, async () => {
      const bytes = new TextEncoder().encode(testCase.csv);
      assert.throws(() => analyze(map, testCase.csv), refused(testCase));
      assert.throws(() => analyze(map, bytes), refused(testCase));
      for (const size of [1, 3, 7]) {
        await assert.rejects(analyzeAsync(map, chunked(bytes, size)), refused(testCase));
      }
      const report = analyze(map, bytes, { onBadRow: "skip" });
      assert.equal(report.totals.events, 1);
      assert.deepEqual(report.ingest.skipped, { UNKNOWN_TOUCHPOINT: 1 });
    });
  }
});
