// Module-level functions and the package's shape: schema(), validate(),
// version, the builds under package.json's conditions.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";

import { JourneyMap, schema, validate, version } from "../index.js";
import { PACKAGE_DIR, REPO_DIR, SCHEMA_PATH, readJson, readText, shopDocument } from "./helpers.mjs";


describe("module functions", () => {
  test("schema() is the published JSON Schema, a fresh object each time", () => {
    const s = schema();
    assert.deepEqual(s, readJson(SCHEMA_PATH));
    assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
    s.title = "changed";
    assert.notEqual(schema().title, "changed");
  });

  test("version is the package's and the crate's version", () => {
    const pkg = readJson(join(PACKAGE_DIR, "package.json"));
    assert.equal(version, pkg.version);
    const cargo = readText(join(REPO_DIR, "Cargo.toml"));
    assert.equal(version, /\[workspace\.package\][^[]*?version = "([^"]+)"/.exec(cargo)[1]);
  });

  test("validate() accepts text, bytes and objects alike", () => {
    const doc = shopDocument();
    assert.deepEqual(validate(doc), []);
    assert.deepEqual(validate(JSON.stringify(doc)), []);
    assert.deepEqual(validate(Buffer.from(JSON.stringify(doc))), []);
    doc.touchpoints[1].stage = "nowhere";
    doc.transitions.push({ from: "pay", to: "pay" });
    const want = [
      ["DANGLING_REFERENCE", "/touchpoints/1/stage", "nowhere"],
      ["SELF_TRANSITION", "/transitions/4", "pay"],
    ];
    assert.deepEqual(validate(doc).map((e) => [e.code, e.path, e.id]), want);
    assert.deepEqual(validate(JSON.stringify(doc, null, 2)).map((e) => [e.code, e.path, e.id]), want);
  });

  test("validate() reports syntax errors with line and column for text only", () => {
    assert.deepEqual(validate('{"name": "x",\n "stages": [}'), [
      { code: "JSON_SYNTAX", message: validate('{"name": "x",\n "stages": [}')[0].message, path: "", line: 2, column: 13 },
    ]);
    const [unknown] = validate('{"name": "x", "stages": [{"id": "s", "name": "S"}], "colour": "red"}');
    assert.equal(unknown.code, "UNKNOWN_FIELD");
    assert.equal(unknown.path, "/colour");
    assert.equal(unknown.line, 1);
    const [fromObject] = validate({ name: "x", stages: [{ id: "s", name: "S" }], colour: "red" });
    assert.deepEqual(Object.keys(fromObject).sort(), ["code", "message", "path"]);
  });

  test("a newer format version is refused for its version", () => {
    const [e] = validate({ format_version: 2, name: "x", stages: [], future_field: true });
    assert.equal(e.code, "UNSUPPORTED_FORMAT_VERSION");
    assert.equal(e.path, "/format_version");
    assert.match(e.message, /upgrade journeymap/);
  });
});

/**
 * Most bytes the gzipped .wasm may take: today's size (about 507,000 bytes
 * with `opt-level = "s"` and `wasm-opt -O3`; the text report added 10,000)
 * and a little room, so that growth is seen. The goal is 350 KB; docs/performance.md ("The
 * WebAssembly build") shows where the bytes go and what it would take.
 */
const WASM_GZIP_BUDGET = 515_000;

describe("package", () => {
  const pkg = readJson(join(PACKAGE_DIR, "package.json"));

  test("package.json's exports, files and sideEffects name files that exist", () => {
    assert.equal(pkg.name, "journeymap");
    assert.equal(pkg.type, "module");
    const targets = (value) => (typeof value === "string" ? [value] : Object.values(value).flatMap(targets));
    const all = targets(pkg.exports);
    for (const target of all) assert.ok(existsSync(join(PACKAGE_DIR, target)), target);
    for (const entry of pkg.files) assert.ok(existsSync(join(PACKAGE_DIR, entry)), entry);
    for (const entry of pkg.sideEffects) assert.ok(existsSync(join(PACKAGE_DIR, entry)), entry);
    // Every condition a bundler or runtime may pick is spelled out.
    assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "browser", "worker", "node", "import", "require", "default"]);
    // The module that instantiates the WebAssembly, and the entries that
    // call it, are declared as having side effects (a bundler must not drop
    // them when only their re-exports are used).
    for (const file of ["./index.js", "./web.js", "./lib/load.js", "./pkg/journeymap.js"]) {
      assert.ok(pkg.sideEffects.includes(file), file);
    }
  });

  test("the package holds one copy of the WebAssembly, and no .wasm file", () => {
    const packed = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PACKAGE_DIR, encoding: "utf8" });
    assert.equal(packed.status, 0, packed.stderr);
    const files = JSON.parse(packed.stdout)[0].files.map((f) => f.path).sort();
    assert.deepEqual(files.filter((f) => f.endsWith(".wasm")), []);
    assert.deepEqual(files.filter((f) => f.startsWith("pkg/")), ["pkg/journeymap.js", "pkg/journeymap_wasm.js"]);
    // The glue loads nothing by URL of its own.
    assert.doesNotMatch(readText(join(PACKAGE_DIR, "pkg", "journeymap.js")), /import\.meta|new URL\(/);
  });

  const run = (args, code, cwd = PACKAGE_DIR) =>
    spawnSync(process.execPath, [...args, "--input-type=module", "-e", code], { cwd, encoding: "utf8" });

  const program = `
    import { JourneyMap, analyze, validate, version } from "journeymap";
    const map = JourneyMap.fromJSON('{"name": "Shop", "stages": [{"id": "s", "name": "S"}]}');
    map.addStage({ id: "t", name: "T" });
    let code;
    try { map.addStage({ id: "t", name: "Again" }); } catch (e) { code = e.code; }
    map.addChannel({ id: "web", name: "Web", kind: "digital" });
    map.addTouchpoint({ id: "home", name: "Home", stage: "s", channel: "web" });
    let row;
    try { analyze(map, new TextEncoder().encode("customer_id,timestamp,touchpoint\\nc1,1772355600000,nowhere\\n")); } catch (e) { row = [e.code, e.row]; }
    console.log(JSON.stringify({ entry: import.meta.resolve("journeymap"), stages: map.stages.length, code, version,
      report: validate({ name: "", stages: [] }).map((e) => e.code),
      lint: map.lint({ today: "2026-11-23" }).map((d) => d.code).includes("JM-L001"),
      svg: map.toSVG().includes("<svg"),
      events: analyze(map, [{ customer_id: "c1", timestamp: 1772355600000, touchpoint: "home" }]).totals.events, row }));`;

  const check = (result, entry) => {
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout.trim().split("\n").at(-1));
    assert.ok(out.entry.endsWith(`/bindings-wasm/${entry}`), out.entry);
    assert.deepEqual(out, {
      entry: out.entry,
      stages: 2,
      code: "DUPLICATE_ID",
      version,
      report: ["EMPTY_NAME", "NO_STAGES"],
      lint: true,
      svg: true,
      events: 1,
      row: ["UNKNOWN_TOUCHPOINT", 1],
    });
  };

  // A module inside the package resolves the package's own name through
  // its exports map (self-reference), with the conditions Node.js is given.
  test("`import \"journeymap\"` under Node.js gets index.js", () => {
    check(run([], program), "index.js");
  });

  test("the `browser` and `worker` conditions get index.js too", () => {
    check(run(["--conditions=browser"], program), "index.js");
    check(run(["--conditions=worker"], program), "index.js");
  });

  test("require(\"journeymap\") gets index.cjs and the same API", () => {
    const result = spawnSync(
      process.execPath,
      ["--no-warnings", "-e", `const jm = require("journeymap"); console.log(require.resolve("journeymap"), jm.JourneyMap.fromJSON('{"name": "x", "stages": [{"id": "s", "name": "S"}]}').name, jm.version);`],
      { cwd: PACKAGE_DIR, encoding: "utf8" },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), `${join(PACKAGE_DIR, "index.cjs")} x ${version}`);
  });

  test("journeymap/web: NOT_LOADED before init(), the same API after; init(bytes) and init() alike", () => {
    const web = (init) => `
      import init, { JourneyMap, JourneyMapError, version } from "journeymap/web";
      let before;
      try { JourneyMap.fromJSON('{"name": "x", "stages": [{"id": "s", "name": "S"}]}'); } catch (e) { before = [e instanceof JourneyMapError, e.code, version]; }
      await init(${init});
      await init(); // a second call does nothing
      const map = JourneyMap.fromJSON('{"name": "x", "stages": [{"id": "s", "name": "S"}]}');
      console.log(JSON.stringify({ before, name: map.name, version }));`;
    const bytes = `Buffer.from((await import(${JSON.stringify(join(PACKAGE_DIR, "pkg", "journeymap_wasm.js"))})).default, "base64")`;
    for (const init of ["", bytes]) {
      const result = run([], web(init));
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout.trim()), { before: [true, "NOT_LOADED", null], name: "x", version });
    }
  });

  test("the WebAssembly is within its size budget (gzip -9 of the .wasm)", () => {
    const wasm = Buffer.from(readText(join(PACKAGE_DIR, "pkg", "journeymap_wasm.js")).match(/"([A-Za-z0-9+/=]+)"/)[1], "base64");
    assert.equal(wasm.subarray(0, 4).toString("latin1"), "\0asm");
    const gzipped = gzipSync(wasm, { level: 9 }).length;
    const shipped = gzipSync(readFileSync(join(PACKAGE_DIR, "pkg", "journeymap_wasm.js")), { level: 9 }).length;
    console.log(`# wasm size: ${wasm.length} bytes, ${gzipped} gzipped (budget ${WASM_GZIP_BUDGET}); as shipped in pkg/journeymap_wasm.js: ${shipped} gzipped`);
    assert.ok(gzipped <= WASM_GZIP_BUDGET, `${gzipped} bytes gzipped, over the budget of ${WASM_GZIP_BUDGET}`);
  });

  test("a map built in one module instance is usable as a document elsewhere", () => {
    const map = JourneyMap.fromObject(shopDocument());
    assert.deepEqual(validate(map), []);
  });
});
