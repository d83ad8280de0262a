// Parses Mermaid files with Mermaid's own parser (the `mermaid` package, under
// jsdom) and, given the map they were rendered from, checks that what Mermaid
// reads is what the map says: every title, section, task, score, actor, node
// label, shape, edge and subgraph, after Mermaid has decoded the entity codes.
//
// usage: node mermaid-parse.mjs [--map MAP.json] FILE.mmd [FILE.mmd ...] [--map MAP2.json FILE.mmd ...]
// (each --map applies to the files after it, up to the next --map)
//
// Prints one line per file and a closing `mermaid: N passed, M failed` line;
// exits 1 if any file fails.

import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const args = process.argv.slice(2);
let currentMap = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--map') {
    currentMap = JSON.parse(readFileSync(args[++i], 'utf8'));
  } else {
    files.push({ file: args[i], map: currentMap });
  }
}
if (files.length === 0) {
  console.error('usage: node mermaid-parse.mjs [--map MAP.json] FILE.mmd...');
  process.exit(2);
}

// Mermaid stores entity codes as placeholders until it writes the SVG.
const NAMED = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };
function decode(text) {
  return String(text ?? '')
    .replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/\uFB02\u00B0(\w+)\u00B6\u00DF/g, (m, n) => NAMED[n] ?? m);
}

// What journeymap promises to show: C0 (but tab, LF, CR) and C1 controls as U+FFFD.
function shown(text) {
  return String(text).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u0080-\u009F]/g, '\uFFFD');
}

function percent(rate) {
  const p = (rate * 100).toFixed(1);
  return (p.endsWith('.0') ? p.slice(0, -2) : p) + '%';
}

function expect(cond, what, got, want) {
  if (!cond) {
    throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

function orderedTouchpoints(m) {
  const out = [];
  for (const stage of m.stages) {
    for (const tp of m.touchpoints ?? []) {
      if (tp.stage === stage.id) out.push(tp);
    }
  }
  return out;
}

function checkJourney(db, m) {
  const title = decode(db.getDiagramTitle());
  expect(title === shown(m.name), 'title', title, shown(m.name));
  const sections = db.getSections().map(decode);
  const wantSections = m.stages.map((s) => shown(s.name));
  expect(JSON.stringify(sections) === JSON.stringify(wantSections), 'sections', sections, wantSections);
  const tasks = db.getTasks();
  const tps = orderedTouchpoints(m);
  expect(tasks.length === tps.length, 'task count', tasks.length, tps.length);
  const personas = m.personas ?? [];
  tps.forEach((tp, i) => {
    const t = tasks[i];
    const name = decode(t.task);
    expect(name === shown(tp.name), `task ${i}`, name, shown(tp.name));
    const section = decode(t.section);
    const stage = m.stages.find((s) => s.id === tp.stage);
    expect(section === shown(stage.name), `task ${i} section`, section, shown(stage.name));
    const score = tp.emotion ? tp.emotion.score + 3 : 3;
    expect(t.score === score, `task ${i} score`, t.score, score);
    const want = (tp.personas && tp.personas.length
      ? tp.personas.map((id) => personas.find((p) => p.id === id).name)
      : personas.map((p) => p.name)).map(shown);
    const people = t.people.filter((p) => p !== '').map(decode);
    expect(JSON.stringify(people) === JSON.stringify(want), `task ${i} actors`, people, want);
  });
  return `journey: ${sections.length} sections, ${tasks.length} tasks`;
}

const SHAPES = { step: 'square', conversion: 'stadium', exit: 'hexagon' };

function checkFlowchart(db, m) {
  const vertices = db.getVertices();
  const tps = m.touchpoints ?? [];
  const nodeOf = new Map(tps.map((tp, i) => [tp.id, `tp${i}`]));
  tps.forEach((tp, i) => {
    const v = vertices.get(`tp${i}`);
    expect(v !== undefined, `node tp${i}`, undefined, tp.id);
    const channel = (m.channels ?? []).find((c) => c.id === tp.channel);
    const want = `${shown(tp.name)}<br>${shown(channel ? channel.name : tp.channel)}`.trim();
    const got = decode(v.text).trim();
    expect(got === want, `label of tp${i}`, got, want);
    const kind = tp.kind ?? 'step';
    expect(v.type === SHAPES[kind], `shape of tp${i}`, v.type, SHAPES[kind]);
    if (kind !== 'step') {
      expect(v.classes.includes(kind), `class of tp${i}`, v.classes, kind);
    }
  });
  expect(vertices.size === tps.length, 'node count', vertices.size, tps.length);
  const edges = db.getEdges();
  const transitions = m.transitions ?? [];
  expect(edges.length === transitions.length, 'edge count', edges.length, transitions.length);
  transitions.forEach((t, j) => {
    const e = edges[j];
    const ends = [e.start, e.end];
    const want = [nodeOf.get(t.from), nodeOf.get(t.to)];
    expect(JSON.stringify(ends) === JSON.stringify(want), `edge ${j}`, ends, want);
    const parts = [];
    if (t.label) parts.push(t.label);
    if (t.expected_rate !== undefined) parts.push(percent(t.expected_rate));
    const label = shown(parts.join(' ')).trim();
    const got = decode(e.text).trim();
    expect(got === label, `edge ${j} label`, got, label);
    const stroke = t.loop ? 'dotted' : 'normal';
    expect(e.stroke === stroke, `edge ${j} stroke`, e.stroke, stroke);
  });
  const subgraphs = db.getSubGraphs();
  expect(subgraphs.length === m.stages.length, 'subgraph count', subgraphs.length, m.stages.length);
  m.stages.forEach((s, k) => {
    const sg = subgraphs.find((g) => g.id === `st${k}`);
    expect(sg !== undefined, `subgraph st${k}`, undefined, s.id);
    const title = decode(sg.title).trim();
    expect(title === shown(s.name).trim(), `subgraph st${k} title`, title, shown(s.name).trim());
    const nodes = [...sg.nodes].sort();
    const want = tps.map((tp, i) => [tp, `tp${i}`]).filter(([tp]) => tp.stage === s.id).map(([, n]) => n).sort();
    expect(JSON.stringify(nodes) === JSON.stringify(want), `subgraph st${k} nodes`, nodes, want);
  });
  return `flowchart: ${vertices.size} nodes, ${edges.length} edges, ${subgraphs.length} subgraphs`;
}

let passed = 0;
let failed = 0;
for (const { file, map } of files) {
  try {
    const text = readFileSync(file, 'utf8');
    const result = await mermaid.parse(text);
    let detail = result.diagramType;
    if (map) {
      const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
      if (diagram.type === 'journey') {
        detail = checkJourney(diagram.db, map);
      } else if (diagram.type.startsWith('flowchart')) {
        detail = checkFlowchart(diagram.db, map);
      } else {
        throw new Error(`unexpected diagram type ${diagram.type}`);
      }
    }
    console.log(`ok   ${file} (${detail})`);
    passed++;
  } catch (e) {
    console.log(`FAIL ${file}: ${String(e.message ?? e).split('\n').slice(0, 3).join(' | ')}`);
    failed++;
  }
}
console.log(`mermaid: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
