// Analyses an event log off the main thread. Messages in:
//   {file: Blob, map: string (the map's JSON), options: AnalyzeOptions}
// Messages out:
//   {type: "read", loaded, total}   while the file is read
//   {type: "analysing"}             once it is all read, while the report is computed
//   {type: "done", report, ms}      the report
//   {type: "error", error}          a JourneyMapError as its JSON (code, message, row, ...)

import * as journeymap from "journeymap";

self.onmessage = async (/** @type {MessageEvent} */ { data }) => {
  const { file, map: mapText, options } = data;
  const started = performance.now();
  try {
    const map = journeymap.JourneyMap.fromJSON(mapText);
    try {
      const report = await analyse(map, file, options);
      self.postMessage({ type: "done", report, ms: performance.now() - started });
    } finally {
      map.free();
    }
  } catch (e) {
    const error =
      e && typeof e === "object" && "code" in e && typeof e.toJSON === "function"
        ? e.toJSON()
        : { code: "ERROR", message: String(e instanceof Error ? e.message : e) };
    self.postMessage({ type: "error", error });
  }
};

/**
 * The report of an event log: the package reads the file chunk by chunk
 * (never as one string), analysing as it goes, and reports its progress.
 * @param {import("journeymap").JourneyMap} map
 * @param {Blob} file
 * @param {import("journeymap").AnalyzeOptions} options
 */
function analyse(map, file, options) {
  return journeymap.analyzeAsync(map, file, { ...options, onProgress: reporter() });
}

/** Posts progress at most every 50 ms, then "analysing" once all is read. */
function reporter() {
  let last = 0;
  let analysing = false;
  return (/** @type {number} */ loaded, /** @type {number | undefined} */ total) => {
    const now = performance.now();
    const all = total !== undefined && loaded >= total;
    if (now - last > 50 || all) {
      last = now;
      self.postMessage({ type: "read", loaded, total });
    }
    if (all && !analysing) {
      analysing = true;
      self.postMessage({ type: "analysing" });
    }
  };
}
