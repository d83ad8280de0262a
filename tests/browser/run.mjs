// The browser suite's runner (started by tests/browser/run, which installs
// Chromium and the bundlers and packs the package first).
//
// For each fixture app under apps/: copies it to $TARGET/browser-apps/<name>,
// installs the packed journeymap tarball into it with npm, builds it with the
// bundler's default configuration, serves it on 127.0.0.1, loads it in
// headless Chromium and checks that the page rendered the map's SVG and that
// its analysis report equals the native CLI's on the same files.
//
// Usage: node run.mjs [APP...]   (default: every app)
// Environment: JOURNEYMAP_TARBALL (required), JOURNEYMAP_CLI, CHROMIUM,
// CARGO_TARGET_DIR.

import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import zlib from "node:zlib";

import { launchChromium, serve } from "./chromium.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const TARGET = path.resolve(process.env.CARGO_TARGET_DIR || path.join(ROOT, "target"));
const WORK = path.join(TARGET, "browser-apps");
const SCREENSHOTS = path.join(WORK, "screenshots");
const LOGS = path.join(WORK, "logs");
const BIN = path.join(HERE, "node_modules", ".bin");
const TARBALL = process.env.JOURNEYMAP_TARBALL;
const CLI = process.env.JOURNEYMAP_CLI || path.join(TARGET, "release", "journeymap");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const MAP = path.join(ROOT, "schema/examples/coffee-maker.json");
const EVENTS = path.join(ROOT, "schema/examples/coffee-maker-events.csv");
const PAGE_TIMEOUT_MS = 30_000;
const BUILD_TIMEOUT_MS = 180_000;

// Each app: `build` (a command of tests/browser/node_modules/.bin, run in the
// app's directory), `out` (where the build writes; measured as the bundle),
// `serve` (the directory served as the site's root), `source` (another
// app's files, when two apps differ only in how they are run), `dev` (served
// by Vite's dev server instead of built).
const APPS = [
  { name: "vite", build: ["vite", "build"], out: "dist", serve: "dist" },
  { name: "vite-dev", source: "vite", dev: true },
  { name: "webpack", build: ["webpack", "--mode=production"], out: "dist", serve: "." },
  { name: "esbuild", build: ["esbuild", "src/main.js", "--bundle", "--outdir=dist"], out: "dist", serve: "." },
  { name: "rollup", build: ["rollup", "-c"], out: "dist", serve: "." },
  { name: "parcel", build: ["parcel", "build", "index.html"], out: "dist", serve: "dist" },
  { name: "plain-page", serve: "." },
  { name: "worker-vite", build: ["vite", "build"], out: "dist", serve: "dist" },
  { name: "worker-webpack", build: ["webpack", "--mode=production"], out: "dist", serve: "." },
  // journeymap/web (an explicit async init()) in a bundler and in a worker.
  { name: "webpack-web", build: ["webpack", "--mode=production"], out: "dist", serve: "." },
  { name: "worker-vite-web", build: ["vite", "build"], out: "dist", serve: "dist" },
];


function fail(message) {
  console.error(`browser: ${message}`);
  process.exit(2);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const size = (bytes) =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${Math.round(bytes / 1e3)} KB`;

/** Runs a command, its output appended to `log`; rejects on failure or timeout. */
function run(command, args, { cwd, log, timeout = BUILD_TIMEOUT_MS }) {
  return new Promise((resolve, reject) => {
    fs.appendFileSync(log, `$ ${[command, ...args].join(" ")}   (in ${cwd})\n`);
    const offset = fs.statSync(log).size;
    const out = fs.openSync(log, "a");
    const child = spawn(command, args, {
      cwd,
      stdio: ["ignore", out, out],
      env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    fs.closeSync(out);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else {
        // What the command printed, without stack frames: its error comes first.
        const printed = fs.readFileSync(log, "utf8").slice(offset).split("\n");
        const lines = printed.filter((line) => line.trim() && !/^\s+at /.test(line)).slice(0, 15);
        reject(new Error(`${path.basename(command)} ${signal ? `killed (${signal})` : `exited ${code}`}\n${lines.join("\n")}`));
      }
    });
  });
}


/** The JavaScript and WebAssembly files a build wrote, and their size. */
function measureBundle(dir) {
  let bytes = 0;
  let gzip = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(m?js|cjs|wasm)$/.test(entry.name)) continue;
    const body = fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name));
    bytes += body.length;
    gzip += zlib.gzipSync(body).length;
    files += 1;
  }
  return { bytes, gzip, files };
}

/** Top-level keys whose values differ between two reports. */
function differingKeys(got, expected) {
  const keys = new Set([...Object.keys(got ?? {}), ...Object.keys(expected)]);
  return [...keys].filter((key) => !isDeepStrictEqual(got?.[key], expected[key]));
}

/** The first path at which two JSON values differ, for a failure message. */
function firstDifference(got, expected, where = "") {
  if (isDeepStrictEqual(got, expected)) return null;
  if (got && expected && typeof got === "object" && typeof expected === "object") {
    for (const key of new Set([...Object.keys(got), ...Object.keys(expected)])) {
      const found = firstDifference(got[key], expected[key], `${where}/${key}`);
      if (found) return found;
    }
  }
  return `${where || "/"}: got ${JSON.stringify(got)?.slice(0, 120)}, CLI ${JSON.stringify(expected)?.slice(0, 120)}`;
}

/** Loads `url` in a fresh browser context and checks what the app did. */
async function visit(browser, app, url, expected) {
  const context = await browser.createBrowserContext();
  const problems = [];
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    let noticeProblem;
    const problemSeen = new Promise((resolve) => (noticeProblem = resolve));
    const problem = (text) => {
      problems.push(text);
      noticeProblem();
    };
    page.on("pageerror", (error) => problem(`page error: ${error.message ?? error}`));
    // The browser's own request for /favicon.ico is not the app's.
    const isFavicon = (url) => url && new URL(url).pathname === "/favicon.ico";
    page.on("console", (message) => {
      if (message.type() === "error" && !isFavicon(message.location()?.url))
        problem(`console error: ${message.text()}`);
    });
    page.on("requestfailed", (request) =>
      problem(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    );
    page.on("response", (response) => {
      if (response.status() >= 400 && !isFavicon(response.url()))
        problem(`HTTP ${response.status()} for ${response.url()}`);
    });

    const start = performance.now();
    await page.goto(url, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
    const done = page
      .waitForFunction("window.__result !== undefined", { timeout: PAGE_TIMEOUT_MS, polling: 50 })
      .then(() => true, () => false);
    // A page error stops the wait (after a moment for further messages).
    const finished = await Promise.race([done, problemSeen.then(() => new Promise((r) => setTimeout(() => r(false), 300)))]);
    const pageMs = performance.now() - start;
    if (!finished && problems.length === 0) problems.push(`no result after ${seconds(PAGE_TIMEOUT_MS)}`);

    const seen = await page.evaluate(() => {
      const svg = document.querySelector("#canvas svg");
      const box = svg?.getBoundingClientRect();
      return {
        result: window.__result ?? null,
        svgElements: document.querySelectorAll("svg").length,
        svgBox: box ? { width: box.width, height: box.height } : null,
        summary: document.querySelector("#summary")?.textContent ?? null,
      };
    });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${app.name}.png`) });

    if (!seen.svgBox) problems.push(`no <svg> element in #canvas (${seen.svgElements} <svg> in the page)`);
    else if (!(seen.svgBox.width > 100 && seen.svgBox.height > 100))
      problems.push(`the <svg> is drawn at ${seen.svgBox.width} x ${seen.svgBox.height} px`);
    const result = seen.result;
    if (result) {
      if (result.svg !== expected.svg)
        problems.push(
          `SVG differs from \`journeymap render --format svg\` (${result.svg?.length} vs ${expected.svg.length} chars)`,
        );
      for (const key of ["totals", "funnel"]) {
        const difference = firstDifference(result.report?.[key], expected.report[key], `/${key}`);
        if (difference) problems.push(`report differs from the CLI's at ${difference}`);
      }
      const others = differingKeys(result.report, expected.report).filter((k) => k !== "totals" && k !== "funnel");
      if (others.length) {
        problems.push(`report differs from the CLI's in ${others.join(", ")}`);
        for (const key of others.slice(0, 3)) {
          problems.push(`  first difference: ${firstDifference(result.report?.[key], expected.report[key], `/${key}`)}`);
        }
      }
    }
    return { problems, pageMs, svgLength: result?.svg?.length, summary: seen.summary };
  } finally {
    await context.close();
  }
}

/** Copies an app to the work directory and installs the tarball into it, as a user would. */
async function prepare(app) {
  const dir = path.join(WORK, app.name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(HERE, "apps", app.source ?? app.name), dir, { recursive: true });
  const log = path.join(LOGS, `${app.name}.log`);
  fs.writeFileSync(log, "");
  await run(
    "npm",
    ["install", "--no-save", "--no-package-lock", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", TARBALL],
    { cwd: dir, log, timeout: 120_000 },
  );
  return { dir, log };
}

async function viteDevServer(dir, log) {
  const { createServer } = await import("vite");
  const record = (level) => (message) => fs.appendFileSync(log, `[vite ${level}] ${message}\n`);
  const errors = [];
  const server = await createServer({
    root: dir,
    server: { host: "127.0.0.1", port: 0 },
    customLogger: {
      info: record("info"),
      warn: record("warn"),
      warnOnce: record("warn"),
      error: (message) => {
        errors.push(message);
        record("error")(message);
      },
      clearScreen() {},
      hasErrorLogged: () => errors.length > 0,
      hasWarned: false,
    },
  });
  await server.listen();
  return { url: server.resolvedUrls.local[0], errors, close: () => server.close() };
}

async function testApp(app, prepared, browser, expected) {
  const { dir, log } = await prepared;
  const facts = [];
  let server;
  let buildMs = 0;
  try {
    if (app.build) {
      const start = performance.now();
      await run(path.join(BIN, app.build[0]), app.build.slice(1), { cwd: dir, log });
      buildMs = performance.now() - start;
      const bundle = measureBundle(path.join(dir, app.out));
      facts.push(
        `${size(bundle.bytes)} bundle (${bundle.files} file${bundle.files === 1 ? "" : "s"}, ${size(bundle.gzip)} gzip)`,
        `build ${seconds(buildMs)}`,
      );
    }
    const root = path.join(dir, app.dev ? "." : app.serve);
    fs.copyFileSync(MAP, path.join(root, "coffee-maker.json"));
    fs.copyFileSync(EVENTS, path.join(root, "coffee-maker-events.csv"));
    server = app.dev ? await viteDevServer(dir, log) : await serve(root);
    const outcome = await visit(browser, app, server.url, expected);
    if (server.errors?.length) outcome.problems.push(...server.errors.map((e) => `dev server error: ${e}`));
    if (!app.build && !app.dev) facts.push(`${size(server.served.scriptBytes)} of modules loaded, no bundler`);
    if (app.dev) facts.push("dev server");
    facts.push(`page ${seconds(outcome.pageMs)}`);
    if (outcome.svgLength) facts.push(`SVG ${outcome.svgLength} chars`);
    return { ok: outcome.problems.length === 0, facts, problems: outcome.problems };
  } catch (error) {
    return { ok: false, facts, problems: [String(error.message ?? error)] };
  } finally {
    await server?.close();
  }
}

// An error a tool raises in the background (Vite's dependency optimizer
// does) fails the app being tested instead of ending the run.
let backgroundErrors = [];
process.on("unhandledRejection", (error) => backgroundErrors.push(String(error?.message ?? error)));
process.on("uncaughtException", (error) => backgroundErrors.push(String(error?.message ?? error)));

async function main() {
  if (!TARBALL || !fs.existsSync(TARBALL)) fail(`JOURNEYMAP_TARBALL (${TARBALL}) is not a file`);
  if (!fs.existsSync(CLI)) fail(`the CLI binary ${CLI} is missing`);
  if (!fs.existsSync(CHROMIUM)) fail(`${CHROMIUM} is missing`);
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !APPS.some((app) => app.name === name));
  if (unknown.length) fail(`unknown app ${unknown.join(", ")}; apps: ${APPS.map((a) => a.name).join(", ")}`);
  const apps = wanted.length ? APPS.filter((app) => wanted.includes(app.name)) : APPS;

  const expected = {
    report: JSON.parse(
      execFileSync(CLI, ["analyze", MAP, EVENTS, "--format", "json", "--score-scale", "one-to-five"], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
      }),
    ),
    svg: execFileSync(CLI, ["render", "--format", "svg", MAP], { encoding: "utf8", maxBuffer: 64 << 20 }),
  };

  fs.mkdirSync(WORK, { recursive: true });
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.rmSync(LOGS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.mkdirSync(LOGS, { recursive: true });
  // The apps find the bundlers (and Parcel its default configuration) one
  // directory up, as in a workspace; journeymap only in their own node_modules.
  const tools = path.join(WORK, "node_modules");
  fs.rmSync(tools, { recursive: true, force: true });
  fs.symlinkSync(path.join(HERE, "node_modules"), tools, "dir");

  const versions = ["vite", "webpack", "esbuild", "rollup", "parcel", "puppeteer-core"].map((name) => {
    const file = path.join(HERE, "node_modules", name, "package.json");
    return `${name} ${JSON.parse(fs.readFileSync(file, "utf8")).version}`;
  });

  // Installing the tarball is I/O: every app's at once, while Chromium starts.
  const prepared = new Map(apps.map((app) => [app.name, prepare(app)]));
  for (const promise of prepared.values()) promise.catch(() => {});

  const puppeteer = (await import("puppeteer-core")).default;
  const browser = await launchChromium(puppeteer, CHROMIUM);
  console.log(`browser: ${await browser.version()}, ${versions.join(", ")}`);

  let passed = 0;
  let failed = 0;
  try {
    for (const app of apps) {
      backgroundErrors = [];
      const outcome = await testApp(app, prepared.get(app.name), browser, expected);
      if (backgroundErrors.length) {
        outcome.ok = false;
        outcome.problems.push(...backgroundErrors.map((e) => `error in the background: ${e}`));
      }
      if (outcome.ok) {
        passed += 1;
        console.log(`ok ${app.name}: ${outcome.facts.join(", ")}`);
      } else {
        failed += 1;
        console.log(`FAIL ${app.name}${outcome.facts.length ? ` (${outcome.facts.join(", ")})` : ""}`);
        for (const problem of outcome.problems) console.log(`    ${problem.replaceAll("\n", "\n    ")}`);
        console.log(`    log: ${path.relative(ROOT, path.join(LOGS, `${app.name}.log`))}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${path.relative(ROOT, SCREENSHOTS)}/`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
