// Paths and small helpers shared by the test files.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_DIR = join(PACKAGE_DIR, "..");
export const FIXTURES_DIR = join(REPO_DIR, "tests", "fixtures", "documents");
export const EXPECTED_PATH = join(REPO_DIR, "tests", "expected", "documents.json");
export const SCHEMA_PATH = join(REPO_DIR, "schema", "journey-map.schema.json");
export const EXAMPLES_DIR = join(REPO_DIR, "schema", "examples");
export const COFFEE_MAKER = join(EXAMPLES_DIR, "coffee-maker.json");

export function readText(path) {
  return readFileSync(path, "utf8");
}

export function readJson(path) {
  return JSON.parse(readText(path));
}

/** Fixture file names (`*.json`) in a directory, sorted; [] if it does not exist. */
export function jsonFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
}

/** `{code, path}` of each error, the shape tests/expected/documents.json lists. */
export function codesAndPaths(errors) {
  return errors.map((e) => ({ code: e.code, path: e.path }));
}

/** A small valid document used by many tests. */
export function shopDocument() {
  return {
    format_version: 1,
    name: "Tiny shop",
    personas: [
      { id: "p-new", name: "New customer" },
      { id: "p-regular", name: "Regular" },
    ],
    stages: [
      { id: "visit", name: "Visit", kind: "awareness" },
      { id: "buy", name: "Buy", kind: "purchase" },
      { id: "return", name: "Return", kind: "retention" },
    ],
    channels: [
      { id: "web", name: "Website", kind: "digital" },
      { id: "store", name: "Store", kind: "physical" },
    ],
    teams: [{ id: "ecom", name: "E-commerce" }],
    touchpoints: [
      { id: "home", name: "Home page", stage: "visit", channel: "web", owner: "ecom" },
      { id: "shelf", name: "Shelf", stage: "visit", channel: "store", personas: ["p-regular"] },
      {
        id: "pay",
        name: "Checkout",
        stage: "buy",
        channel: "web",
        kind: "conversion",
        emotion: { score: -1, label: "anxious" },
        pain_points: [{ id: "pp-fees", description: "Fees shown late", severity: "high" }],
        opportunities: [{ id: "op-fees", description: "Show fees early", addresses: ["pp-fees"], status: "idea" }],
      },
      { id: "again", name: "Buys again", stage: "return", channel: "store" },
    ],
    transitions: [
      { from: "home", to: "pay", expected_rate: 0.25 },
      { from: "shelf", to: "pay", personas: ["p-regular"] },
      { from: "pay", to: "again" },
      { from: "again", to: "home", loop: true },
    ],
    objectives: [
      {
        id: "obj-conv",
        name: "Convert visitors",
        kpis: [{ name: "Conversion rate", target: 0.031, unit: "ratio" }],
        conversion: { touchpoint: "pay" },
      },
    ],
    metadata: {
      authors: ["Ada"],
      created: "2026-01-05",
      tags: ["demo"],
      extra: { nested: { list: [1, 2.5, -0.1, 1e300, null, true, "s"] } },
    },
  };
}

export const TESTS_DIR = join(REPO_DIR, "tests");
export const LINT_FIXTURES_DIR = join(TESTS_DIR, "fixtures", "lint");
export const LINT_EXPECTED_PATH = join(TESTS_DIR, "expected", "lint.json");
export const DIFF_FIXTURES_DIR = join(TESTS_DIR, "fixtures", "diff");
export const DIFF_EXPECTED_PATH = join(TESTS_DIR, "expected", "diff.json");
export const EVENTS_DIR = join(TESTS_DIR, "fixtures", "events");
export const ANALYTICS_EXPECTED_DIR = join(TESTS_DIR, "expected", "analytics");
export const RENDER_FIXTURES_DIR = join(TESTS_DIR, "fixtures", "render");
export const REPORT_SCHEMA_PATH = join(REPO_DIR, "schema", "journey-report.schema.json");

/**
 * Differences between `expected` and `actual` where only the keys of
 * `expected` count: objects key by key, arrays of the same length item by
 * item, numbers to 1.5e-9 (as the Rust suite compares the analytics
 * vectors). Returns a list of messages, [] when they agree.
 */
export function subsetDifferences(expected, actual, path = "") {
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return [`${path}: ${JSON.stringify(actual)}, expected an object`];
    return Object.keys(expected).flatMap((k) =>
      k in actual ? subsetDifferences(expected[k], actual[k], `${path}/${k}`) : [`${path}/${k}: missing`],
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: ${JSON.stringify(actual)}, expected an array`];
    if (actual.length !== expected.length) return [`${path}: ${actual.length} items, expected ${expected.length}: ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => subsetDifferences(e, actual[i], `${path}/${i}`));
  }
  if (typeof expected === "number" && typeof actual === "number") {
    return Math.abs(expected - actual) > 1.5e-9 ? [`${path}: ${actual}, expected ${expected}`] : [];
  }
  return expected === actual ? [] : [`${path}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}

let examplesDir;

/**
 * Runs the code of a documentation example as an ES module of its own, its
 * `from "journeymap"` imports pointing at this package, from the directory
 * `cwd` (relative paths in it are read from there).
 */
export async function runExample(code, cwd = process.cwd()) {
  examplesDir ??= mkdtempSync(join(tmpdir(), "journeymap-examples-"));
  const entry = (name) => JSON.stringify(pathToFileURL(join(PACKAGE_DIR, name)).href);
  const file = join(examplesDir, `example-${readdirSync(examplesDir).length}.mjs`);
  const resolved = code
    .replaceAll('from "journeymap/web"', `from ${entry("web.js")}`)
    .replaceAll('from "journeymap"', `from ${entry("index.js")}`);
  writeFileSync(file, resolved);
  const before = process.cwd();
  process.chdir(cwd);
  try {
    await import(pathToFileURL(file).href);
  } finally {
    process.chdir(before);
  }
}
