// The shared document fixtures: every tests/fixtures/documents/*.json must
// give exactly the errors (codes and paths, in order) that
// tests/expected/documents.json lists, through every entry point.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { JourneyMap, JourneyMapError, validate } from "../index.js";
import { EXPECTED_PATH, FIXTURES_DIR, codesAndPaths, jsonFiles, readJson, readText } from "./helpers.mjs";

const present = existsSync(EXPECTED_PATH) && jsonFiles(FIXTURES_DIR).length > 0;

describe("shared document fixtures", { skip: present ? false : "tests/fixtures/documents or tests/expected/documents.json absent" }, () => {
  const expected = present ? readJson(EXPECTED_PATH) : {};
  const files = jsonFiles(FIXTURES_DIR);

  test("every fixture has an expectation and every expectation a fixture", () => {
    assert.deepEqual(
      files.filter((f) => !(f in expected)),
      [],
      "fixtures without an entry in tests/expected/documents.json",
    );
    assert.deepEqual(
      Object.keys(expected).filter((f) => !files.includes(f)).sort(),
      [],
      "expectations without a fixture",
    );
  });

  for (const file of files.filter((f) => f in expected)) {
    test(file, () => {
      const text = readText(join(FIXTURES_DIR, file));
      const want = expected[file].errors;
      assert.ok(Array.isArray(want), `${file}: expected errors must be a list`);

      // validate(text): the full list, never a throw.
      const report = validate(text);
      assert.deepEqual(codesAndPaths(report), want, "validate(text)");
      for (const e of report) {
        assert.equal(typeof e.message, "string");
        assert.ok(e.message.length > 0, "every error has a message");
      }

      // The same text as UTF-8 bytes.
      assert.deepEqual(codesAndPaths(validate(new TextEncoder().encode(text))), want, "validate(bytes)");

      // JourneyMap.fromJSON: builds, or throws a JourneyMapError listing the same errors.
      if (want.length === 0) {
        const map = JourneyMap.fromJSON(text);
        assert.deepEqual(map.validate(), []);
        // Round trip through the document object and the text.
        assert.deepEqual(JourneyMap.fromObject(map.toJSON()).toJSON(), map.toJSON());
        assert.deepEqual(JourneyMap.fromJSON(map.toJSONString(2)).toJSON(), map.toJSON());
        map.free();
      } else {
        assert.throws(
          () => JourneyMap.fromJSON(text),
          (err) => {
            assert.ok(err instanceof JourneyMapError);
            assert.ok(err instanceof Error);
            assert.deepEqual(codesAndPaths(err.errors), want);
            assert.equal(err.code, want.length === 1 ? want[0].code : "INVALID_MAP");
            assert.equal(err.path, want[0].path);
            return true;
          },
        );
      }
    });
  }
});

describe("shared document fixtures as objects", { skip: present ? false : "fixtures absent" }, () => {
  // A document object gives the errors of its JSON text, except where
  // JSON.parse itself changes the document: a repeated key keeps only its
  // last value, and 2.0 is the integer 2 in JavaScript.
  const expected = present ? readJson(EXPECTED_PATH) : {};
  // A float literal with a zero fraction (2.0, 1.0e3) or a repeated key.
  const changedByJsonParse = (text) => /(?<![\w."])-?\d+\.0+(?![1-9])/.test(text) || hasRepeatedKey(text);
  for (const file of jsonFiles(FIXTURES_DIR).filter((f) => f in expected)) {
    const text = readText(join(FIXTURES_DIR, file));
    let doc;
    try {
      doc = JSON.parse(text);
    } catch {
      continue; // not JSON: only the text entry points apply
    }
    // A JSON string is JSON text to validate(), not a document object.
    if (typeof doc === "string" || changedByJsonParse(text)) continue;
    test(file, () => {
      const want = expected[file].errors;
      const report = validate(doc);
      assert.deepEqual(codesAndPaths(report), want, "validate(object)");
      for (const e of report) {
        assert.equal(e.line, undefined, "no line for an object");
        assert.equal(e.column, undefined, "no column for an object");
      }
      if (want.length === 0) {
        assert.deepEqual(JourneyMap.fromObject(doc).validate(), []);
      } else {
        assert.throws(
          () => new JourneyMap(doc),
          (err) => err instanceof JourneyMapError && JSON.stringify(codesAndPaths(err.errors)) === JSON.stringify(want),
        );
      }
    });
  }
});

/** Whether some JSON object in `text` repeats a key (JSON.parse keeps the last). */
function hasRepeatedKey(text) {
  // JSON.parse offers no hook for repeats: scan objects with a small tokenizer.
  let repeated = false;
  const stack = [];
  const re = /"(?:[^"\\]|\\.)*"|[{}[\]:,]/g;
  let m;
  let expectKey = false;
  while ((m = re.exec(text)) !== null) {
    const t = m[0];
    if (t === "{") {
      stack.push(new Set());
      expectKey = true;
    } else if (t === "[") {
      stack.push(null);
      expectKey = false;
    } else if (t === "}" || t === "]") {
      stack.pop();
      expectKey = false;
    } else if (t === ",") {
      expectKey = stack.at(-1) instanceof Set;
    } else if (t === ":") {
      expectKey = false;
    } else if (expectKey) {
      const keys = stack.at(-1);
      const key = JSON.parse(t);
      if (keys.has(key)) repeated = true;
      keys.add(key);
      expectKey = false;
    }
  }
  return repeated;
}
