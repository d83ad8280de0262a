// Event-log analysis: runs the package's `analyze` in a module Web Worker,
// shows the progress (reading the file, then analysing), and the report's
// key figures and funnel.

/** @typedef {import("journeymap").Report} Report */
/** @typedef {import("journeymap").AnalyzeOptions} AnalyzeOptions */
/** @typedef {import("journeymap").ErrorInfo} ErrorInfo */

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });

/** @param {number} bytes */
function size(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** @param {number | null | undefined} rate */
const rate = (rate) => (rate == null ? "–" : percent.format(rate));

/**
 * @param {object} options
 * @param {(report: Report, file: string) => void} options.onReport told each new report
 */
export function createAnalysis({ onReport }) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const progress = $("progress");
  const bar = /** @type {HTMLProgressElement} */ ($("progress-bar"));
  const text = $("progress-text");
  const errorBox = $("analysis-error");
  const results = $("results");
  /** @type {Worker | null} */
  let worker = null;

  /** @param {ErrorInfo} error (its message says where: row, line, column) */
  function showError(error) {
    errorBox.hidden = false;
    errorBox.replaceChildren();
    const head = document.createElement("p");
    const code = document.createElement("code");
    code.textContent = error.code;
    head.append(code, ` ${error.message}`);
    errorBox.append(head);
    errorBox.dataset.code = error.code;
  }

  /**
   * Analyses an event log against a map.
   * @param {Blob} file
   * @param {string} name the file's name
   * @param {string} mapJSON the map, as JSON text
   * @param {AnalyzeOptions} options
   */
  function run(file, name, mapJSON, options) {
    worker?.terminate(); // a newer file replaces an analysis still running
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    const mine = worker;
    errorBox.hidden = true;
    progress.hidden = false;
    progress.dataset.state = "reading";
    bar.max = 1;
    bar.value = 0;
    text.textContent = `Reading ${name}…`;
    const finish = () => {
      mine.terminate();
      if (worker === mine) worker = null;
    };
    mine.onmessage = ({ data }) => {
      if (worker !== mine) return;
      if (data.type === "read") {
        if (data.total === undefined) {
          bar.removeAttribute("value");
          text.textContent = `Reading ${name}: ${size(data.loaded)}`;
        } else {
          bar.max = Math.max(1, data.total);
          bar.value = data.loaded;
          text.textContent = `Reading ${name}: ${size(data.loaded)} of ${size(data.total)}`;
        }
      } else if (data.type === "analysing") {
        progress.dataset.state = "analysing";
        bar.removeAttribute("value"); // indeterminate
        text.textContent = `Analysing ${name}…`;
      } else if (data.type === "done") {
        finish();
        progress.dataset.state = "done";
        bar.max = 1;
        bar.value = 1;
        text.textContent = `${name}: ${size(file.size)} analysed in ${integer.format(data.ms)} ms`;
        show(data.report, name);
        onReport(data.report, name);
      } else if (data.type === "error") {
        finish();
        progress.hidden = true;
        showError(data.error);
      }
    };
    mine.onerror = (event) => {
      if (worker !== mine) return;
      finish();
      progress.hidden = true;
      showError({ code: "WORKER", message: event.message || "The analysis could not run." });
    };
    // A File carries its name: the package tells CSV, TSV and JSON Lines by
    // it (.csv, .tsv, .tab, .jsonl, .ndjson) and refuses other names.
    const named = file instanceof File ? file : new File([file], name);
    mine.postMessage({ file: named, map: mapJSON, options });
  }

  /**
   * @param {Report} report
   * @param {string} name the event log's file name
   */
  function show(report, name) {
    results.hidden = false;
    $("results-source").textContent = `Report of ${name} against “${report.map}”`;
    const { totals, conformance, funnel, ingest } = report;
    const figures = [
      ["Customers", integer.format(totals.customers), "customers", totals.customers],
      ["Converted", integer.format(totals.converted_customers), "converted", totals.converted_customers],
      ["Conversion rate", rate(totals.conversion_rate), "conversion-rate", totals.conversion_rate],
      ["Conversion value", money.format(totals.conversion_value), "conversion-value", totals.conversion_value],
      ["Fitness to the map", rate(conformance.fitness), "fitness", conformance.fitness],
      ["Events", integer.format(totals.events), "events", totals.events],
    ];
    const skipped = Object.values(ingest.skipped).reduce((a, b) => a + b, 0);
    if (skipped) figures.push(["Rows skipped", integer.format(skipped), "skipped", skipped]);
    const dl = $("figures");
    dl.replaceChildren();
    for (const [label, value, key, raw] of figures) {
      const div = document.createElement("div");
      div.dataset.figure = String(key);
      div.dataset.value = String(raw);
      const dt = document.createElement("dt");
      dt.textContent = String(label);
      const dd = document.createElement("dd");
      dd.textContent = String(value);
      div.append(dt, dd);
      dl.append(div);
    }
    const body = /** @type {HTMLTableSectionElement} */ ($("funnel").querySelector("tbody"));
    body.replaceChildren(
      ...funnel.stages.map((stage) => {
        const tr = document.createElement("tr");
        tr.dataset.stage = stage.stage;
        tr.dataset.customers = String(stage.customers);
        tr.dataset.continued = String(stage.continued);
        tr.dataset.dropped = String(stage.dropped);
        tr.dataset.skipped = String(stage.skipped);
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = stage.name;
        const cells = [
          integer.format(stage.customers),
          integer.format(stage.continued),
          integer.format(stage.dropped),
          rate(stage.conversion_to_next),
        ].map((value) => {
          const td = document.createElement("td");
          td.textContent = value;
          return td;
        });
        tr.append(th, ...cells);
        return tr;
      }),
    );
  }

  return {
    run,
    /** Forgets the report shown (a new map was opened). */
    reset() {
      worker?.terminate();
      worker = null;
      progress.hidden = true;
      errorBox.hidden = true;
      results.hidden = true;
    },
  };
}
