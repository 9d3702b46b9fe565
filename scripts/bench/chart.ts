/**
 * A hand-written SVG of a benchmark report (no dependency): throughput and latency per query and
 * implementation (log scales: the naive resolver is orders of magnitude apart), and Q1's latency
 * and commands per request as the page size and the data scale grow.
 */
import type { ImplName } from './harness.js';

interface ChartReport {
  mode: string;
  machine: { cpus: number; node: string; database: string };
  dataset: { scale: number };
  settings: { connections: number; seconds: number };
  results: { query: string; impl: ImplName; rps: number; p50: number; p99: number; exactCommandsPerRequest: number }[];
  scaling: {
    byN: { n: number; impl: ImplName; commandsPerRequest: number; medianMs: number }[];
    byScale: { scale: number; impl: ImplName; commandsPerRequest: number; medianMs: number }[];
  };
}

const COLORS: Record<ImplName, string> = {
  newsgraph: '#2563eb',
  naive: '#dc2626',
  handwritten: '#16a34a',
  keysfirst: '#7c3aed',
};
const LABELS: Record<ImplName, string> = {
  newsgraph: 'newsgraph',
  naive: 'naive (no batching)',
  handwritten: 'hand-written',
  keysfirst: 'newsgraph, keys first (prefetchNodes: false)',
};
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A log10 axis covering [min, max] in whole decades. */
function logAxis(values: number[], box: Box) {
  const positive = values.filter((v) => v > 0);
  const lo = Math.floor(Math.log10(Math.min(...positive, 1)));
  const hi = Math.ceil(Math.log10(Math.max(...positive, 10)));
  const y = (v: number) => box.y + box.h - ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * box.h;
  const ticks: string[] = [];
  for (let d = lo; d <= hi; d++) {
    const ty = y(10 ** d);
    ticks.push(`<line x1="${box.x}" x2="${box.x + box.w}" y1="${ty}" y2="${ty}" stroke="#e5e7eb"/>`);
    ticks.push(
      `<text x="${box.x - 6}" y="${ty + 4}" text-anchor="end" font-size="11" fill="#6b7280">${10 ** d >= 1 ? 10 ** d : (10 ** d).toPrecision(1)}</text>`,
    );
  }
  return { y, svg: ticks.join('') };
}

function linearAxis(values: number[], box: Box) {
  const max = Math.max(...values, 1) * 1.1;
  const step = 10 ** Math.floor(Math.log10(max));
  const niceStep = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const y = (v: number) => box.y + box.h - (v / max) * box.h;
  const ticks: string[] = [];
  for (let v = 0; v <= max; v += niceStep) {
    ticks.push(`<line x1="${box.x}" x2="${box.x + box.w}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/>`);
    ticks.push(
      `<text x="${box.x - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#6b7280">${num(v)}</text>`,
    );
  }
  return { y, svg: ticks.join('') };
}

function title(box: Box, text: string, sub?: string) {
  return (
    `<text x="${box.x}" y="${box.y - 26}" font-size="14" font-weight="600">${esc(text)}</text>` +
    (sub ? `<text x="${box.x}" y="${box.y - 10}" font-size="11" fill="#6b7280">${esc(sub)}</text>` : '')
  );
}

/** Grouped bars per query; `whisker` draws a second value (p99) as a tick above the bar. */
function barPanel(
  box: Box,
  report: ChartReport,
  value: (r: ChartReport['results'][number]) => number,
  whisker?: (r: ChartReport['results'][number]) => number,
) {
  const queries = [...new Set(report.results.map((r) => r.query))];
  const impls = [...new Set(report.results.map((r) => r.impl))];
  const all = report.results.flatMap((r) => [value(r), ...(whisker ? [whisker(r)] : [])]);
  const axis = logAxis(all, box);
  const group = box.w / queries.length;
  const bar = (group * 0.7) / impls.length;
  const parts = [axis.svg];
  queries.forEach((q, qi) => {
    const gx = box.x + qi * group + group * 0.15;
    parts.push(
      `<text x="${box.x + qi * group + group / 2}" y="${box.y + box.h + 16}" text-anchor="middle" font-size="12">${esc(q)}</text>`,
    );
    impls.forEach((impl, ii) => {
      const r = report.results.find((x) => x.query === q && x.impl === impl);
      if (!r) return;
      const v = value(r);
      const x = gx + ii * bar;
      const top = axis.y(v);
      parts.push(
        `<rect x="${x}" y="${top}" width="${bar - 2}" height="${box.y + box.h - top}" fill="${COLORS[impl]}"><title>${esc(`${q} ${impl}: ${num(v)}`)}</title></rect>`,
      );
      parts.push(
        `<text x="${x + (bar - 2) / 2}" y="${top - 3}" text-anchor="middle" font-size="9" fill="#374151">${num(v)}</text>`,
      );
      if (whisker) {
        const w = whisker(r);
        const wy = axis.y(w);
        parts.push(
          `<line x1="${x + (bar - 2) / 2}" x2="${x + (bar - 2) / 2}" y1="${top}" y2="${wy}" stroke="#111827"/>`,
        );
        parts.push(
          `<line x1="${x + 2}" x2="${x + bar - 4}" y1="${wy}" y2="${wy}" stroke="#111827"><title>${esc(`${q} ${impl} p99: ${num(w)}`)}</title></line>`,
        );
      }
    });
  });
  parts.push(
    `<line x1="${box.x}" x2="${box.x + box.w}" y1="${box.y + box.h}" y2="${box.y + box.h}" stroke="#9ca3af"/>`,
  );
  return parts.join('');
}

/** Lines over an x series (N or scale), one per implementation. */
function linePanel(box: Box, points: { x: number; impl: ImplName; y: number }[], xLabel: string, log = false) {
  if (points.length === 0)
    return `<text x="${box.x}" y="${box.y + 20}" font-size="12" fill="#6b7280">not measured</text>`;
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const axis = log
    ? logAxis(
        points.map((p) => p.y),
        box,
      )
    : linearAxis(
        points.map((p) => p.y),
        box,
      );
  const px = (v: number) => box.x + (xs.length === 1 ? box.w / 2 : (xs.indexOf(v) / (xs.length - 1)) * box.w);
  const parts = [axis.svg];
  for (const x of xs)
    parts.push(`<text x="${px(x)}" y="${box.y + box.h + 16}" text-anchor="middle" font-size="11">${x}</text>`);
  parts.push(
    `<text x="${box.x + box.w / 2}" y="${box.y + box.h + 32}" text-anchor="middle" font-size="11" fill="#6b7280">${esc(xLabel)}</text>`,
  );
  for (const impl of [...new Set(points.map((p) => p.impl))]) {
    const series = points.filter((p) => p.impl === impl).sort((a, b) => a.x - b.x);
    parts.push(
      `<polyline fill="none" stroke="${COLORS[impl]}" stroke-width="2" points="${series.map((p) => `${px(p.x)},${axis.y(p.y)}`).join(' ')}"/>`,
    );
    for (const p of series)
      parts.push(
        `<circle cx="${px(p.x)}" cy="${axis.y(p.y)}" r="3" fill="${COLORS[impl]}"><title>${esc(`${impl} ${xLabel} ${p.x}: ${num(p.y)}`)}</title></circle>`,
      );
  }
  parts.push(
    `<line x1="${box.x}" x2="${box.x + box.w}" y1="${box.y + box.h}" y2="${box.y + box.h}" stroke="#9ca3af"/>`,
  );
  return parts.join('');
}

export function renderChart(report: ChartReport): string {
  const W = 1040;
  const H = 760;
  const panels: Box[] = [
    { x: 70, y: 90, w: 420, h: 230 },
    { x: 590, y: 90, w: 420, h: 230 },
    { x: 70, y: 450, w: 420, h: 230 },
    { x: 590, y: 450, w: 420, h: 230 },
  ];
  const [a, b, c, d] = panels as [Box, Box, Box, Box];
  const impls = [...new Set(report.results.map((r) => r.impl))];
  const legend = impls
    .map(
      (impl, i) =>
        `<rect x="${70 + i * 230}" y="40" width="12" height="12" fill="${COLORS[impl]}"/><text x="${88 + i * 230}" y="50" font-size="12">${esc(LABELS[impl])}</text>`,
    )
    .join('');
  const nPoints = report.scaling.byN.map((r) => ({ x: r.n, impl: r.impl, y: r.medianMs }));
  const nCommands = report.scaling.byN.filter((r) => r.impl === 'newsgraph');
  const sPoints = report.scaling.byScale.map((r) => ({ x: r.scale, impl: r.impl, y: r.medianMs }));
  const sCommands = report.scaling.byScale.filter((r) => r.impl === 'newsgraph');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="70" y="24" font-size="16" font-weight="700">newsgraph benchmark (${esc(report.mode)}, scale ${report.dataset.scale}, ${report.settings.connections} connections × ${report.settings.seconds} s) — ${esc(report.machine.database)}, ${report.machine.cpus} CPUs, Node ${esc(report.machine.node)}</text>`,
    legend,
    title(a, 'Throughput (requests/s, log scale)', 'higher is better'),
    barPanel(a, report, (r) => r.rps),
    title(b, 'Latency under load (ms, log scale)', 'bar: p50, whisker: p99; lower is better'),
    barPanel(
      b,
      report,
      (r) => r.p50,
      (r) => r.p99,
    ),
    title(
      c,
      'Q1 latency by page size N (ms, sequential median)',
      `newsgraph commands/request: ${nCommands.map((r) => `N=${r.n}: ${num(r.commandsPerRequest)}`).join(', ') || '—'}`,
    ),
    linePanel(c, nPoints, 'persons per page (N)'),
    title(
      d,
      'Q1 (N=50) latency by data scale (ms, sequential median)',
      `newsgraph commands/request: ${sCommands.map((r) => `×${r.scale}: ${num(r.commandsPerRequest)}`).join(', ') || '—'}`,
    ),
    linePanel(d, sPoints, 'data scale (1 = 20,000 quotes)', true),
    '</svg>',
  ].join('\n');
}
