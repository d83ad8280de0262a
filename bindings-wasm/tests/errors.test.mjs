// Errors: the JourneyMapError contract, and garbage of every kind thrown at
// every entry point. Nothing but a JourneyMapError may come out (a Rust
// panic would surface as a WebAssembly.RuntimeError), and the module must
// keep working afterwards.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, test } from "node:test";

import { JourneyMap, JourneyMapError, validate } from "../index.js";
import { COFFEE_MAKER, readJson, shopDocument } from "./helpers.mjs";

/** Runs `fn`; it must return normally or throw a JourneyMapError. */
function onlyJourneyMapErrors(fn, label) {
  try {
    return fn();
  } catch (e) {
    assert.ok(e instanceof JourneyMapError, `${label}: threw ${e?.constructor?.name}: ${e?.message}`);
    assert.ok(e instanceof Error);
    assert.equal(typeof e.code, "string");
    assert.ok(e.errors.length >= 1);
    return e;
  }
}

describe("JourneyMapError", () => {
  test("a syntax error has code, message, path, line and column", () => {
    const text = '{\n  "name": "x",\n  "stages": [\n}';
    assert.throws(
      () => JourneyMap.fromJSON(text),
      (e) => {
        assert.ok(e instanceof JourneyMapError);
        assert.ok(e instanceof Error);
        assert.equal(e.name, "JourneyMapError");
        assert.equal(e.code, "JSON_SYNTAX");
        assert.equal(e.path, "");
        assert.equal(e.id, undefined);
        assert.equal(e.line, 4);
        assert.equal(e.column, 1);
        assert.match(e.message, /line 4, column 1/);
        assert.deepEqual(e.errors, [{ code: "JSON_SYNTAX", message: e.message, path: "", line: 4, column: 1 }]);
        assert.match(e.stack, /JourneyMapError/);
        assert.ok(String(e).startsWith("JourneyMapError: malformed JSON"));
        return true;
      },
    );
  });

  test("type errors are located by path, line and column in text", () => {
    const text = '{"name": "x", "stages": [{"id": "s", "name": "S", "kind": 7}]}';
    assert.throws(() => JourneyMap.fromJSON(text), (e) => e.code === "JSON_TYPE" && e.path === "/stages/0/kind" && e.line === 1 && e.column > 50);
    assert.throws(() => JourneyMap.fromObject(JSON.parse(text)), (e) => e.code === "JSON_TYPE" && e.path === "/stages/0/kind" && e.line === undefined && e.column === undefined);
  });

  test("several violations: INVALID_MAP with the first's path and id", () => {
    const doc = shopDocument();
    doc.stages[1].id = "visit";
    doc.touchpoints[0].channel = "fax";
    assert.throws(
      () => JourneyMap.fromObject(doc),
      (e) => {
        assert.equal(e.code, "INVALID_MAP");
        assert.deepEqual(
          e.errors.map((x) => [x.code, x.path, x.id]),
          [
            ["DUPLICATE_ID", "/stages/1/id", "visit"],
            ["DANGLING_REFERENCE", "/touchpoints/0/channel", "fax"],
          ].concat(e.errors.slice(2).map((x) => [x.code, x.path, x.id])),
        );
        assert.equal(e.path, "/stages/1/id");
        assert.equal(e.id, "visit");
        assert.match(e.message, /invariant violation/);
        for (const x of e.errors) {
          assert.deepEqual(Object.keys(x).filter((k) => !["code", "message", "path", "id", "line", "column"].includes(k)), []);
        }
        return true;
      },
    );
  });

  test("toJSON gives a plain serialisable object", () => {
    try {
      JourneyMap.fromJSON('{"name": "", "stages": []}');
      assert.fail("expected an error");
    } catch (e) {
      const plain = JSON.parse(JSON.stringify(e));
      assert.equal(plain.code, "INVALID_MAP");
      assert.deepEqual(plain.errors.map((x) => x.code), ["EMPTY_NAME", "NO_STAGES"]);
      assert.equal(plain.path, "/name");
    }
  });

  test("the class can be constructed and subclassed by callers", () => {
    const e = new JourneyMapError({ code: "NOT_FOUND", message: "no stage", id: "s" });
    assert.equal(e.code, "NOT_FOUND");
    assert.equal(e.id, "s");
    assert.equal(e.path, undefined);
    assert.deepEqual(e.errors, [{ code: "NOT_FOUND", message: "no stage", id: "s" }]);
  });
});

describe("garbage in", () => {
  const garbageValues = () => {
    const cyclic = { name: "loop", stages: [] };
    cyclic.stages.push({ id: "s", name: "S", back: cyclic });
    const cyclicArray = [];
    cyclicArray.push(cyclicArray);
    let deep = { leaf: true };
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    let deepArray = [];
    for (let i = 0; i < 100_000; i++) deepArray = [deepArray];
    return [
      undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, -Infinity, 10n, Symbol("s"), () => 1,
      "", "x", "{", "null", "[]", "42", "\u0000", "\ud800", "\uFEFF{}", "{}".repeat(1000),
      {}, [], [1, 2], new Map([["name", "x"]]), new Set([1]), new Date(0), /re/, new Uint16Array(4), new ArrayBuffer(8),
      new String("text"), new Number(1), Object.create(null), cyclic, cyclicArray, deep, deepArray,
      new Proxy({}, {}), new Error("e"), Promise.resolve(1), new WeakMap(), Math,
      { name: "x", stages: [{ id: "s", name: "S" }], extra: 1 },
      { name: 1, stages: {} },
      { name: "x", stages: [null, undefined, 1] },
      { name: "x", stages: new Array(5) },
      { name: "x", stages: [{ id: "s", name: "S" }], metadata: { extra: { big: 10n } } },
      { name: "x", stages: [{ id: "s", name: "S" }], metadata: { extra: { nan: NaN } } },
      { name: "x", stages: [{ id: "s", name: "S" }], metadata: { extra: { sym: Symbol("x") } } },
      { name: "x", stages: [{ id: "s", name: "S" }], metadata: { extra: { map: new Map() } } },
      { name: "x", stages: [{ id: "s", name: "S" }], metadata: { extra: { "\ud800": 1 } } },
      { name: "x\udc00", stages: [{ id: "s", name: "S" }] },
      { format_version: 99, name: "x", stages: [] },
      { format_version: -1, name: "x", stages: [] },
      { format_version: 1.5, name: "x", stages: [] },
      { format_version: "1", name: "x", stages: [] },
    ];
  };

  test("module validate() never throws for bad documents", () => {
    for (const [i, value] of garbageValues().entries()) {
      let report;
      try {
        report = validate(value);
      } catch (e) {
        assert.fail(`validate(garbage #${i}) threw ${e?.constructor?.name}: ${e?.message}`);
      }
      assert.ok(Array.isArray(report), `#${i}`);
      for (const item of report) {
        assert.equal(typeof item.code, "string", `#${i}`);
        assert.equal(typeof item.message, "string", `#${i}`);
      }
    }
  });

  test("fromJSON, fromObject and new JourneyMap throw only JourneyMapErrors", () => {
    for (const [i, value] of garbageValues().entries()) {
      for (const [name, fn] of [
        ["fromJSON", () => JourneyMap.fromJSON(value)],
        ["fromObject", () => JourneyMap.fromObject(value)],
        ["new", () => new JourneyMap(value)],
      ]) {
        const result = onlyJourneyMapErrors(fn, `${name}(garbage #${i})`);
        if (result instanceof JourneyMap) result.free();
      }
    }
  });

  test("expected codes for typical garbage", () => {
    const code = (fn) => onlyJourneyMapErrors(fn, "garbage")?.code;
    assert.equal(code(() => JourneyMap.fromJSON(42)), "INVALID_ARGUMENT");
    assert.equal(code(() => JourneyMap.fromJSON({ name: "x" })), "INVALID_ARGUMENT");
    assert.equal(code(() => JourneyMap.fromJSON(null)), "INVALID_ARGUMENT");
    assert.equal(code(() => JourneyMap.fromJSON("")), "JSON_SYNTAX");
    assert.equal(code(() => JourneyMap.fromJSON("null")), "JSON_TYPE");
    assert.equal(code(() => JourneyMap.fromJSON("\uFEFF{}")), "JSON_SYNTAX");
    assert.equal(code(() => JourneyMap.fromJSON(new Uint8Array([0x7b, 0xff, 0x7d]))), "JSON_SYNTAX");
    assert.equal(code(() => JourneyMap.fromObject(undefined)), "JSON_TYPE");
    assert.equal(code(() => JourneyMap.fromObject(null)), "JSON_TYPE");
    assert.equal(code(() => JourneyMap.fromObject(new Map())), "JSON_TYPE");
    const arrayStage = onlyJourneyMapErrors(() => JourneyMap.fromObject({ name: "x", stages: [["s", "S"]] }));
    assert.deepEqual([arrayStage.code, arrayStage.path], ["JSON_TYPE", "/stages/0"]);
    const doc = { name: "x", stages: [{ id: "s", name: "S" }], metadata: { extra: {} } };
    for (const [value, path] of [
      [10n, "/metadata/extra/v"],
      [NaN, "/metadata/extra/v"],
      [Infinity, "/metadata/extra/v"],
      [() => 1, "/metadata/extra/v"],
      [Symbol("s"), "/metadata/extra/v"],
      [new Set(), "/metadata/extra/v"],
      [[1, undefined], "/metadata/extra/v/1"],
      [new Array(2), "/metadata/extra/v/0"],
      ["\ud800", "/metadata/extra/v"],
    ]) {
      doc.metadata.extra = { v: value };
      const e = onlyJourneyMapErrors(() => JourneyMap.fromObject(doc), String(value));
      assert.ok(e instanceof JourneyMapError, `${String(value)} accepted`);
      assert.equal(e.code, "JSON_TYPE", String(value));
      assert.equal(e.path, path, String(value));
    }
    // Pointer tokens are escaped.
    doc.metadata.extra = { "a/b~c": NaN };
    assert.equal(onlyJourneyMapErrors(() => JourneyMap.fromObject(doc)).path, "/metadata/extra/a~1b~0c");
  });

  test("cycles are refused at the path where the value repeats; shared values are fine", () => {
    const doc = shopDocument();
    doc.metadata.extra = { self: doc.metadata };
    const e = onlyJourneyMapErrors(() => JourneyMap.fromObject(doc), "cycle");
    assert.equal(e.code, "JSON_TYPE");
    assert.equal(e.path, "/metadata/extra/self");
    assert.deepEqual(validate(doc).map((x) => [x.code, x.path]), [["JSON_TYPE", "/metadata/extra/self"]]);
    const shared = { note: "same object twice" };
    const ok = shopDocument();
    ok.metadata.extra = { a: shared, b: [shared, shared] };
    assert.deepEqual(JourneyMap.fromObject(ok).metadata.extra, { a: shared, b: [shared, shared] });
  });

  test("nesting: text and objects share the core reader's limit", () => {
    const nested = (n) => {
      let v = 0;
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    // The document object and metadata/extra take 3 levels.
    const withDepth = (n) => ({ name: "x", stages: [{ id: "s", name: "S" }], metadata: { extra: { v: nested(n - 3) } } });
    const textWithDepth = (n) =>
      `{"name": "x", "stages": [{"id": "s", "name": "S"}], "metadata": {"extra": {"v": ${"[".repeat(n - 3)}0${"]".repeat(n - 3)}}}}`;
    for (const depth of [127, 128, 5000]) {
      const doc = withDepth(depth);
      const fromText = validate(textWithDepth(depth)).map((x) => [x.code, x.path]);
      const fromObject = validate(doc).map((x) => [x.code, x.path]);
      assert.deepEqual(fromObject, fromText, `depth ${depth}`);
      assert.deepEqual(fromText, depth <= 127 ? [] : [["LIMIT_EXCEEDED", ""]], `depth ${depth}`);
    }
    const tooDeep = "[".repeat(1_000_000);
    assert.equal(onlyJourneyMapErrors(() => JourneyMap.fromJSON(tooDeep)).code, "LIMIT_EXCEEDED");
  });

  test("size limits: long strings, long lists, huge texts", () => {
    const long = { name: "x".repeat(100_001), stages: [{ id: "s", name: "S" }] };
    const e = onlyJourneyMapErrors(() => JourneyMap.fromObject(long));
    assert.equal(e.code, "LIMIT_EXCEEDED");
    assert.equal(e.path, "/name");
    const many = { name: "x", stages: [{ id: "s", name: "S" }], metadata: { tags: new Array(100_001).fill("t") } };
    assert.deepEqual(validate(many).map((x) => [x.code, x.path]), [["LIMIT_EXCEEDED", "/metadata/tags"]]);
    // Over the document size limit: refused before it is copied into WebAssembly memory.
    const huge = " ".repeat(64 * 1024 * 1024 + 1);
    const big = onlyJourneyMapErrors(() => JourneyMap.fromJSON(huge));
    assert.equal(big.code, "LIMIT_EXCEEDED");
    assert.equal(big.path, "");
    assert.deepEqual(validate(huge).map((x) => x.code), ["LIMIT_EXCEEDED"]);
    assert.equal(onlyJourneyMapErrors(() => JourneyMap.fromJSON(new Uint8Array(64 * 1024 * 1024 + 1))).code, "LIMIT_EXCEEDED");
    // Just under the limit, with a valid document padded by whitespace.
    const padded = JSON.stringify(shopDocument()) + " ".repeat(8 * 1024 * 1024);
    assert.equal(JourneyMap.fromJSON(padded).name, "Tiny shop");
  });

  test("a lone surrogate in text is refused with its line and column", () => {
    const e = onlyJourneyMapErrors(() => JourneyMap.fromJSON('{\n  "name": "a\ud800b", "stages": []}'));
    assert.equal(e.code, "JSON_SYNTAX");
    assert.equal(e.line, 2);
    assert.equal(e.column, 13);
    // Escaped lone surrogates are the core reader's to refuse.
    assert.equal(onlyJourneyMapErrors(() => JourneyMap.fromJSON('{"name": "\\ud800", "stages": []}')).code, "JSON_SYNTAX");
  });

  test("every method refuses arguments of the wrong type and the map survives", async () => {
    const map = JourneyMap.fromObject(shopDocument());
    const before = map.toJSONString();
    const junk = [undefined, null, 42, NaN, -1, 1.5, 10n, true, {}, [], ["visit"], () => "visit", Symbol("x"), new Map(), "\ud800", "", "nope", "visit", "x".repeat(200_000)];
    const methods = Object.getOwnPropertyNames(JourneyMap.prototype).filter(
      (m) => typeof Object.getOwnPropertyDescriptor(JourneyMap.prototype, m).value === "function" && !["constructor", "free", "clone"].includes(m),
    );
    assert.ok(methods.length > 40, `${methods.length} methods`);
    let calls = 0;
    const pending = [];
    for (const method of methods) {
      for (const a of junk) {
        for (const b of [undefined, a, { id: "x", name: "X" }]) {
          const copy = map.clone();
          const what = `${method}(${String(a).slice(0, 20)}, ${String(b)})`;
          const result = onlyJourneyMapErrors(() => copy[method](a, b), what);
          if (result instanceof JourneyMap) result.free();
          // An async method (analyzeAsync) rejects rather than throws.
          if (result instanceof Promise) pending.push(result.then(() => undefined, (e) => [e, what]));
          copy.free();
          calls += 1;
        }
      }
    }
    for (const [e, what] of (await Promise.all(pending)).filter(Boolean)) {
      assert.ok(e instanceof JourneyMapError, `${what}: ${e}`);
    }
    assert.ok(calls > 1000);
    assert.equal(map.toJSONString(), before);
    assert.deepEqual(map.validate(), []);
  });

  test("a getter that throws propagates the caller's own error", () => {
    const doc = shopDocument();
    Object.defineProperty(doc, "name", { enumerable: true, get: () => { throw new RangeError("mine"); } });
    assert.throws(() => JourneyMap.fromObject(doc), RangeError);
  });
});

describe("fuzzed documents", () => {
  // Deterministic pseudo-random edits of a real map: every result must be a
  // map or a JourneyMapError, and text and object input must agree on the
  // codes whenever JSON.parse does not change the document.
  const base = existsSync(COFFEE_MAKER) ? readJson(COFFEE_MAKER) : shopDocument();
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const replacements = [null, 0, -3, 2.5, 1e308, "", " ", "x", "-bad id", "visit", true, [], {}, [1], { id: "x" }, "\u0000", "é"];

  const paths = (value, prefix = []) => {
    if (value === null || typeof value !== "object") return [prefix];
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    return [prefix, ...keys.flatMap((k) => paths(value[k], [...prefix, k]))];
  };

  const mutate = (doc) => {
    const copy = structuredClone(doc);
    const all = paths(copy).filter((p) => p.length > 0);
    for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
      const path = pick(all);
      let parent = copy;
      for (const k of path.slice(0, -1)) parent = parent?.[k];
      if (parent === null || typeof parent !== "object") continue;
      const key = path.at(-1);
      const action = random();
      if (action < 0.3 && !Array.isArray(parent)) delete parent[key];
      else if (action < 0.4 && Array.isArray(parent)) parent.splice(key, 1);
      else if (action < 0.5) parent[`${key}_extra`] = pick(replacements);
      else if (action < 0.6 && Array.isArray(parent)) parent.push(structuredClone(parent[key]));
      else parent[key] = pick(replacements);
    }
    return copy;
  };

  test("600 edited documents", () => {
    let valid = 0;
    for (let i = 0; i < 600; i++) {
      const doc = mutate(base);
      const text = JSON.stringify(doc);
      const fromText = onlyJourneyMapErrors(() => JourneyMap.fromJSON(text), `text #${i}`);
      const fromObject = onlyJourneyMapErrors(() => JourneyMap.fromObject(doc), `object #${i}`);
      const report = validate(text);
      if (fromText instanceof JourneyMap) {
        valid += 1;
        assert.deepEqual(report, []);
        assert.ok(fromObject instanceof JourneyMap, `#${i}: text accepted, object refused`);
        assert.deepEqual(fromObject.toJSON(), fromText.toJSON());
        // Queries on whatever survived never fail for ids the map has.
        for (const t of fromText.touchpoints.slice(0, 5)) {
          fromText.successors(t.id);
          fromText.predecessors(t.id);
        }
        fromText.free();
        fromObject.free();
      } else {
        assert.deepEqual(report.map((x) => x.code), fromText.errors.map((x) => x.code), `#${i}`);
        assert.deepEqual(fromObject.errors.map((x) => [x.code, x.path]), fromText.errors.map((x) => [x.code, x.path]), `#${i}`);
      }
    }
    assert.ok(valid > 0 && valid < 600, `${valid} of 600 edits stayed valid`);
  });
});
