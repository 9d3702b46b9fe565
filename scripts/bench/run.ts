/**
 * npm run bench -- [--quick] [--scale S] [--json path] [--chart path] [--seconds S] [--connections C]
 *                  [--ns 10,25,50,100] [--scales 1,3,10] [--no-scaling]
 *
 * Serves three fixed queries three ways in one run — newsgraph as built (DataLoader batching),
 * the same schema naive (batching and caching off: one database call per item), and a hand-written
 * floor (batched `$in` finds and hand-built JSON on bare node:http) — checks that all three return
 * the same data, then measures database commands per request, requests/s and p50/p99 latency at
 * fixed concurrency (autocannon, loopback). Then Q1's cost as the page size N and the data scale
 * grow. Writes a table to stdout, JSON to --json and an SVG chart to --chart.
 *
 * MONGODB_URI must be set. The dataset (newsgraph_bench_s<scale>) is generated when missing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/client.js';
import { benchDbName, generateIntoDatabase, readDatasetMeta, type DatasetMeta } from '../generate/load.js';
import { renderChart } from './chart.js';
import {
  canonical,
  firstDifference,
  IMPLS,
  load,
  post,
  startImpl,
  timeSequential,
  type Impl,
  type ImplName,
  type LoadResult,
} from './harness.js';
import { benchQueries, requestBody, type QueryName, Q1_DOCUMENT } from './queries.js';
import { parseCommand } from '../../src/cli.js';

const { values: args } = parseCommand({
  command: 'npm run bench --',
  summary:
    'Serves three fixed queries as built (DataLoader), naive and hand-written, checks they agree, then measures\n' +
    'database commands per request, requests/s and latency; then Q1 as page size and data scale grow.\n' +
    'MONGODB_URI must be set; the dataset (newsgraph_bench_s<scale>) is generated when missing.',
  options: {
    quick: { type: 'boolean', default: false, description: 'small scale and short runs (a smoke test)' },
    scale: { type: 'string', value: '<s>', description: 'data scale of the main run (default 1; 0.02 with --quick)' },
    json: {
      type: 'string',
      value: '<path>',
      description: 'JSON results (default bench-results/bench-<quick|full>.json)',
    },
    chart: { type: 'string', value: '<path>', description: 'SVG chart (default beside the JSON)' },
    seconds: { type: 'string', value: '<s>', description: 'seconds per measurement (default 15; 6 with --quick)' },
    connections: { type: 'string', default: '2', value: '<n>', description: 'concurrent connections' },
    ns: { type: 'string', default: '10,25,50,100', value: '<list>', description: 'page sizes for the N sweep' },
    scales: { type: 'string', value: '<list>', description: 'scales for the scale sweep (default 1,3,10)' },
    'no-scaling': { type: 'boolean', default: false, description: 'skip the N and scale sweeps' },
    seed: { type: 'string', default: 'newsgraph', value: '<text>', description: 'dataset seed' },
    impls: { type: 'string', default: IMPLS.join(','), value: '<list>', description: 'implementations to run' },
  },
});

const quick = args.quick!;
const scale = Number(args.scale ?? (quick ? 0.02 : 1));
const seconds = Number(args.seconds ?? (quick ? 6 : 15));
const connections = Number(args.connections);
const ns = args.ns!.split(',').map(Number);
const scales = (args.scales ?? (quick ? '0.02,0.05,0.1' : '1,3,10')).split(',').map(Number);
const jsonPath = args.json ?? `bench-results/bench-${quick ? 'quick' : 'full'}.json`;
const chartPath =
  args.chart ??
  join(
    dirname(jsonPath),
    `${jsonPath
      .split('/')
      .at(-1)!
      .replace(/\.json$/, '')}.svg`,
  );
const impls = args.impls!.split(',') as ImplName[];
if (!impls.includes('newsgraph')) impls.unshift('newsgraph');
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Makes sure the database for a scale holds the generated dataset; generates it otherwise. */
async function ensureDataset(s: number): Promise<DatasetMeta> {
  const dbName = benchDbName(s);
  const database = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: dbName }));
  try {
    const meta = await readDatasetMeta(database.db);
    if (meta && meta.scale === s && meta.seed === args.seed) return meta;
    log(`dataset ${dbName} missing or different: generating scale ${s}`);
    return await generateIntoDatabase(database.db, { scale: s, seed: args.seed!, log: (l) => log(`  ${l}`) });
  } finally {
    await database.close();
  }
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const ratio = (a: number, b: number) => (b > 0 ? a / b : Infinity);

interface Row extends LoadResult {
  query: QueryName;
  impl: ImplName;
  exactCommandsPerRequest: number;
  /** Measured by one sequential request (too slow for a load run in the time box). */
  sequentialOnly: boolean;
  commandsByName: Record<string, number>;
  sequentialMedianMs: number;
}

async function main() {
  if (!loadConfig().mongodbUri)
    throw new Error('Set MONGODB_URI (e.g. `FERRETDB_STATE=/tmp/ferret-bench bash scripts/ferretdb.sh start`)');
  const started = performance.now();
  const dataset = await ensureDataset(scale);
  const dbName = benchDbName(scale);
  log(
    `dataset ${dbName}: ${dataset.shape.articles} articles, ${dataset.shape.persons} persons, ${dataset.shape.quotes} quotes, ${dataset.shape.meetings} meetings`,
  );

  const running = {} as Record<ImplName, Impl>;
  for (const name of impls) running[name] = await startImpl(name, dbName);
  const server = (await running.newsgraph.database.db.admin().command({ buildInfo: 1 })) as {
    version?: string;
    ferretdbVersion?: string;
  };
  const newest = await running.newsgraph.collections.articles
    .find({}, { projection: { slug: 1 } })
    .sort({ publishedAt: -1, _id: 1 })
    .limit(1)
    .next();
  const queries = benchQueries({ n: 50, articleSlug: newest!.slug });

  // 1. Same data from all three, before any timing.
  const firstLatency: Record<string, number> = {};
  const firstCommands: Record<string, { total: number; byName: Record<string, number> }> = {};
  const equivalence: Record<string, { equal: boolean; difference: string | null; bytes: Record<string, number> }> = {};
  for (const q of queries) {
    const body = requestBody(q);
    const answers = {} as Record<ImplName, { data?: unknown; errors?: unknown }>;
    for (const name of impls) {
      const before = running[name].counter.snapshot();
      const r = await post(running[name].url, body);
      answers[name] = r.json as { data?: unknown; errors?: unknown };
      firstLatency[`${q.name}:${name}`] = r.ms;
      firstCommands[`${q.name}:${name}`] = running[name].counter.since(before);
      if (r.status !== 200 || answers[name].errors)
        throw new Error(`${name} ${q.name} failed: ${JSON.stringify(r.json).slice(0, 500)}`);
    }
    const difference =
      impls.map((n) => firstDifference(answers.newsgraph.data, answers[n].data)).find((d) => d !== null) ?? null;
    equivalence[q.name] = {
      equal: difference === null,
      difference,
      bytes: Object.fromEntries(impls.map((n) => [n, Buffer.byteLength(canonical(answers[n].data))])),
    };
    log(
      `${q.name}: ${difference === null ? 'all three return the same data' : `DIFFERENT: ${difference}`} (${equivalence[q.name]!.bytes.newsgraph} bytes)`,
    );
    if (difference !== null) process.exitCode = 1;
  }

  // 2. Per query and implementation: exact commands per request, then throughput and latency under load.
  const rows: Row[] = [];
  for (const q of queries) {
    const body = requestBody(q);
    for (const name of impls) {
      // An implementation so slow that a load run would complete (almost) nothing in its time box is
      // measured by one sequential request instead: requests/s = 1 / latency at concurrency 1.
      const slow = firstLatency[`${q.name}:${name}`]! > seconds * 1000;
      const first = firstCommands[`${q.name}:${name}`]!;
      const seq = slow
        ? {
            commandsPerRequest: first.total,
            commandsByName: first.byName,
            medianMs: firstLatency[`${q.name}:${name}`]!,
            maxMs: firstLatency[`${q.name}:${name}`]!,
          }
        : await timeSequential(running[name], body, quick ? 3 : 5);
      log(
        `${q.name} ${name}: ${fmt(seq.commandsPerRequest, 1)} commands/request, ${fmt(seq.medianMs, 1)} ms sequential${slow ? ' (too slow for a load run)' : `; loading for ${seconds} s at ${connections} connections…`}`,
      );
      const sequential: LoadResult = {
        requests: 1,
        seconds: seq.medianMs / 1000,
        rps: 1000 / seq.medianMs,
        p50: seq.medianMs,
        p99: seq.medianMs,
        mean: seq.medianMs,
        errors: 0,
        timeouts: 0,
        non2xx: 0,
        commandsPerRequest: seq.commandsPerRequest,
      };
      let r = slow
        ? sequential
        : await load(running[name], body, {
            connections,
            seconds,
            timeout: Math.max(30, Math.ceil((seq.maxMs * connections * 3) / 1000)),
          });
      // A load run that completed nothing says nothing: fall back to the sequential measurement.
      const sequentialOnly = slow || r.requests === 0;
      if (sequentialOnly) r = sequential;
      rows.push({
        query: q.name,
        impl: name,
        ...r,
        sequentialOnly,
        exactCommandsPerRequest: seq.commandsPerRequest,
        commandsByName: seq.commandsByName,
        sequentialMedianMs: seq.medianMs,
      });
    }
  }

  // 3a. Q1 as the page size N grows (same data): commands should stay constant, latency follow N.
  const byN: { n: number; impl: ImplName; commandsPerRequest: number; medianMs: number; bytes: number }[] = [];
  if (!args['no-scaling']) {
    for (const n of ns) {
      const body = JSON.stringify({ operationName: 'Q1', query: Q1_DOCUMENT, variables: { n } });
      for (const name of impls.filter((i) => i !== 'naive')) {
        const seq = await timeSequential(running[name], body, quick ? 2 : 5);
        const bytes = Buffer.byteLength(JSON.stringify((await post(running[name].url, body)).json));
        byN.push({ n, impl: name, commandsPerRequest: seq.commandsPerRequest, medianMs: seq.medianMs, bytes });
      }
      log(
        `Q1 N=${n}: ${byN
          .filter((r) => r.n === n)
          .map((r) => `${r.impl} ${fmt(r.commandsPerRequest, 1)} commands, ${fmt(r.medianMs, 1)} ms`)
          .join('; ')}`,
      );
    }
  }
  for (const impl of Object.values(running)) await impl.close();

  // 3b. Q1 (N=50) as the data scale grows.
  const byScale: { scale: number; quotes: number; impl: ImplName; commandsPerRequest: number; medianMs: number }[] = [];
  if (!args['no-scaling']) {
    for (const s of scales) {
      const meta = await ensureDataset(s);
      const body = JSON.stringify({ operationName: 'Q1', query: Q1_DOCUMENT, variables: { n: 50 } });
      for (const name of ['newsgraph', 'handwritten'] as const) {
        const impl = await startImpl(name, benchDbName(s));
        try {
          const seq = await timeSequential(impl, body, quick ? 2 : 5);
          byScale.push({
            scale: s,
            quotes: meta.shape.quotes,
            impl: name,
            commandsPerRequest: seq.commandsPerRequest,
            medianMs: seq.medianMs,
          });
        } finally {
          await impl.close();
        }
      }
      log(
        `Q1 scale ${s}: newsgraph ${fmt(byScale.at(-2)!.commandsPerRequest, 1)} commands, ${fmt(byScale.at(-2)!.medianMs, 1)} ms; hand-written ${fmt(byScale.at(-1)!.medianMs, 1)} ms`,
      );
    }
  }

  // 4. Ratios and floors.
  const missing = { rps: NaN, exactCommandsPerRequest: NaN, p50: NaN } as Row;
  const get = (q: QueryName, impl: ImplName) => rows.find((r) => r.query === q && r.impl === impl) ?? missing;
  const ratios = queries.map((q) => ({
    query: q.name,
    throughputVsNaive: ratio(get(q.name, 'newsgraph').rps, get(q.name, 'naive').rps),
    throughputVsHandwritten: ratio(get(q.name, 'newsgraph').rps, get(q.name, 'handwritten').rps),
    commandsVsNaive: ratio(
      get(q.name, 'newsgraph').exactCommandsPerRequest,
      get(q.name, 'naive').exactCommandsPerRequest,
    ),
    commandsVsHandwritten: ratio(
      get(q.name, 'newsgraph').exactCommandsPerRequest,
      get(q.name, 'handwritten').exactCommandsPerRequest,
    ),
    p50VsHandwritten: ratio(get(q.name, 'newsgraph').p50, get(q.name, 'handwritten').p50),
  }));
  const nCommands = byN.filter((r) => r.impl === 'newsgraph').map((r) => r.commandsPerRequest);
  const floors = [
    {
      floor: 'Q1 commands per request constant in N',
      holds: nCommands.length > 1 && nCommands.every((c) => c === nCommands[0]),
      detail: nCommands.length
        ? `N=${ns.join('/')}: ${nCommands.map((c) => fmt(c, 1)).join('/')}`
        : 'not measured (--no-scaling)',
    },
    {
      floor: 'newsgraph ≥ 5× naive throughput on Q1',
      holds: ratios[0]!.throughputVsNaive >= 5,
      detail: `${fmt(ratios[0]!.throughputVsNaive, 1)}×`,
    },
    ...ratios.map((r) => ({
      floor: `newsgraph ≥ 0.5× hand-written throughput on ${r.query}`,
      holds: r.throughputVsHandwritten >= 0.5,
      detail: `${fmt(r.throughputVsHandwritten, 2)}×`,
    })),
  ];

  // 5. Report.
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    database: server.ferretdbVersion
      ? `FerretDB ${server.ferretdbVersion} (wire version ${server.version})`
      : `MongoDB ${server.version}`,
  };
  const lines: string[] = [];
  lines.push(
    `newsgraph benchmark (${quick ? 'quick' : 'full'}): scale ${scale} (${dataset.shape.articles} articles, ${dataset.shape.persons} persons, ${dataset.shape.quotes} quotes, ${dataset.shape.meetings} meetings), ` +
      `${connections} connections × ${seconds} s per run, loopback`,
  );
  lines.push(
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.database}`,
  );
  lines.push('');
  lines.push('| query | implementation | DB commands/request | requests/s | p50 ms | p99 ms | errors |');
  lines.push('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows)
    lines.push(
      `| ${r.query} | ${r.impl} | ${fmt(r.exactCommandsPerRequest, 1)} | ${fmt(r.rps, r.rps < 10 ? 2 : 0)}${r.sequentialOnly ? '*' : ''} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors + r.timeouts + r.non2xx} |`,
    );
  if (rows.some((r) => r.sequentialOnly))
    lines.push(
      '',
      '\\* one sequential request (concurrency 1): too slow for a load run in the time box; requests/s = 1 / latency.',
    );
  lines.push('');
  lines.push(
    '| query | throughput newsgraph/naive | throughput newsgraph/hand-written | commands newsgraph/naive | commands newsgraph/hand-written |',
  );
  lines.push('|---|---:|---:|---:|---:|');
  for (const r of ratios)
    lines.push(
      `| ${r.query} | ${fmt(r.throughputVsNaive, 1)}× | ${fmt(r.throughputVsHandwritten, 2)}× | ${fmt(r.commandsVsNaive, 3)} | ${fmt(r.commandsVsHandwritten, 2)} |`,
    );
  if (byN.length) {
    lines.push('');
    lines.push(`Q1 by page size N (scale ${scale}, sequential median):`);
    const nImpls = impls.filter((i) => i !== 'naive');
    lines.push(`| N | ${nImpls.map((i) => `${i} commands | ${i} ms`).join(' | ')} | response KB |`);
    lines.push(`|---:|${nImpls.map(() => '---:|---:').join('|')}|---:|`);
    for (const n of ns) {
      const at = (i: ImplName) => byN.find((r) => r.n === n && r.impl === i)!;
      lines.push(
        `| ${n} | ${nImpls.map((i) => `${fmt(at(i).commandsPerRequest, 1)} | ${fmt(at(i).medianMs, 1)}`).join(' | ')} | ${fmt(at('newsgraph').bytes / 1024, 1)} |`,
      );
    }
  }
  if (byScale.length) {
    lines.push('');
    lines.push('Q1 (N=50) by data scale (sequential median):');
    lines.push('| scale | quotes in DB | newsgraph commands | newsgraph ms | hand-written ms |');
    lines.push('|---:|---:|---:|---:|---:|');
    for (const s of scales) {
      const a = byScale.find((r) => r.scale === s && r.impl === 'newsgraph')!;
      const b = byScale.find((r) => r.scale === s && r.impl === 'handwritten')!;
      lines.push(
        `| ${s} | ${a.quotes} | ${fmt(a.commandsPerRequest, 1)} | ${fmt(a.medianMs, 1)} | ${fmt(b.medianMs, 1)} |`,
      );
    }
  }
  lines.push('');
  lines.push('Floors:');
  for (const f of floors) lines.push(`  ${f.holds ? 'HOLDS ' : 'FAILS '} ${f.floor}: ${f.detail}`);
  const totalSeconds = (performance.now() - started) / 1000;
  lines.push('');
  lines.push(`finished in ${totalSeconds.toFixed(0)} s`);
  console.log(lines.join('\n'));

  const report = {
    mode: quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    machine,
    dataset: { db: dbName, scale, seed: dataset.seed, shape: dataset.shape, loadSeconds: dataset.loadSeconds },
    settings: { connections, seconds, q2Article: newest!.slug },
    queries: queries.map((q) => ({ name: q.name, title: q.title, variables: q.variables })),
    equivalence,
    results: rows,
    ratios,
    scaling: { byN, byScale },
    floors,
    totalSeconds,
  };
  await mkdir(dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, JSON.stringify(report, null, 2));
  await mkdir(dirname(chartPath), { recursive: true });
  await writeFile(chartPath, renderChart(report));
  log(`wrote ${jsonPath} and ${chartPath}`);
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
