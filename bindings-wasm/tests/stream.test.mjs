// Event logs that arrive over time: Blobs, streams and Responses read by
// analyzeAsync in chunks, progress callbacks, ArrayBuffers, and the
// WebAssembly memory a run leaves behind.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { memory_bytes as memoryBytes } from "../pkg/journeymap.js";
import { JourneyMap, JourneyMapError, analyze, analyzeAsync } from "../index.js";
import { EVENTS_DIR, REPO_DIR } from "./helpers.mjs";

const map = JourneyMap.fromJSON(readFileSync(join(REPO_DIR, "schema", "examples", "coffee-maker.json")));
const csv = readFileSync(join(REPO_DIR, "schema", "examples", "coffee-maker-events.csv"));
const options = { scoreScale: "one_to_five" };
const want = analyze(map, csv, options);

/** A ReadableStream giving `bytes` in chunks of `size`. */
function streamOf(bytes, size) {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

describe("event logs over time", () => {
  test("a Blob, a File, a Response and streams in any chunks read as the bytes at once", async () => {
    assert.deepEqual(await analyzeAsync(map, new Blob([csv]), options), want);
    assert.deepEqual(await map.analyzeAsync(new File([csv], "events.csv"), options), want);
    assert.deepEqual(await map.analyzeAsync(new Response(csv), options), want);
    for (const size of [1, 7, 4096, 1 << 20]) {
      // One byte at a time is slow on the whole file: its first 3,000 bytes then.
      const bytes = size === 1 ? csv.subarray(0, csv.indexOf(10, 3000) + 1) : csv;
      assert.deepEqual(await map.analyzeAsync(streamOf(bytes, size), options), analyze(map, bytes, options), `chunks of ${size}`);
    }
    // JSON Lines too, and everything analyze takes.
    const jsonl = readFileSync(join(EVENTS_DIR, "shop.jsonl"));
    const shop = JourneyMap.fromJSON(readFileSync(join(EVENTS_DIR, "shop.json")));
    assert.deepEqual(await shop.analyzeAsync(streamOf(jsonl, 10), { inputFormat: "jsonl" }), analyze(shop, jsonl, { inputFormat: "jsonl" }));
    assert.deepEqual(await analyzeAsync(map, csv.toString("utf8"), options), want);
    assert.deepEqual(await analyzeAsync(map, csv, options), want);
  });

  test("a File's format is told by its name, as the CLI's and Python's paths are", async () => {
    const shop = JourneyMap.fromJSON(readFileSync(join(EVENTS_DIR, "shop.json")));
    const text = readFileSync(join(EVENTS_DIR, "shop.csv"), "utf8");
    const tsv = text.replaceAll(",", "\t");
    const jsonl = readFileSync(join(EVENTS_DIR, "shop.jsonl"));
    const want = analyze(shop, text);
    assert.deepEqual(await shop.analyzeAsync(new File([tsv], "shop.TAB")), want);
    assert.deepEqual(await shop.analyzeAsync(new File([tsv], "shop.tsv")), want);
    assert.deepEqual(await shop.analyzeAsync(new File([jsonl], "shop.ndjson")), analyze(shop, jsonl, { inputFormat: "jsonl" }));
    await assert.rejects(
      shop.analyzeAsync(new File([text], "shop.txt")),
      (e) => e.code === "INVALID_VALUE" && e.path === "/inputFormat" && e.message.includes(".csv, .tsv, .tab, .jsonl or .ndjson"),
    );
    // inputFormat wins over the name; a Blob has no name: CSV unless said.
    assert.deepEqual(await shop.analyzeAsync(new File([text], "shop.txt"), { inputFormat: "csv" }), want);
    assert.deepEqual(await shop.analyzeAsync(new Blob([text])), want);
  });

  test("ArrayBuffers are bytes too", () => {
    const buffer = csv.buffer.slice(csv.byteOffset, csv.byteOffset + csv.length);
    assert.deepEqual(analyze(map, buffer, options), want);
  });

  test("onProgress counts the bytes read, up to the total; the report is the same", async () => {
    const seen = [];
    assert.deepEqual(analyze(map, csv, { ...options, onProgress: (read, total) => seen.push([read, total]) }), want);
    assert.ok(seen.length >= 1);
    assert.deepEqual(seen.at(-1), [csv.length, csv.length]);
    const blob = [];
    await map.analyzeAsync(new Blob([csv]), { ...options, onProgress: (read, total) => blob.push([read, total]) });
    assert.deepEqual(blob.at(-1), [csv.length, csv.length]);
    assert.ok(blob.every(([read], i) => i === 0 || read > blob[i - 1][0]), "bytes read grow");
    const streamed = [];
    await map.analyzeAsync(streamOf(csv, 50_000), { ...options, onProgress: (read, total) => streamed.push([read, total]) });
    assert.equal(streamed.length, Math.ceil(csv.length / 50_000));
    assert.deepEqual(streamed.at(-1), [csv.length, undefined]);
  });

  test("bad rows, bad options and bad chunks reject with typed errors", async () => {
    const bad = new Blob(["customer_id,timestamp,touchpoint\nc1,soon,tp-social-ad\n"]);
    await assert.rejects(map.analyzeAsync(bad), (e) => e instanceof JourneyMapError && e.code === "BAD_TIMESTAMP" && e.row === 1 && e.line === 2);
    const skipped = await map.analyzeAsync(bad, { onBadRow: "skip" });
    assert.deepEqual(skipped.ingest.skipped, { BAD_TIMESTAMP: 1 });
    // Options are checked before anything is read.
    const untouched = new ReadableStream({ start: (c) => { c.enqueue(new Uint8Array([104, 105])); c.close(); } });
    await assert.rejects(map.analyzeAsync(untouched, { halfLife: "soon" }), (e) => e.code === "INVALID_VALUE" && e.path === "/halfLife");
    await assert.rejects(map.analyzeAsync(untouched, { halfLife: 0 }), (e) => e.code === "INVALID_VALUE" && e.path === "/halfLife");
    assert.equal(untouched.locked, false);
    assert.deepEqual([...(await untouched.getReader().read()).value], [104, 105], "the stream was not read");
    const strings = new ReadableStream({ start: (c) => { c.enqueue("customer_id"); c.close(); } });
    await assert.rejects(map.analyzeAsync(strings), (e) => e.code === "INVALID_ARGUMENT" && /Uint8Array chunks/.test(e.message));
    await assert.rejects(analyzeAsync(map, 42), (e) => e.code === "INVALID_ARGUMENT");
    assert.throws(() => analyze(map, new Blob([csv])), (e) => e.code === "INVALID_ARGUMENT" && /analyzeAsync/.test(e.message));
    assert.throws(() => analyze(map, [], { onProgress: () => {} }), (e) => e.code === "INVALID_ARGUMENT");
    assert.throws(() => analyze(map, csv, { onProgress: 1 }), (e) => e.code === "INVALID_ARGUMENT");
    // A failing stream's error reaches the caller as it is.
    const broken = new ReadableStream({ pull: (c) => c.error(new Error("disk gone")) });
    await assert.rejects(map.analyzeAsync(broken), /disk gone/);
  });

  test("the map may change or be freed while a stream is read", async () => {
    const copy = JourneyMap.fromJSON(map.toJSONString());
    let release;
    const gate = new Promise((r) => (release = r));
    const body = new ReadableStream({
      async pull(c) {
        await gate;
        c.enqueue(new Uint8Array(csv));
        c.close();
      },
    });
    const report = copy.analyzeAsync(body, options);
    copy.free();
    release();
    assert.deepEqual(await report, want);
  });

  test("WebAssembly memory stops growing: runs reuse what earlier runs freed", () => {
    const body = csv.subarray(csv.indexOf(10) + 1);
    const big = Buffer.concat([csv, ...Array.from({ length: 7 }, () => body)]);
    const sizes = [];
    for (let i = 0; i < 6; i++) {
      analyze(map, big, options);
      analyze(map, big, { ...options, onProgress: () => {} });
      sizes.push(memoryBytes());
    }
    console.log(`# wasm memory after each of 6 runs: ${sizes.map((s) => `${(s / 2 ** 20).toFixed(1)} MiB`).join(", ")}`);
    assert.deepEqual(sizes.slice(2), Array(4).fill(sizes[1]), "memory grew after the second run");
  });
});
