// Lint: the shared vectors (tests/fixtures/lint against tests/expected/lint.json),
// the options, the rule catalogue and bad input.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { JourneyMap, JourneyMapError, explainRule, lintRules } from "../index.js";
import { COFFEE_MAKER, LINT_EXPECTED_PATH, LINT_FIXTURES_DIR, jsonFiles, readJson, readText, shopDocument } from "./helpers.mjs";

const present = existsSync(LINT_EXPECTED_PATH) && jsonFiles(LINT_FIXTURES_DIR).length > 0;

/** The options of `map.lint` for a configuration in the core's form (lint.json's `config`). */
function optionsOf(config) {
  const names = { today: "today", disable: "disable", severity: "severity", max_review_age_days: "maxReviewAgeDays" };
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [names[k], v]));
}

function lintFile(file, options) {
  const map = JourneyMap.fromJSON(readText(join(LINT_FIXTURES_DIR, file)));
  return map.lint(options);
}

const shape = (diagnostics) => diagnostics.map((d) => ({ code: d.code, severity: d.severity, path: d.location.path }));

describe("shared lint vectors", { skip: present ? false : "tests/fixtures/lint or tests/expected/lint.json absent" }, () => {
  const expected = present ? readJson(LINT_EXPECTED_PATH) : { config: {}, files: {} };
  const options = optionsOf(expected.config);
  const files = jsonFiles(LINT_FIXTURES_DIR);

  test("the configuration names a date and every fixture has an expectation", () => {
    assert.match(options.today, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(files, Object.keys(expected.files).sort());
  });

  for (const file of files.filter((f) => f in expected.files)) {
    test(file, () => {
      const diagnostics = lintFile(file, options);
      assert.deepEqual(shape(diagnostics), expected.files[file]);
      const rules = new Map(lintRules().map((r) => [r.code, r]));
      for (const d of diagnostics) {
        assert.deepEqual(Object.keys(d).sort(), ["code", "hint", "location", "message", "rule", "severity"]);
        assert.equal(d.rule, rules.get(d.code).name);
        assert.ok(d.message.length > 0 && d.hint.length > 0);
        assert.ok(["map", "persona", "stage", "channel", "team", "touchpoint", "pain_point", "opportunity", "transition", "objective"].includes(d.location.kind));
        assert.equal(d.location.kind === "map", d.location.id === undefined, `${d.code}: id present exactly for entities`);
      }
    });
  }

  test("each rule's fixture triggers its rule and nothing else", () => {
    for (const rule of lintRules()) {
      const file = files.find((f) => f.startsWith(`${rule.code}-${rule.name}`));
      assert.ok(file, `no fixture for ${rule.code}`);
      const codes = lintFile(file, options).map((d) => d.code);
      assert.ok(codes.length > 0 && codes.every((c) => c === rule.code), `${file}: ${codes}`);
    }
  });
});

describe("lint options", () => {
  const overdue = "JM-L017-review-overdue.json";
  const skipOverdue = existsSync(join(LINT_FIXTURES_DIR, overdue)) ? false : `${overdue} absent`;

  test("today as a Date is its UTC calendar date", { skip: skipOverdue }, () => {
    const byString = lintFile(overdue, { today: "2026-11-23" });
    assert.ok(byString.some((d) => d.code === "JM-L017"));
    // 23:30 on the 23rd in UTC, whatever the local time zone.
    assert.deepEqual(lintFile(overdue, { today: new Date(Date.UTC(2026, 10, 23, 23, 30)) }), byString);
    // A day earlier gives a different age, so a Date is not read as a local date by accident.
    const dayBefore = lintFile(overdue, { today: new Date(Date.UTC(2026, 10, 22, 0, 0)) });
    assert.notDeepEqual(dayBefore, byString);
  });

  test("today defaults to the current date; null leaves the date rules out", { skip: skipOverdue }, () => {
    const before = new Date().toISOString().slice(0, 10);
    const byDefault = lintFile(overdue);
    const after = new Date().toISOString().slice(0, 10);
    const explicit = [before, after].map((today) => lintFile(overdue, { today }));
    assert.ok(explicit.some((d) => JSON.stringify(d) === JSON.stringify(byDefault)));
    assert.deepEqual(lintFile(overdue, { today: undefined }), byDefault);
    const undated = lintFile(overdue, { today: null });
    assert.ok(!undated.some((d) => d.code === "JM-L017" || d.code === "JM-L019"));
  });

  test("disable, severity and maxReviewAgeDays as in the core library", () => {
    const map = JourneyMap.fromObject(shopDocument());
    const all = map.lint({ today: "2026-11-23" });
    assert.ok(all.length > 0);
    const first = all[0];
    const withoutFirst = map.lint({ today: "2026-11-23", disable: [first.rule] });
    assert.deepEqual(withoutFirst, all.filter((d) => d.code !== first.code));
    assert.deepEqual(map.lint({ today: "2026-11-23", disable: [first.code.toLowerCase()] }), withoutFirst);
    const raised = map.lint({ today: "2026-11-23", severity: { [first.code]: "error" } });
    assert.deepEqual(raised.map((d) => (d.code === first.code ? d.severity : null)).filter(Boolean), all.filter((d) => d.code === first.code).map(() => "error"));

    const reviewed = shopDocument();
    reviewed.metadata.last_reviewed = "2026-11-01";
    const m = JourneyMap.fromObject(reviewed);
    const codes = (o) => m.lint({ today: "2026-11-23", ...o }).map((d) => d.code);
    assert.ok(!codes({}).includes("JM-L017"), "22 days < 180");
    assert.ok(codes({ maxReviewAgeDays: 21 }).includes("JM-L017"));
    assert.ok(!codes({ maxReviewAgeDays: 22 }).includes("JM-L017"));
  });

  test("the map's own unknown lint rules are JM-L000 findings", () => {
    const doc = shopDocument();
    doc.metadata.lint = { disable: ["no-such-rule"] };
    const [d] = JourneyMap.fromObject(doc).lint({ today: "2026-11-23" });
    assert.equal(d.code, "JM-L000");
    assert.deepEqual(d.location, { kind: "map", path: "/metadata/lint/disable/0" });
  });

  test("every finding of the example map has a location in the document", () => {
    const map = JourneyMap.fromJSON(readText(COFFEE_MAKER));
    const doc = map.toJSON();
    for (const d of map.lint({ today: "2026-11-23" })) {
      let at = doc;
      for (const token of d.location.path.split("/").slice(1)) {
        at = at?.[token];
      }
      if (d.location.kind !== "map") assert.notEqual(at, undefined, d.location.path);
    }
  });
});

describe("rule catalogue", () => {
  test("lintRules() lists every rule in code order, documented", () => {
    const rules = lintRules();
    assert.ok(rules.length >= 20);
    assert.deepEqual(rules.map((r) => r.code), [...rules.map((r) => r.code)].sort());
    assert.equal(rules[0].code, "JM-L000");
    for (const r of rules) {
      assert.match(r.code, /^JM-L\d{3}$/);
      assert.match(r.name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(["info", "warning", "error"].includes(r.default_severity));
      for (const k of ["summary", "checks", "why", "fix", "theme"]) assert.ok(r[k].length > 0, `${r.code}.${k}`);
    }
    rules[0].name = "changed";
    assert.notEqual(lintRules()[0].name, "changed");
  });

  test("explainRule() by code or name, in any case", () => {
    const text = explainRule("JM-L003");
    assert.match(text, /^JM-L003 dead-end \((info|warning|error)\)\n/);
    assert.match(text, /How to fix/);
    assert.equal(explainRule("Dead-End"), text);
    assert.equal(explainRule("jm-l003"), text);
    for (const rule of lintRules()) assert.ok(explainRule(rule.name).startsWith(`${rule.code} ${rule.name}`));
  });
});

describe("lint bad input", () => {
  const map = JourneyMap.fromObject(shopDocument());
  const fails = (fn, code, path) =>
    assert.throws(fn, (e) => {
      assert.ok(e instanceof JourneyMapError, String(e));
      assert.equal(e.code, code, e.message);
      assert.equal(e.path, path, e.message);
      return true;
    });

  test("unknown rules in the options are refused, located in them", () => {
    fails(() => map.lint({ disable: ["dead-end", "JM-L999"] }), "INVALID_VALUE", "/disable/1");
    fails(() => map.lint({ severity: { "no/such": "info" } }), "INVALID_VALUE", "/severity/no~1such");
    assert.throws(() => map.lint({ disable: ["x"], severity: { y: "info" } }), (e) => {
      assert.equal(e.code, "INVALID_MAP");
      assert.deepEqual(e.errors.map((x) => [x.code, x.path, x.id]), [["INVALID_VALUE", "/disable/0", "x"], ["INVALID_VALUE", "/severity/y", "y"]]);
      return true;
    });
  });

  test("bad dates", () => {
    fails(() => map.lint({ today: "2026-02-30" }), "INVALID_VALUE", "/today");
    // Options are objects, not text: no line or column, in the message either.
    assert.throws(() => map.lint({ today: "2026-02-30" }), (e) => e.line === undefined && !/line \d/.test(e.message) && /2026-02-30/.test(e.message));
    fails(() => map.lint({ today: "23/11/2026" }), "INVALID_VALUE", "/today");
    fails(() => map.lint({ today: "" }), "INVALID_VALUE", "/today");
    fails(() => map.lint({ today: new Date(NaN) }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ today: new Date(Date.UTC(10000, 0, 1)) }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ today: 20261123 }), "INVALID_ARGUMENT", undefined);
  });

  test("garbage options", () => {
    fails(() => map.lint({ severity: { "JM-L001": "fatal" } }), "JSON_TYPE", "/severity/JM-L001");
    fails(() => map.lint({ severity: { "JM-L001": 2 } }), "JSON_TYPE", "/severity/JM-L001");
    fails(() => map.lint({ severity: ["JM-L001"] }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ severity: new Map() }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ disable: "dead-end" }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ disable: [1] }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ maxReviewAgeDays: -1 }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ maxReviewAgeDays: 1.5 }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ maxReviewAgeDays: 2 ** 32 }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint({ max_review_age_days: 3 }), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint("today"), "INVALID_ARGUMENT", undefined);
    fails(() => map.lint([]), "INVALID_ARGUMENT", undefined);
    assert.deepEqual(map.lint({ today: "2026-11-23", disable: undefined }), map.lint({ today: "2026-11-23" }));
  });

  test("explainRule garbage", () => {
    fails(() => explainRule("JM-L999"), "INVALID_VALUE", "");
    fails(() => explainRule(""), "INVALID_VALUE", "");
    fails(() => explainRule(3), "INVALID_ARGUMENT", undefined);
    fails(() => explainRule(), "INVALID_ARGUMENT", undefined);
  });

  test("a freed map", () => {
    const m = map.clone();
    m.free();
    fails(() => m.lint(), "FREED", undefined);
  });
});
