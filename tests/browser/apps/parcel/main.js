import { JourneyMap, analyze } from "journeymap";

const load = (file) => fetch(file).then((response) => response.text());
const [mapText, events] = await Promise.all([load("coffee-maker.json"), load("coffee-maker-events.csv")]);

const map = JourneyMap.fromJSON(mapText);
const svg = map.toSVG();
document.querySelector("#canvas").innerHTML = svg;

const report = analyze(map, events, { scoreScale: "one_to_five" });
const { customers, conversion_rate } = report.totals;
document.querySelector("#summary").textContent =
  `${customers} customers, ${(conversion_rate * 100).toFixed(1)}% converted`;

window.__result = { svg, report };
