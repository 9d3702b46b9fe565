/**
 * Benchmark plumbing: the three implementations behind node:http on 127.0.0.1 (port 0), each with
 * its own MongoClient so database commands can be counted per implementation (command monitoring:
 * every `commandStarted`, getMore included, is one round trip), sequential timing, and autocannon
 * runs in a child process so the load generator does not share the server's event loop.
 */
import { execFile } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { MongoClient } from 'mongodb';
import { loadConfig } from '../../src/config.js';
import { connectDatabase, type Database } from '../../src/db/client.js';
import { getCollections, type Collections } from '../../src/db/collections.js';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits.js';
import { createServer } from '../../src/http/server.js';
import { createHandwrittenServer } from './handwritten.js';

export type ImplName = 'newsgraph' | 'naive' | 'handwritten' | 'keysfirst';
/**
 * newsgraph: createServer as built; naive: the same with batching and caching off; handwritten:
 * scripts/bench/handwritten.ts; keysfirst: newsgraph with `loaders: { prefetchNodes: false }`
 * (a proposed default, measured alongside).
 */
export const IMPLS: ImplName[] = ['newsgraph', 'naive', 'handwritten'];
/** Also available with --impls: newsgraph with `prefetchNodes: false` (sort keys first, then the page by id). */
export const EXTRA_IMPLS: ImplName[] = ['keysfirst'];

export class CommandCounter {
  total = 0;
  byName = new Map<string, number>();
  constructor(client: MongoClient) {
    client.on('commandStarted', (e) => {
      this.total++;
      this.byName.set(e.commandName, (this.byName.get(e.commandName) ?? 0) + 1);
    });
  }
  snapshot() {
    return { total: this.total, byName: new Map(this.byName) };
  }
  /** Commands (by name) since a snapshot. */
  since(s: ReturnType<CommandCounter['snapshot']>) {
    const byName: Record<string, number> = {};
    for (const [k, v] of this.byName) if (v - (s.byName.get(k) ?? 0) > 0) byName[k] = v - (s.byName.get(k) ?? 0);
    return { total: this.total - s.total, byName };
  }
}

export interface Impl {
  name: ImplName;
  url: string;
  database: Database;
  collections: Collections;
  counter: CommandCounter;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startImpl(name: ImplName, dbName: string): Promise<Impl> {
  const database = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: dbName }));
  const collections = getCollections(database.db);
  const counter = new CommandCounter(database.client);
  const logger = createLogger('silent');
  let server: Server;
  let path = '/';
  if (name === 'handwritten') server = createHandwrittenServer(collections);
  else {
    // The service's 10 s execution deadline would cut the naive resolver off mid-request on this
    // database; both GraphQL variants get the same generous one (nothing else differs from the defaults).
    const limits = { ...DEFAULT_QUERY_LIMITS, requestTimeoutMs: 600_000 };
    const loaders =
      name === 'naive'
        ? { loaders: { batching: false } }
        : name === 'keysfirst'
          ? { loaders: { prefetchNodes: false } }
          : {};
    const yoga = createServer({ collections, logger, graphiql: false, limits, ...loaders });
    server = createHttpServer(yoga);
    path = yoga.graphqlEndpoint;
  }
  server.keepAliveTimeout = 60_000;
  const base = await listen(server);
  return {
    name,
    url: base + path,
    database,
    collections,
    counter,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
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
  const before = impl.counter.snapshot();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await post(impl.url, body);
    if (r.status !== 200 || (r.json as { errors?: unknown }).errors)
      throw new Error(`${impl.name}: ${JSON.stringify(r.json).slice(0, 300)}`);
    times.push(r.ms);
  }
  const commands = impl.counter.since(before);
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
}

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

/** Fixed concurrency for a fixed time (autocannon in a child process); commands counted meanwhile. */
export async function load(
  impl: Impl,
  body: string,
  { connections, seconds, timeout = 60 }: { connections: number; seconds: number; timeout?: number },
): Promise<LoadResult> {
  const before = impl.counter.snapshot();
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
  await new Promise((resolve) => setTimeout(resolve, 200));
  const commands = impl.counter.since(before).total;
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
  };
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
