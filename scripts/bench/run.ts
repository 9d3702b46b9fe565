/**
 * npm run bench -- [--quick] [--scale S] [--json path] [--chart path] [--seconds S] [--connections C]
 *                  [--ns 10,25,50,100] [--scales 1,3,10] [--no-scaling] [--rounds R] [--warmup S]
 *
 * Serves three fixed queries three ways in one run — newsgraph as built (DataLoader batching),
 * the same schema naive (batching and caching off: one database call per item), and a hand-written
 * floor (batched `$in` finds and hand-built JSON on bare node:http) — checks that all three return
 * the same data, then measures database commands per request, requests/s and p50/p99 latency at
 * fixed concurrency (autocannon, loopback), and the CPU each request costs the serving process and
 * the database process (scripts/bench/cpu.ts). `--rounds R` repeats the load runs R times, the
 * implementations side by side in every round, and reports the median CPU per request. Then Q1's
 * cost as the page size N and the data scale grow. Writes a table to stdout, JSON to --json and an
 * SVG chart to --chart.
 *
 * MONGODB_URI must be set. The dataset (newsgraph_bench_s<scale>) is generated when missing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/client.js';
import { getCollections } from '../../src/db/collections.js';
import { benchDbName } from '../generate/load.js';
import { renderChart } from './chart.js';
import { databasePid } from './cpu.js';
import {
  canonical,
  commandsBetween,
  ensureDataset as ensureDatasetFor,
  firstDifference,
  IMPLS,
  idleCpuRate,
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
import { runQ4, type Q4Report } from './q4.js';

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
    'no-q4': { type: 'boolean', default: false, description: 'skip Q4 (dashboard: cached, uncached, hand-written)' },
    seed: { type: 'string', default: 'newsgraph', value: '<text>', description: 'dataset seed' },
    impls: { type: 'string', default: IMPLS.join(','), value: '<list>', description: 'implementations to run' },
    rounds: {
      type: 'string',
      default: '3',
      value: '<r>',
      description: 'repeat the load runs side by side; CPU per request and its ratio are medians over rounds',
    },
    warmup: {
      type: 'string',
      value: '<s>',
      description: 'unmeasured warm-up seconds per implementation and query before any run (default 3; 2 with --quick)',
    },
  },
});

const quick = args.quick!;
const scale = Number(args.scale ?? (quick ? 0.02 : 1));
const seconds = Number(args.seconds ?? (quick ? 6 : 15));
const connections = Number(args.connections);
const rounds = Math.max(1, Number(args.rounds));
/** Seconds per unmeasured warm-up load (JIT, pools); see WARMUP_REQUESTS. */
const warmupSeconds = Number(args.warmup ?? (quick ? 2 : 3));
/** Requests each server serves per query, unmeasured, before the first measured run (see below). */
const WARMUP_REQUESTS = 400;
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

const ensureDataset = (s: number) => ensureDatasetFor(s, args.seed!, log);

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
  /** Server CPU per request in each round (the row's value is their median). */
  serverCpuMsPerRequestRounds: number[];
}

const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

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
  // The driver's own connection, for facts about the database (not counted for any implementation).
  const own = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: dbName }));
  const server = (await own.db.admin().command({ buildInfo: 1 })) as {
    version?: string;
    ferretdbVersion?: string;
  };
  const newest = await getCollections(own.db)
    .articles.find({}, { projection: { slug: 1 } })
    .sort({ publishedAt: -1, _id: 1 })
    .limit(1)
    .next();
  await own.close();
  const queries = benchQueries({ n: 50, articleSlug: newest!.slug });

  // 1. Same data from all three, before any timing.
  const firstLatency: Record<string, number> = {};
  const firstCommands: Record<string, { total: number; byName: Record<string, number> }> = {};
  const equivalence: Record<string, { equal: boolean; difference: string | null; bytes: Record<string, number> }> = {};
  for (const q of queries) {
    const body = requestBody(q);
    const answers = {} as Record<ImplName, { data?: unknown; errors?: unknown }>;
    for (const name of impls) {
      const before = await running[name].commands();
      const r = await post(running[name].url, body);
      answers[name] = r.json as { data?: unknown; errors?: unknown };
      firstLatency[`${q.name}:${name}`] = r.ms;
      firstCommands[`${q.name}:${name}`] = commandsBetween(before, await running[name].commands());
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

  // 2. Per query and implementation: exact commands per request, then throughput, latency and CPU
  // under load. Every round runs all implementations one after the other, so each round compares
  // them under the same machine conditions.
  const dbPid = databasePid(loadConfig().mongodbUri ?? undefined);
  const plan: { q: (typeof queries)[number]; name: ImplName }[] = queries.flatMap((q) =>
    impls.map((name) => ({ q, name })),
  );
  const sequentialOf = new Map<string, Awaited<ReturnType<typeof timeSequential>> & { slow: boolean }>();
  const runsOf = new Map<string, LoadResult[]>();
  // An implementation so slow that a load run would complete (almost) nothing in its time box is
  // measured by one sequential request instead: requests/s = 1 / latency at concurrency 1.
  const isSlow = (id: string) => firstLatency[id]! > seconds * 1000;
  // Each server is a fresh process: its first hundreds of requests pay for V8's optimising
  // compilers (on background threads, which count in its CPU; a --trace-opt run showed Q3 still
  // optimising about one function per request after 250 requests). Warm every server on every
  // query, unmeasured, for at least WARMUP_REQUESTS requests (or 5 × the warm-up time when it is
  // slower than that) before anything is measured, and only then read the idle CPU that is
  // subtracted. A server in service is warm; the figure wanted is the warm one.
  if (warmupSeconds > 0)
    for (const { q, name } of plan) {
      if (isSlow(`${q.name}:${name}`)) continue;
      let served = 0;
      for (let s = 0; s < 5 * warmupSeconds && served < WARMUP_REQUESTS; s += warmupSeconds)
        served += (await load(running[name], requestBody(q), { connections, seconds: warmupSeconds, timeout: 60 }))
          .requests;
    }
  const idleCpu = {} as Record<ImplName, number>;
  for (const name of impls) idleCpu[name] = await idleCpuRate(running[name]);
  log(
    `server processes idle CPU ${impls.map((n) => `${n} ${fmt(idleCpu[n], 2)}`).join(', ')} ms/s (measured warm, subtracted); database CPU ${dbPid === null ? 'not readable (no local pid found; set FERRETDB_PID)' : `read from pid ${dbPid}`}`,
  );
  for (let round = 1; round <= rounds; round++) {
    for (const { q, name } of plan) {
      const id = `${q.name}:${name}`;
      const body = requestBody(q);
      const slow = isSlow(id);
      if (!sequentialOf.has(id)) {
        const first = firstCommands[id]!;
        const seq = slow
          ? {
              commandsPerRequest: first.total,
              commandsByName: first.byName,
              medianMs: firstLatency[id]!,
              maxMs: firstLatency[id]!,
            }
          : await timeSequential(running[name], body, quick ? 3 : 5);
        sequentialOf.set(id, { ...seq, slow });
      }
      if (slow) continue;
      const seq = sequentialOf.get(id)!;
      // This server sat idle while the others were measured (V8's memory reducer may have collected
      // in the meantime); a second of unmeasured load first, so the run starts from a busy server.
      if (warmupSeconds > 0) await load(running[name], body, { connections, seconds: 1, timeout: 60 });
      const r = await load(running[name], body, {
        connections,
        seconds,
        timeout: Math.max(30, Math.ceil((seq.maxMs * connections * 3) / 1000)),
        dbPid,
        idleCpuMsPerSecond: idleCpu[name],
      });
      runsOf.set(id, [...(runsOf.get(id) ?? []), r]);
      log(
        `${q.name} ${name}${rounds > 1 ? ` (round ${round}/${rounds})` : ''}: ${fmt(seq.commandsPerRequest, 1)} commands/request, ${fmt(seq.medianMs, 1)} ms sequential; ${fmt(r.rps, 1)} requests/s at ${connections} connections over ${seconds} s, server CPU ${fmt(r.serverCpuMsPerRequest, 2)} ms/request, database CPU ${r.dbCpuMsPerRequest === null ? '—' : fmt(r.dbCpuMsPerRequest, 2)} ms/request`,
      );
    }
  }
  const rows: Row[] = [];
  for (const { q, name } of plan) {
    const id = `${q.name}:${name}`;
    const seq = sequentialOf.get(id)!;
    const runs = (runsOf.get(id) ?? []).filter((r) => r.requests > 0);
    // A load run that completed nothing says nothing: fall back to the sequential measurement.
    const sequentialOnly = runs.length === 0;
    const total = runs.reduce((a, r) => ({ requests: a.requests + r.requests, seconds: a.seconds + r.seconds }), {
      requests: 0,
      seconds: 0,
    });
    const dbCpu = runs.map((r) => r.dbCpuMsPerRequest).filter((x): x is number => x !== null);
    const result: LoadResult = sequentialOnly
      ? {
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
          serverCpuMsPerRequest: NaN,
          dbCpuMsPerRequest: null,
        }
      : {
          requests: total.requests,
          seconds: total.seconds,
          rps: total.requests / total.seconds,
          p50: median(runs.map((r) => r.p50)),
          p99: median(runs.map((r) => r.p99)),
          mean: median(runs.map((r) => r.mean)),
          errors: runs.reduce((a, r) => a + r.errors, 0),
          timeouts: runs.reduce((a, r) => a + r.timeouts, 0),
          non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
          commandsPerRequest: median(runs.map((r) => r.commandsPerRequest)),
          serverCpuMsPerRequest: median(runs.map((r) => r.serverCpuMsPerRequest)),
          dbCpuMsPerRequest: dbCpu.length ? median(dbCpu) : null,
        };
    rows.push({
      query: q.name,
      impl: name,
      ...result,
      sequentialOnly,
      exactCommandsPerRequest: seq.commandsPerRequest,
      commandsByName: seq.commandsByName,
      sequentialMedianMs: seq.medianMs,
      serverCpuMsPerRequestRounds: runs.map((r) => r.serverCpuMsPerRequest),
    });
  }

  // 2b. Q4, the dashboard, cached / uncached / hand-written with a write every second (scripts/bench/q4.ts).
  let q4: Q4Report | null = null;
  if (!args['no-q4'] && running.newsgraph && running.handwritten) {
    const cached = await startImpl('cached', dbName);
    try {
      q4 = await runQ4({
        impls: { cached, newsgraph: running.newsgraph, handwritten: running.handwritten },
        dbName,
        seconds,
        warmupSeconds,
        connections,
        log,
      });
    } finally {
      await cached.close();
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
  const missing = { rps: NaN, exactCommandsPerRequest: NaN, p50: NaN, serverCpuMsPerRequest: NaN } as Row;
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
    serverCpuVsHandwritten: ratio(
      get(q.name, 'newsgraph').serverCpuMsPerRequest,
      get(q.name, 'handwritten').serverCpuMsPerRequest,
    ),
    /** The same ratio within each round (how much it varies from round to round). */
    serverCpuVsHandwrittenRounds:
      get(q.name, 'newsgraph').serverCpuMsPerRequestRounds?.map((c, i) =>
        ratio(c, get(q.name, 'handwritten').serverCpuMsPerRequestRounds?.[i] ?? NaN),
      ) ?? [],
  }));
  /**
   * The floor's figure: the median of the rounds' ratios. Within a round the two servers run
   * back to back on the same query, so each round's ratio is a paired comparison; the ratio of the
   * two medians can pair one server's quiet round with the other's busy one (both are reported).
   */
  const pairedCpuRatio = (r: (typeof ratios)[number]) =>
    r.serverCpuVsHandwrittenRounds.length ? median(r.serverCpuVsHandwrittenRounds) : r.serverCpuVsHandwritten;
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
    ...ratios.map((r) => ({
      floor: `newsgraph server CPU per request ≤ 1.5× hand-written on ${r.query}`,
      holds: pairedCpuRatio(r) <= 1.5,
      detail: `${fmt(pairedCpuRatio(r), 2)}×${r.serverCpuVsHandwrittenRounds.length > 1 ? ' (median of the rounds)' : ''}; medians ${fmt(get(r.query, 'newsgraph').serverCpuMsPerRequest, 2)} vs ${fmt(get(r.query, 'handwritten').serverCpuMsPerRequest, 2)} ms, ${fmt(r.serverCpuVsHandwritten, 2)}×`,
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
      `${connections} connections × ${seconds} s per run${rounds > 1 ? `, ${rounds} rounds (CPU: median)` : ''}, loopback`,
  );
  lines.push(
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.database}`,
  );
  lines.push('');
  lines.push(
    '| query | implementation | DB commands/request | requests/s | p50 ms | p99 ms | errors | server CPU ms/request | × hand-written | DB CPU ms/request |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const cpuRatio = ratio(r.serverCpuMsPerRequest, get(r.query, 'handwritten').serverCpuMsPerRequest);
    lines.push(
      `| ${r.query} | ${r.impl} | ${fmt(r.exactCommandsPerRequest, 1)} | ${fmt(r.rps, r.rps < 10 ? 2 : 0)}${r.sequentialOnly ? '*' : ''} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors + r.timeouts + r.non2xx} | ${fmt(r.serverCpuMsPerRequest, 2)} | ${Number.isFinite(cpuRatio) ? `${fmt(cpuRatio, 2)}×` : '—'} | ${r.dbCpuMsPerRequest === null ? '—' : fmt(r.dbCpuMsPerRequest, 2)} |`,
    );
  }
  if (rows.some((r) => r.sequentialOnly))
    lines.push(
      '',
      '\\* one sequential request (concurrency 1): too slow for a load run in the time box; requests/s = 1 / latency (no CPU figure: the client shares the process then).',
    );
  lines.push(
    '',
    `Server CPU: user + system CPU of the serving process (one per implementation) per request under load (load generator in another process; idle CPU subtracted). DB CPU: the database process${dbPid === null ? ' (not readable here)' : ` (pid ${dbPid})`}.`,
  );
  lines.push('');
  lines.push(
    '| query | throughput newsgraph/naive | throughput newsgraph/hand-written | commands newsgraph/naive | commands newsgraph/hand-written | server CPU newsgraph/hand-written (median of rounds) | server CPU, ratio of medians |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of ratios)
    lines.push(
      `| ${r.query} | ${fmt(r.throughputVsNaive, 1)}× | ${fmt(r.throughputVsHandwritten, 2)}× | ${fmt(r.commandsVsNaive, 3)} | ${fmt(r.commandsVsHandwritten, 2)} | ${fmt(pairedCpuRatio(r), 2)}×${r.serverCpuVsHandwrittenRounds.length > 1 ? ` (rounds: ${r.serverCpuVsHandwrittenRounds.map((x) => fmt(x, 2)).join(', ')})` : ''} | ${fmt(r.serverCpuVsHandwritten, 2)}× |`,
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
  if (q4) lines.push('', ...q4.lines);
  if (q4) floors.push(...q4.floors);
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
    settings: {
      connections,
      seconds,
      rounds,
      q2Article: newest!.slug,
      idleCpuMsPerSecond: idleCpu,
      databasePid: dbPid,
    },
    queries: queries.map((q) => ({ name: q.name, title: q.title, variables: q.variables })),
    equivalence,
    results: rows,
    ratios: ratios.map((r) => ({ ...r, serverCpuVsHandwrittenMedianOfRounds: pairedCpuRatio(r) })),
    scaling: { byN, byScale },
    q4,
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
