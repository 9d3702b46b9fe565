/**
 * Benchmark plumbing: each implementation is served by a process of its own (serve.ts, forked:
 * node:http on 127.0.0.1, port 0, its own MongoClient), so database commands are counted per
 * implementation (command monitoring: every `commandStarted`, getMore included, is one round
 * trip) and `process.cpuUsage()` of that process is the serving cost alone. autocannon runs in a
 * child process of its own, so the load generator shares neither the server's event loop nor its
 * CPU account.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/client.js';
import { generateIntoDatabase, readDatasetMeta, benchDbName, type DatasetMeta } from '../generate/load.js';
import { pidCpuMs } from './cpu.js';

export type ImplName = 'newsgraph' | 'naive' | 'handwritten' | 'keysfirst';
/** What serve.ts can serve: the implementations, and `cached` (Q4 only, scripts/bench/q4.ts). */
export type ServeName = ImplName | 'cached';
/**
 * newsgraph: createServer as built; naive: the same with batching and caching off; handwritten:
 * scripts/bench/handwritten.ts; keysfirst: newsgraph with `loaders: { prefetchNodes: false }`
 * (a proposed default, measured alongside).
 */
export const IMPLS: ImplName[] = ['newsgraph', 'naive', 'handwritten'];
/** Also available with --impls: newsgraph with `prefetchNodes: false` (sort keys first, then the page by id). */
export const EXTRA_IMPLS: ImplName[] = ['keysfirst'];

/** Driver commands an implementation has sent, in all and by command name. */
export interface CommandCounts {
  total: number;
  byName: Record<string, number>;
}

/** Commands (by name) from one count to a later one. */
export function commandsBetween(before: CommandCounts, after: CommandCounts): CommandCounts {
  const byName: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.byName))
    if (v - (before.byName[k] ?? 0) > 0) byName[k] = v - (before.byName[k] ?? 0);
  return { total: after.total - before.total, byName };
}

export interface Impl {
  name: ServeName;
  url: string;
  pid: number;
  commands(): Promise<CommandCounts>;
  /** CPU (user + system) the serving process has used, in ms. */
  cpuMs(): Promise<number>;
  /** Responses the server has finished (or abandoned). */
  served(): Promise<number>;
  /** Resolves once no request is in flight. */
  drained(): Promise<void>;
  profileStart(intervalUs: number): Promise<void>;
  /** Writes the profile since profileStart to `path` (.cpuprofile). */
  profileStop(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Makes sure the database for a scale holds the generated dataset; generates it otherwise. */
export async function ensureDataset(s: number, seed: string, log: (line: string) => void): Promise<DatasetMeta> {
  const dbName = benchDbName(s);
  const database = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: dbName }));
  try {
    const meta = await readDatasetMeta(database.db);
    if (meta && meta.scale === s && meta.seed === seed) return meta;
    log(`dataset ${dbName} missing or different: generating scale ${s}`);
    return await generateIntoDatabase(database.db, { scale: s, seed, log: (l) => log(`  ${l}`) });
  } finally {
    await database.close();
  }
}

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));

/**
 * The V8 flags `npm start` runs the service with (package.json). Every implementation's server
 * gets them, so the processes compared differ only in their code.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'] as const;

/**
 * Forks the implementation's server process (with this process's loader flags, i.e. tsx, and the
 * service's V8 flags). It runs as deployed, with NODE_ENV=production unless the caller set
 * NODE_ENV: graphql-js checks every failed `instanceof` for a second copy of itself in
 * development mode (≈ 2 % of Q1's CPU).
 */
export async function startImpl(name: ServeName, dbName: string): Promise<Impl> {
  const child: ChildProcess = fork(SERVE, [name, dbName], {
    execArgv: [...process.execArgv, ...SERVICE_NODE_FLAGS],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} server exited during start-up (code ${code})`)));
    child.on('message', (m: { ready?: string; id?: number; result?: unknown; error?: string }) => {
      if (m.ready) return resolve(m.ready);
      const p = pending.get(m.id!);
      pending.delete(m.id!);
      if (m.error !== undefined) p?.reject(new Error(`${name}: ${m.error}`));
      else p?.resolve(m.result);
    });
  });
  child.removeAllListeners('exit');
  child.once('exit', () => {
    for (const p of pending.values()) p.reject(new Error(`${name} server exited`));
  });
  const call = <T>(op: string, arg?: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, op, arg });
    });
  return {
    name,
    url,
    pid: child.pid!,
    commands: () => call<CommandCounts>('commands'),
    cpuMs: () => call<number>('cpu'),
    served: () => call<number>('served'),
    drained: () => call<void>('drained'),
    profileStart: (interval) => call<void>('profileStart', { interval }),
    profileStop: (path) => call<void>('profileStop', { path }),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('close').catch(() => {});
      await exited;
    },
  };
}

export async function post(url: string, body: string): Promise<{ status: number; json: unknown; ms: number }> {
  const t = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = await res.json();
  return { status: res.status, json, ms: performance.now() - t };
}

/** Sequential requests: per-request commands (exact) and latency (median and max). */
export async function timeSequential(impl: Impl, body: string, count: number, warmup = 1) {
  for (let i = 0; i < warmup; i++) await post(impl.url, body);
  const before = await impl.commands();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await post(impl.url, body);
    if (r.status !== 200 || (r.json as { errors?: unknown }).errors)
      throw new Error(`${impl.name}: ${JSON.stringify(r.json).slice(0, 300)}`);
    times.push(r.ms);
  }
  const commands = commandsBetween(before, await impl.commands());
  times.sort((a, b) => a - b);
  return {
    commandsPerRequest: commands.total / count,
    commandsByName: Object.fromEntries(Object.entries(commands.byName).map(([k, v]) => [k, v / count])),
    medianMs: times[Math.floor(times.length / 2)]!,
    maxMs: times.at(-1)!,
  };
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  commandsPerRequest: number;
  /**
   * CPU (user + system) of the serving process per request over the load run, the process's idle
   * cost subtracted; NaN when not measured under load.
   */
  serverCpuMsPerRequest: number;
  /** CPU of the database server process per request, when its pid is known; null otherwise. */
  dbCpuMsPerRequest: number | null;
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** Fixed concurrency for a fixed time (autocannon in a child process); commands counted meanwhile. */
export async function load(
  impl: Impl,
  body: string,
  {
    connections,
    seconds,
    timeout = 60,
    dbPid = null,
    idleCpuMsPerSecond = 0,
  }: { connections: number; seconds: number; timeout?: number; dbPid?: number | null; idleCpuMsPerSecond?: number },
): Promise<LoadResult> {
  await impl.drained();
  const before = await impl.commands();
  const servedBefore = await impl.served();
  const cpuBefore = await impl.cpuMs();
  const dbBefore = dbPid === null ? null : pidCpuMs(dbPid);
  const t0 = performance.now();
  const args = [
    AUTOCANNON,
    '-j',
    '-n',
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '-t',
    String(timeout),
    '-m',
    'POST',
    '-H',
    'content-type=application/json',
    '-b',
    body,
    impl.url,
  ];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }, (error, out, err) =>
      error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
    ),
  );
  const r = JSON.parse(stdout) as {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; mean: number };
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  // Requests still in flight when autocannon stops finish (and query) afterwards; let them drain.
  await impl.drained();
  const wallMs = performance.now() - t0;
  const serverMs = (await impl.cpuMs()) - cpuBefore;
  const dbAfter = dbPid === null ? null : pidCpuMs(dbPid);
  const dbMs = dbBefore === null || dbAfter === null ? null : dbAfter - dbBefore;
  const served = (await impl.served()) - servedBefore;
  const commands = (await impl.commands()).total - before.total;
  const completed = r.requests.total;
  return {
    requests: completed,
    seconds: r.duration,
    rps: completed / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.mean,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    commandsPerRequest: completed ? commands / completed : 0,
    serverCpuMsPerRequest: served ? Math.max(0, serverMs - (idleCpuMsPerSecond * wallMs) / 1000) / served : NaN,
    dbCpuMsPerRequest: served && dbMs !== null ? dbMs / served : null,
  };
}

/**
 * CPU a server process uses per second while nothing is loaded (driver heartbeats, timers): the
 * median of `windows` windows of `ms`, after a pause for the work just finished (sockets closing,
 * GC) to settle. Measure it once the process is warm: right after start-up and the first requests
 * V8 is still compiling and collecting in the background, which is not an idle cost, and
 * subtracting it would flatter that process (newsgraph's first reading was 13.7 ms/s, its warm
 * one under 3, like hand-written's).
 */
export async function idleCpuRate(impl: Impl, { ms = 1_000, windows = 3 } = {}): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rates: number[] = [];
  for (let i = 0; i < windows; i++) {
    const before = await impl.cpuMs();
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, ms));
    rates.push((((await impl.cpuMs()) - before) * 1000) / (performance.now() - t0));
  }
  return rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
}

/** JSON with object keys sorted, for comparing answers whatever the key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** The first place two JSON values differ, as a path (for error messages). */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (canonical(a) === canonical(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
}
