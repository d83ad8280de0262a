// End-to-end test of the web app: serves dist/ on 127.0.0.1, drives
// Debian's Chromium with puppeteer-core and walks through what a user does:
// open the example, zoom and pan, rename a touchpoint, make refused edits,
// pick a lint finding, analyse the example event log (the funnel must equal
// the native CLI's), export every format, undo.
//
// Environment: CHROMIUM (default /usr/bin/chromium), JOURNEYMAP_CLI (the
// native CLI), SCREENSHOTS (directory for the PNGs). Run by ../run-tests.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { JourneyMap } from "journeymap";

// Debian's Chromium and a static file server, as the browser suite starts them.
import { launchChromium, serve } from "../../../tests/browser/chromium.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const APP = resolve(HERE, "..");
const ROOT = resolve(APP, "../..");
const DIST = join(APP, "dist");
const EXAMPLES = join(ROOT, "schema/examples");
const MAP_FILE = join(EXAMPLES, "coffee-maker.json");
const EVENTS_FILE = join(EXAMPLES, "coffee-maker-events.csv");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const CLI = process.env.JOURNEYMAP_CLI || join(ROOT, "target/release/journeymap");
const SCREENSHOTS = process.env.SCREENSHOTS || join(ROOT, "target/web-app/screenshots");

// ---------------------------------------------------------------------------
// Checks

let passed = 0;
let failed = 0;
const skipped = [];

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function equal(actual, expected, message) {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${message}: got ${a}, expected ${b}`);
}

// ---------------------------------------------------------------------------

let cliReport;
await check("the native CLI analyses the example", () => {
  cliReport = JSON.parse(
    execFileSync(CLI, ["analyze", MAP_FILE, EVENTS_FILE, "--score-scale", "one-to-five", "--format", "json"], {
      cwd: ROOT,
      encoding: "utf8",
    }),
  );
});
const funnelOf = (report) =>
  report.funnel.stages.map((s) => ({
    stage: s.stage,
    customers: s.customers,
    continued: s.continued,
    dropped: s.dropped,
    skipped: s.skipped,
  }));

async function main() {
  const site = await serve(DIST);
  const origin = site.url.replace(/\/$/, "");
  const downloads = mkdtempSync(join(tmpdir(), "journeymap-web-downloads-"));
  mkdirSync(SCREENSHOTS, { recursive: true });

  const browser = await launchChromium(puppeteer, CHROMIUM);

  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 1000 });
    page.setDefaultTimeout(30_000);

    const pageErrors = [];
    const foreignRequests = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(`console: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:")) foreignRequests.push(url);
    });

    // Downloads land in `downloads`, named by their GUID; remember the names.
    const cdp = await browser.target().createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allowAndName", downloadPath: downloads, eventsEnabled: true });
    const names = new Map();
    const done = new Map();
    cdp.on("Browser.downloadWillBegin", (e) => names.set(e.guid, e.suggestedFilename));
    cdp.on("Browser.downloadProgress", (e) => {
      if (e.state === "completed") done.set(e.guid, true);
    });
    /** Clicks an export button and returns the downloaded file's name and text. */
    async function exported(kind) {
      const before = new Set(names.keys());
      await page.click(`[data-export="${kind}"]`);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const guid = [...names.keys()].find((g) => !before.has(g) && done.get(g));
        if (guid) return { name: names.get(guid), text: readFileSync(join(downloads, guid), "utf8") };
        if (Date.now() > deadline) throw new Error(`no download for ${kind}`);
        await new Promise((ok) => setTimeout(ok, 50));
      }
    }

    const svgText = () => page.$eval("#viewport svg.journey", (svg) => svg.textContent);
    const svgMarkup = () =>
      page.$eval("#viewport svg.journey", (svg) => {
        const copy = svg.cloneNode(true);
        copy.querySelector(".jm-highlight")?.remove();
        return copy.outerHTML;
      });
    const zoomLevel = () => page.$eval("#zoom-level", (o) => o.textContent);

    await page.goto(origin, { waitUntil: "load" });

    await check("the page opens with an empty canvas and no errors", async () => {
      await page.waitForSelector("#viewport .empty");
      equal(pageErrors, [], "page errors");
    });

    await check("an invalid map file is refused with its error code", async () => {
      const input = await page.$("#open-map");
      await input.uploadFile(join(EXAMPLES, "invalid/emotion-score-out-of-range.json"));
      await page.waitForSelector("#banner:not([hidden])");
      const code = await page.$eval("#banner", (b) => b.dataset.code);
      equal(code, "EMOTION_OUT_OF_RANGE", "banner code");
      assert(await page.$("#viewport .empty"), "the canvas stays empty");
    });

    await check("dropping a map file on the page opens it", async () => {
      const text = readFileSync(join(EXAMPLES, "b2b-onboarding.json"), "utf8");
      const expected = JourneyMap.fromJSON(text).name;
      await page.evaluate((text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], "b2b-onboarding.json", { type: "application/json" }));
        const target = document.getElementById("viewport");
        for (const type of ["dragenter", "dragover", "drop"]) {
          target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
        }
      }, text);
      await page.waitForSelector("#viewport svg.journey");
      equal(await page.$eval("#viewport svg.journey title", (t) => t.textContent), expected, "canvas title");
      assert(await page.$eval("#drop-overlay", (o) => o.hidden), "the drop overlay is gone");
      assert(await page.$eval("#example-events", (b) => b.hidden), "no example events for this map");
    });

    await check("the example opens: canvas with every touchpoint, fitted to the width", async () => {
      await page.click("#load-example");
      await page.waitForSelector("#viewport svg.journey");
      assert(await page.$eval("#banner", (b) => b.hidden), "the banner is hidden again");
      const n = await page.$$eval("#viewport svg.journey g.touchpoint", (g) => g.length);
      equal(n, 17, "touchpoints on the canvas");
      const { svgWidth, viewWidth, scrollWidth, pageWidth } = await page.evaluate(() => {
        const v = document.getElementById("viewport");
        return {
          svgWidth: v.querySelector("svg").getBoundingClientRect().width,
          viewWidth: v.clientWidth,
          scrollWidth: document.documentElement.scrollWidth,
          pageWidth: window.innerWidth,
        };
      });
      assert(Math.abs(svgWidth - viewWidth) <= 1, `canvas ${svgWidth}px wide in a ${viewWidth}px viewport`);
      assert(scrollWidth <= pageWidth, `page overflows: ${scrollWidth} > ${pageWidth}`);
      equal(await zoomLevel(), "100%", "zoom");
      const title = await page.$eval("#viewport svg.journey title", (t) => t.textContent);
      equal(title, "Buying a coffee maker online", "canvas title");
      await page.screenshot({ path: join(SCREENSHOTS, "1-initial.png") });
    });

    await check("lint findings are listed, as many as the package finds", async () => {
      const map = JourneyMap.fromJSON(readFileSync(MAP_FILE));
      const expected = map.lint().map((d) => d.code);
      const shown = await page.$$eval("#findings button.finding", (b) => b.map((x) => x.dataset.code));
      equal(shown, expected, "finding codes");
    });

    await check("zoom with the buttons and Ctrl + wheel, pan by dragging", async () => {
      const width = () => page.$eval("#viewport svg.journey", (s) => s.getBoundingClientRect().width);
      const fit = await width();
      await page.click("#zoom-in");
      await page.click("#zoom-in");
      equal(await zoomLevel(), "156%", "zoom after two steps in");
      assert(Math.abs((await width()) - fit * 1.5625) < 2, "the canvas grew");
      const box = await (await page.$("#viewport")).boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.down("Control");
      await page.mouse.wheel({ deltaY: -200 });
      await page.keyboard.up("Control");
      await page.waitForFunction(() => document.getElementById("zoom-level").textContent !== "156%");
      const zoomed = Number.parseInt(await zoomLevel(), 10);
      assert(zoomed > 156, `Ctrl + wheel zoomed in (${zoomed}%)`);
      const scroll = () => page.$eval("#viewport", (v) => [v.scrollLeft, v.scrollTop]);
      const [left0, top0] = await scroll();
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 - 60, { steps: 5 });
      await page.mouse.up();
      const [left1, top1] = await scroll();
      assert(Math.abs(left1 - left0 - 150) <= 2 && Math.abs(top1 - top0 - 60) <= 2, `panned ${left1 - left0}, ${top1 - top0}`);
      await page.click("#zoom-fit");
      equal(await zoomLevel(), "100%", "zoom after Fit");
    });

    const NEW_NAME = "Adds a machine to the basket <b>& saves it</b>";
    let tpIndex = -1;

    await check("renaming a touchpoint changes the canvas", async () => {
      tpIndex = JourneyMap.fromJSON(readFileSync(MAP_FILE)).touchpoints.findIndex((t) => t.id === "tp-cart");
      await page.select("#tp-select", "tp-cart");
      await page.waitForFunction(() => document.querySelector('#editor [name="name"]').value === "Adds a machine to the cart");
      assert(!(await svgText()).includes(NEW_NAME), "the new name is not there yet");
      await page.$eval('#editor [name="name"]', (input) => (input.value = ""));
      await page.type('#editor [name="name"]', NEW_NAME);
      await page.keyboard.press("Tab"); // commits the field: a change event
      await page.waitForFunction((name) => document.querySelector("#viewport svg.journey").textContent.includes(name), {}, NEW_NAME);
      assert(await page.$eval("#edit-error", (e) => e.hidden), "no error shown");
      equal(await page.$$eval("#viewport svg.journey b", (b) => b.length), 0, "markup in a name stays text");
      const option = await page.$eval("#tp-select", (s) => s.selectedOptions[0].textContent);
      assert(option.endsWith(NEW_NAME), `touchpoint list shows the new name: ${option}`);
      assert(!(await page.$eval("#undo", (b) => b.disabled)), "Undo is enabled");
      // Zoom in on the renamed touchpoint for the screenshot.
      for (let i = 0; i < 4; i++) await page.click("#zoom-in");
      await page.$eval("#viewport", (viewport) => {
        const text = [...viewport.querySelectorAll("svg.journey text")].find((t) => t.textContent.includes("basket"));
        const box = text.getBoundingClientRect();
        const view = viewport.getBoundingClientRect();
        viewport.scrollLeft += box.left - view.left - 80;
        viewport.scrollTop += box.top - view.top - 120;
      });
      await page.screenshot({ path: join(SCREENSHOTS, "2-after-edit.png") });
      await page.click("#zoom-fit");
    });

    await check("an emotion score of 7 is refused with its code, the map unchanged", async () => {
      const before = await svgMarkup();
      const findings = await page.$$eval("#findings button.finding", (b) => b.length);
      await page.$eval('#editor [name="score"]', (input) => (input.value = ""));
      await page.type('#editor [name="score"]', "7");
      await page.keyboard.press("Tab");
      await page.waitForSelector("#edit-error:not([hidden])");
      equal(await page.$eval("#edit-error .code", (e) => e.textContent), "EMOTION_OUT_OF_RANGE", "code");
      equal(await page.$eval("#edit-error .path", (e) => e.textContent), `/touchpoints/${tpIndex}/emotion/score`, "path");
      assert((await page.$eval("#edit-error .message", (e) => e.textContent)).includes("outside"), "message shown");
      equal(await page.$eval('#editor [name="score"]', (e) => e.getAttribute("aria-invalid")), "true", "field marked");
      assert((await svgMarkup()) === before, "the canvas is unchanged");
      equal(await page.$$eval("#findings button.finding", (b) => b.length), findings, "findings unchanged");
      await page.$eval("#editor", (form) => form.scrollIntoView({ block: "center" }));
      await page.screenshot({ path: join(SCREENSHOTS, "3-refused-edit.png") });
      await page.evaluate(() => window.scrollTo(0, 0));
    });

    await check("an empty name is refused with EMPTY_NAME; discarding restores the form", async () => {
      const before = await svgMarkup();
      await page.click("#revert");
      await page.waitForSelector("#edit-error", { hidden: true });
      equal(await page.$eval('#editor [name="score"]', (e) => e.value), "-1", "score restored");
      await page.$eval('#editor [name="name"]', (input) => (input.value = "   "));
      await page.$eval('#editor [name="name"]', (input) => input.dispatchEvent(new Event("change", { bubbles: true })));
      await page.waitForSelector("#edit-error:not([hidden])");
      equal(await page.$eval("#edit-error .code", (e) => e.textContent), "EMPTY_NAME", "code");
      equal(await page.$eval("#edit-error .path", (e) => e.textContent), `/touchpoints/${tpIndex}/name`, "path");
      assert((await svgMarkup()) === before, "the canvas is unchanged");
      await page.click("#revert");
      equal(await page.$eval('#editor [name="name"]', (e) => e.value), NEW_NAME, "name restored");
    });

    await check("pain points can be added through the form", async () => {
      await page.click('[data-add="pain_points"]');
      await page.keyboard.type("Delivery cost shown late");
      await page.keyboard.press("Tab");
      await page.waitForFunction(() =>
        document.querySelector("#viewport svg.journey").textContent.includes("Delivery cost shown late"),
      );
      assert(await page.$eval("#edit-error", (e) => e.hidden), "no error shown");
    });

    await check("clicking a lint finding selects its touchpoint", async () => {
      const target = await page.$eval("#findings button.finding[data-touchpoint]", (b) => b.dataset.touchpoint);
      await page.click(`#findings button.finding[data-touchpoint="${target}"]`);
      equal(await page.$eval("#tp-select", (s) => s.value), target, "selected in the editor");
      equal(
        await page.$eval(`#findings button.finding[data-touchpoint="${target}"]`, (b) => b.getAttribute("aria-current")),
        "true",
        "finding marked",
      );
      const marked = await page.$$eval("#viewport svg.journey g.touchpoint[data-id]", (g) => g.length);
      if (marked === 0) {
        skipped.push("canvas highlight of a finding's touchpoint: the SVG has no touchpoint ids (g.touchpoint[data-id])");
        return;
      }
      await page.waitForSelector("#viewport svg.journey .jm-highlight");
      const inside = await page.$eval(
        "#viewport svg.journey",
        (svg, id) => {
          const g = svg.querySelector(`g.touchpoint[data-id="${CSS.escape(id)}"]`).getBBox();
          const h = svg.querySelector(".jm-highlight").getBBox();
          return h.x <= g.x && h.y <= g.y && h.x + h.width >= g.x + g.width && h.y + h.height >= g.y + g.height;
        },
        target,
      );
      assert(inside, "the highlight surrounds the touchpoint");
    });

    await check("the example event log is analysed in a worker; the funnel equals the CLI's", async () => {
      await page.evaluate(() => {
        window.__states = [];
        window.__bar = [];
        const progress = document.getElementById("progress");
        new MutationObserver(() => window.__states.push(progress.dataset.state)).observe(progress, {
          attributes: true,
          attributeFilter: ["data-state"],
        });
        const bar = document.getElementById("progress-bar");
        new MutationObserver(() => window.__bar.push([bar.getAttribute("value"), bar.max])).observe(bar, {
          attributes: true,
          attributeFilter: ["value"],
        });
      });
      const input = await page.$("#open-events");
      await input.uploadFile(EVENTS_FILE);
      await page.waitForSelector("#results:not([hidden])");
      await page.waitForSelector("#viewport svg.journey g.funnel");
      const states = await page.evaluate(() => window.__states);
      equal(states.filter((s, i) => s !== states[i - 1]), ["reading", "analysing", "done"], "progress states");
      const size = statSync(EVENTS_FILE).size;
      const bar = await page.evaluate(() => window.__bar);
      assert(
        bar.some(([value, max]) => Number(value) === size && max === size),
        `the progress bar reached the file's ${size} bytes: ${JSON.stringify(bar)}`,
      );
      assert((await page.$eval("#progress-text", (e) => e.textContent)).includes("analysed"), "progress text");
      const shown = await page.$$eval("#funnel tbody tr", (rows) =>
        rows.map((r) => ({
          stage: r.dataset.stage,
          customers: Number(r.dataset.customers),
          continued: Number(r.dataset.continued),
          dropped: Number(r.dataset.dropped),
          skipped: Number(r.dataset.skipped),
        })),
      );
      equal(shown, funnelOf(cliReport), "funnel");
      const figures = await page.$$eval("#figures [data-figure]", (d) =>
        Object.fromEntries(d.map((x) => [x.dataset.figure, Number(x.dataset.value)])),
      );
      equal(
        [figures.customers, figures.converted, figures["conversion-rate"], figures.fitness],
        [
          cliReport.totals.customers,
          cliReport.totals.converted_customers,
          cliReport.totals.conversion_rate,
          cliReport.conformance.fitness,
        ],
        "key figures",
      );
      const desc = await page.$eval("#viewport svg.journey desc", (d) => d.textContent);
      assert(desc.includes("overlaid with a journey report"), `overlay drawn: ${desc}`);
      assert((await svgText()).includes(NEW_NAME), "the overlay is drawn on the edited map");
      await page.screenshot({ path: join(SCREENSHOTS, "4-report-overlay.png"), fullPage: true });
    });

    await check("a bad event log is refused with its row's code", async () => {
      const bad = join(downloads, "bad-events.csv");
      writeFileSync(bad, "customer_id,timestamp,touchpoint\nc1,noon,tp-cart\n");
      await (await page.$("#open-events")).uploadFile(bad);
      await page.waitForSelector("#analysis-error:not([hidden])");
      equal(await page.$eval("#analysis-error", (e) => e.dataset.code), "BAD_TIMESTAMP", "code");
      assert((await page.$eval("#analysis-error", (e) => e.textContent)).includes("row 1"), "row shown");
      assert(await page.$("#viewport svg.journey g.funnel"), "the last report stays on the canvas");
    });

    await check("exports: map JSON, SVG, Mermaid and report JSON download with the right content", async () => {
      const json = await exported("json");
      equal(json.name, "buying-a-coffee-maker-online.json", "file name");
      const doc = JSON.parse(json.text);
      const cart = doc.touchpoints.find((t) => t.id === "tp-cart");
      equal([cart.name, cart.emotion.score], [NEW_NAME, -1], "edited touchpoint in the JSON");
      equal(cart.pain_points.at(-1).description, "Delivery cost shown late", "added pain point");
      JourneyMap.fromJSON(json.text); // valid for the package

      const svg = await exported("svg");
      equal(svg.name, "buying-a-coffee-maker-online.svg", "file name");
      assert(svg.text.startsWith("<?xml") && svg.text.includes('class="funnel"'), "SVG with the report overlay");
      assert(svg.text.includes("Adds a machine to the basket &lt;b&gt;&amp; saves it&lt;/b&gt;"), "escaped name in the SVG");

      const mermaid = await exported("mermaid");
      equal(mermaid.name, "buying-a-coffee-maker-online.mmd", "file name");
      assert(mermaid.text.startsWith("journey\n"), "a Mermaid journey");
      equal(mermaid.text, JourneyMap.fromJSON(json.text).toMermaid(), "Mermaid of the exported map");

      const report = await exported("report");
      equal(report.name, "buying-a-coffee-maker-online-report.json", "file name");
      const parsed = JSON.parse(report.text);
      equal(funnelOf(parsed), funnelOf(cliReport), "report funnel");
      equal(parsed.totals, cliReport.totals, "report totals");
    });

    await check("Undo restores the map before the last edits", async () => {
      await page.click("#undo"); // the added pain point
      await page.click("#undo"); // the rename
      await page.waitForFunction(
        () => !document.querySelector("#viewport svg.journey").textContent.includes("saves it"),
      );
      equal(await page.$eval('#editor [name="name"]', (e) => e.value), "Adds a machine to the cart", "name in the form");
      assert(await page.$eval("#undo", (b) => b.disabled), "nothing left to undo");
    });

    await check("a narrow window: the canvas still fits, the page does not overflow", async () => {
      await page.setViewport({ width: 720, height: 1000 });
      await page.click("#zoom-fit");
      const { svgWidth, viewWidth, scrollWidth } = await page.evaluate(() => {
        const v = document.getElementById("viewport");
        return {
          svgWidth: v.querySelector("svg").getBoundingClientRect().width,
          viewWidth: v.clientWidth,
          scrollWidth: document.documentElement.scrollWidth,
        };
      });
      assert(Math.abs(svgWidth - viewWidth) <= 1, `canvas ${svgWidth}px wide in a ${viewWidth}px viewport`);
      assert(scrollWidth <= 720, `page overflows: ${scrollWidth}`);
      await page.screenshot({ path: join(SCREENSHOTS, "5-narrow.png"), fullPage: true });
      await page.setViewport({ width: 1440, height: 1000 });
    });

    await check("no page errors, no request leaves the machine", async () => {
      equal(pageErrors, [], "page errors");
      equal(foreignRequests, [], "requests to other hosts");
    });
  } finally {
    await browser.close();
    await site.close();
    rmSync(downloads, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  failed++;
  console.log(`FAIL ${e?.stack ?? e}`);
}

for (const s of skipped) console.log(`skip ${s}`);
console.log(`web-app: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
