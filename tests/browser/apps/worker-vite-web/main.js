const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });

worker.onmessage = ({ data: { svg, report } }) => {
  document.querySelector("#canvas").innerHTML = svg;
  const { customers, conversion_rate } = report.totals;
  document.querySelector("#summary").textContent =
    `${customers} customers, ${(conversion_rate * 100).toFixed(1)}% converted (in a Web Worker)`;
  window.__result = { svg, report };
};
worker.onerror = (event) => {
  throw new Error(`worker: ${event.message}`);
};
