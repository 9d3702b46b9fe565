/**
 * npm run bench:profile -- [--impl newsgraph|handwritten|…] [--queries Q1,Q2,Q3] [--seconds S]
 *                          [--connections C] [--scale S] [--dir path] [--interval µs]
 *
 * CPU profiles of the serving process under load: for each query, autocannon (in a child process)
 * loads one implementation (served by a process of its own, serve.ts) for S seconds while the V8
 * profiler samples that process's main thread (the profile `node --cpu-prof` writes, limited to
 * the load window). Each profile is written as a .cpuprofile (open it in Chrome DevTools or
 * speedscope) and summarised by self time, grouped as parsing/validation, execution, our
 * resolvers, loaders, driver/BSON, serialization, plugins, HTTP/runtime and GC (profileSummary.ts).
 *
 * MONGODB_URI must be set; the dataset is the benchmark's (generated when missing).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/client.js';
import { getCollections } from '../../src/db/collections.js';
import { benchDbName } from '../generate/load.js';
import { ensureDataset, load, post, startImpl, type ImplName } from './harness.js';
import { GROUPS, summarise, type Profile } from './profileSummary.js';
import { benchQueries, requestBody, type QueryName } from './queries.js';
import { parseCommand } from '../../src/cli.js';

const { values: args } = parseCommand({
  command: 'npm run bench:profile --',
  summary:
    'CPU profiles of the serving process under load, one per query (.cpuprofile files), summarised by self time\n' +
    "grouped by kind of code. MONGODB_URI must be set; the dataset is the benchmark's (generated when missing).",
  options: {
    impl: { type: 'string', default: 'newsgraph', value: '<name>', description: 'implementation to profile' },
    queries: { type: 'string', default: 'Q1,Q2,Q3', value: '<list>', description: 'queries to load' },
    seconds: { type: 'string', default: '10', value: '<s>', description: 'seconds of load per query' },
    connections: { type: 'string', default: '2', value: '<n>', description: 'concurrent connections' },
    scale: { type: 'string', default: '0.02', value: '<s>', description: 'data scale' },
    dir: { type: 'string', default: 'bench-results/profiles', value: '<path>', description: 'where profiles go' },
    interval: { type: 'string', default: '200', value: '<µs>', description: 'sampling interval' },
    top: { type: 'string', default: '15', value: '<n>', description: 'functions listed per profile' },
  },
});

async function main() {
  const scale = Number(args.scale);
  const seconds = Number(args.seconds);
  const connections = Number(args.connections);
  const impl = args.impl as ImplName;
  const names = args.queries!.split(',') as QueryName[];
  const dbName = benchDbName(scale);
  await ensureDataset(scale, 'newsgraph', (line) => process.stderr.write(`${line}\n`));
  const own = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: dbName }));
  const newest = await getCollections(own.db)
    .articles.find({}, { projection: { slug: 1 } })
    .sort({ publishedAt: -1, _id: 1 })
    .limit(1)
    .next();
  await own.close();
  const running = await startImpl(impl, dbName);
  const queries = benchQueries({ n: 50, articleSlug: newest!.slug }).filter((q) => names.includes(q.name));
  await mkdir(args.dir!, { recursive: true });
  const out: string[] = [];
  for (const q of queries) {
    const body = requestBody(q);
    // Warm up (JIT, caches) outside the profile.
    for (let i = 0; i < 3; i++) await post(running.url, body);
    const file = join(args.dir!, `${impl}-${q.name}.cpuprofile`);
    await running.profileStart(Number(args.interval));
    const r = await load(running, body, { connections, seconds, timeout: 60 });
    await running.profileStop(file);
    const s = summarise(JSON.parse(await readFile(file, 'utf8')) as Profile, Number(args.top));
    // Samples are wall-clock intervals of the main thread (a descheduled thread's time lands on
    // the frame it was in), so the profile gives shares; the ms come from the measured CPU.
    const busy = s.totalMs - s.byGroup.idle;
    const cpu = r.serverCpuMsPerRequest;
    const share = (ms: number) => ms / busy;
    out.push(
      `## ${q.name} · ${impl}: ${r.requests} requests in ${seconds} s, ${cpu.toFixed(2)} ms server CPU per request (${file})`,
      '',
      '| group | share of busy samples | ≈ ms CPU/request |',
      '|---|---:|---:|',
      ...GROUPS.filter((g) => g !== 'idle' && s.byGroup[g] > 0)
        .sort((a, b) => s.byGroup[b] - s.byGroup[a])
        .map(
          (g) => `| ${g} | ${(100 * share(s.byGroup[g])).toFixed(1)} % | ${(share(s.byGroup[g]) * cpu).toFixed(2)} |`,
        ),
      '',
      '| self share | ≈ ms/request | group | function | where |',
      '|---:|---:|---|---|---|',
      ...s.top
        .filter((f) => f.group !== 'idle')
        .map(
          (f) =>
            `| ${(100 * share(f.selfMs)).toFixed(1)} % | ${(share(f.selfMs) * cpu).toFixed(2)} | ${f.group} | ${f.functionName} | ${f.location} |`,
        ),
      '',
    );
    process.stderr.write(`${q.name}: profiled ${r.requests} requests\n`);
  }
  await running.close();
  console.log(out.join('\n'));
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
