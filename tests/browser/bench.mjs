// The WebAssembly build of `analyze` against the native CLI, in one run:
// Node.js and headless Chromium, for bytes, a File/Blob read in chunks and a
// string, with the time of each relative to the CLI on the same log.
//
//   cargo build --release -p journeymap-cli
//   target/release/journeymap generate schema/examples/coffee-maker.json --events 1000000 -o target/bench/1m.csv
//   node tests/browser/bench.mjs schema/examples/coffee-maker.json target/bench/1m.csv [RUNS]
//
// Needs bindings-wasm/pkg/ built (bindings-wasm/run-tests) and
// tests/browser/node_modules (tests/browser/run installs it). Prints the
// median of RUNS timed runs (default 5) after one warm-up, and Node.js's
// resident memory after each of 10 runs (it must not grow run over run).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { launchChromium, serve } from "./chromium.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const [mapArg, logArg, runsArg = "5"] = process.argv.slice(2);
if (!mapArg || !logArg) {
  console.error("usage: node tests/browser/bench.mjs MAP LOG [RUNS]");
  process.exit(2);
}
const MAP = path.resolve(mapArg);
const LOG = path.resolve(logArg);
const RUNS = Number(runsArg);
const CLI = process.env.JOURNEYMAP_CLI || path.join(ROOT, "target", "release", "journeymap");

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

function native(threads) {
  const env = { ...process.env, ...(threads ? { RAYON_NUM_THREADS: String(threads) } : {}) };
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    execFileSync(CLI, ["analyze", MAP, LOG, "--format", "json", "-o", "/dev/null"], { env });
    if (i > 0) times.push(performance.now() - t);
  }
  return median(times);
}

async function inNode() {
  const { JourneyMap, analyze, analyzeAsync } = await import(path.join(ROOT, "bindings-wasm", "index.js"));
  const map = JourneyMap.fromJSON(fs.readFileSync(MAP));
  const bytes = fs.readFileSync(LOG);
  const time = async (fn) => {
    const times = [];
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      await fn();
      if (i > 0) times.push(performance.now() - t);
    }
    return median(times);
  };
  const out = {
    bytes: await time(() => analyze(map, bytes)),
    blob: await time(() => analyzeAsync(map, new Blob([bytes]))),
  };
  const rss = [];
  for (let i = 0; i < 10; i++) {
    analyze(map, bytes);
    rss.push(Math.round(process.memoryUsage().rss / 2 ** 20));
  }
  out.rss = rss;
  return out;
}

async function inChromium() {
  const puppeteer = (await import("puppeteer-core")).default;
  const site = await serve(ROOT);
  const browser = await launchChromium(puppeteer, process.env.CHROMIUM || "/usr/bin/chromium");
  try {
    const page = await browser.newPage();
    // Any page of the origin will do: the module is imported in it.
    await page.goto(`${site.url}bindings-wasm/package.json`);
    return await page.evaluate(
      async (mapUrl, logUrl, runs) => {
        const { JourneyMap, analyze, analyzeAsync } = await import("/bindings-wasm/index.js");
        const map = JourneyMap.fromJSON(await (await fetch(mapUrl)).text());
        const bytes = new Uint8Array(await (await fetch(logUrl)).arrayBuffer());
        const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
        const time = async (fn) => {
          const times = [];
          for (let i = 0; i <= runs; i++) {
            const t = performance.now();
            await fn();
            if (i > 0) times.push(performance.now() - t);
          }
          return median(times);
        };
        const file = new File([bytes], "events.csv");
        const out = {
          bytes: await time(() => analyze(map, bytes)),
          file: await time(() => analyzeAsync(map, file)),
        };
        const text = new TextDecoder().decode(bytes);
        out.string = await time(() => analyze(map, text));
        return out;
      },
      `/${path.relative(ROOT, MAP)}`,
      `/${path.relative(ROOT, LOG)}`,
      RUNS,
    );
  } finally {
    await browser.close();
    await site.close();
  }
}

for (const file of [MAP, LOG]) {
  if (!file.startsWith(ROOT + path.sep)) {
    console.error(`bench: ${file} must be inside the repository (it is served from there)`);
    process.exit(2);
  }
}
const cli = native(0);
const cli1 = native(1);
const node = await inNode();
const chromium = await inChromium();
const rows = [
  ["native CLI (all cores)", cli],
  ["native CLI (1 thread)", cli1],
  ["Node.js, bytes", node.bytes],
  ["Node.js, Blob (analyzeAsync)", node.blob],
  ["Chromium, bytes", chromium.bytes],
  ["Chromium, File (analyzeAsync)", chromium.file],
  ["Chromium, string", chromium.string],
];
console.log(`${path.relative(ROOT, LOG)}: ${fs.statSync(LOG).size} bytes; median of ${RUNS} runs after one warm-up`);
console.log("| run | time | vs CLI (all cores) | vs CLI (1 thread) |\n|---|---:|---:|---:|");
for (const [name, ms] of rows) {
  console.log(`| ${name} | ${secs(ms)} | ${(ms / cli).toFixed(2)}x | ${(ms / cli1).toFixed(2)}x |`);
}
console.log(`Node.js resident memory after each of 10 runs (MiB): ${node.rss.join(", ")}`);
