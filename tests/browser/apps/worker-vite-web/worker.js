import init, { JourneyMap, analyze } from "journeymap/web";

const load = (file) => fetch(new URL(file, location.origin)).then((response) => response.text());

Promise.all([load("coffee-maker.json"), load("coffee-maker-events.csv"), init()]).then(([mapText, events]) => {
  const map = JourneyMap.fromJSON(mapText);
  const report = analyze(map, events, { scoreScale: "one_to_five" });
  postMessage({ svg: map.toSVG(), report });
});
