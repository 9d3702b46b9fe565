/**
 * Q4, the four dashboard queries in one operation (stats, topSpeakers, meetingGraph, timeline),
 * served three ways in the same run while a write lands every second:
 *
 * - `cached`: newsgraph with the response cache (in memory) and change events; the writes come
 *   from another process (this driver), so they reach the server through the change log, which it
 *   polls every CHANGES_POLL_MS (1 s by default, as `npm start` without REDIS_URL does): every write
 *   evicts the cached result and the next request recomputes it.
 * - `newsgraph`: the same schema without the cache (uncached).
 * - `handwritten`: the same aggregation queries (src/db/stats.ts) and a batched person lookup with
 *   hand-built JSON on bare node:http, no GraphQL, no cache.
 *
 * The write is a real one that every dashboard result depends on through its cache tags: a marker
 * alias added to, then removed from, one person (published as a PERSON UPDATED change, which
 * evicts every list and aggregate result). Aliases appear in none of Q1–Q4, so the data the
 * benchmark compares stays the same; the person is restored at the end.
 */
import type { ObjectId } from 'mongodb';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/client.js';
import { getCollections, type Collections, type PersonDoc } from '../../src/db/collections.js';
import { bucketCount, countCollection, findMeetingPairs, findTimeline, findTopSpeakers } from '../../src/db/stats.js';
import { createChangeEvents } from '../../src/events/index.js';
import { createLogger } from '../../src/logger.js';
import { canonical, firstDifference, load, post, type Impl, type LoadResult } from './harness.js';

export const Q4_DOCUMENT = /* GraphQL */ `
  query Q4($speakers: Int!, $edges: Int!, $from: Date!, $to: Date!) {
    stats { articleCount personCount organizationCount quoteCount meetingCount }
    topSpeakers(limit: $speakers) { quoteCount person { slug name } }
    meetingGraph(limit: $edges) { totalEdgeCount nodes { slug name } edges { weight source { slug } target { slug } } }
    timeline(bucket: MONTH, from: $from, to: $to) { start end quoteCount meetingCount }
  }
`;

export const Q4_VARIABLES = { speakers: 10, edges: 50, from: '2015-01-01', to: '2025-12-31' };

export const q4Body = () => JSON.stringify({ operationName: 'Q4', query: Q4_DOCUMENT, variables: Q4_VARIABLES });

const day = (d: Date) => d.toISOString().slice(0, 10);
const hex = (id: ObjectId) => id.toHexString();
const byName = (a: PersonDoc, b: PersonDoc) => {
  const [x, y] = [`${a.sortName}\u0000${hex(a._id)}`, `${b.sortName}\u0000${hex(b._id)}`];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The hand-written Q4: the same aggregations, one batched person find, JSON built by hand. */
export async function q4Handwritten(c: Collections, v: Record<string, unknown>) {
  // As the timeline resolver: the days as given (findTimeline covers the last one whole).
  const from = new Date(`${String(v.from)}T00:00:00.000Z`);
  const to = new Date(`${String(v.to)}T00:00:00.000Z`);
  if (bucketCount(from, to, 'MONTH') > 600) throw new Error('too many buckets');
  const [articleCount, personCount, organizationCount, quoteCount, meetingCount, speakers, pairs, timeline] =
    await Promise.all([
      countCollection(c, 'articles'),
      countCollection(c, 'persons'),
      countCollection(c, 'organizations'),
      countCollection(c, 'quotes'),
      countCollection(c, 'meetings'),
      findTopSpeakers(c, { from: null, to: null }, Number(v.speakers)),
      findMeetingPairs(c, { from: null, to: null }, Number(v.edges)),
      findTimeline(c, from, to, 'MONTH'),
    ]);
  const ids = new Map<string, ObjectId>();
  for (const s of speakers) ids.set(hex(s.speakerId), s.speakerId);
  for (const p of pairs.pairs) for (const id of p.personIds) ids.set(hex(id), id);
  const persons = new Map(
    (ids.size
      ? await c.persons
          .find({ _id: { $in: [...ids.values()] } }, { projection: { slug: 1, name: 1, sortName: 1 } })
          .toArray()
      : []
    ).map((p) => [hex(p._id), p as PersonDoc]),
  );
  const edges: { source: PersonDoc; target: PersonDoc; weight: number }[] = [];
  for (const pair of pairs.pairs) {
    const [a, b] = pair.personIds.map((id) => persons.get(hex(id)));
    if (!a || !b) continue;
    const [source, target] = byName(a, b) <= 0 ? [a, b] : [b, a];
    edges.push({ source, target, weight: pair.meetingCount });
  }
  edges.sort((x, y) => y.weight - x.weight || byName(x.source, y.source) || byName(x.target, y.target));
  const nodes = new Map<string, PersonDoc>();
  for (const e of edges) for (const p of [e.source, e.target]) nodes.set(hex(p._id), p);
  return {
    stats: { articleCount, personCount, organizationCount, quoteCount, meetingCount },
    topSpeakers: speakers.flatMap((s) => {
      const p = persons.get(hex(s.speakerId));
      return p ? [{ quoteCount: s.quoteCount, person: { slug: p.slug, name: p.name } }] : [];
    }),
    meetingGraph: {
      totalEdgeCount: pairs.totalPairCount,
      nodes: [...nodes.values()].sort(byName).map((p) => ({ slug: p.slug, name: p.name })),
      edges: edges.map((e) => ({ weight: e.weight, source: { slug: e.source.slug }, target: { slug: e.target.slug } })),
    },
    timeline: timeline.map((b) => ({
      start: day(b.start),
      end: day(b.end),
      quoteCount: b.quoteCount,
      meetingCount: b.meetingCount,
    })),
  };
}

/** A write every `everyMs` from this process: the marker alias on one person, toggled, published. */
async function startWriter(dbName: string, everyMs: number) {
  const database = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: dbName }));
  const c = getCollections(database.db);
  const events = createChangeEvents({ collections: c, logger: createLogger('silent') });
  const person = await c.persons
    .find({}, { projection: { aliases: 1 } })
    .sort({ _id: 1 })
    .limit(1)
    .next();
  if (!person) throw new Error('no person to write to');
  const original = person.aliases;
  const marker = 'bench q4 write';
  let writes = 0;
  let on = false;
  let busy: Promise<void> | null = null;
  const write = async () => {
    on = !on;
    await c.persons.updateOne(
      { _id: person._id },
      { $set: { aliases: on ? [...original.filter((a) => a !== marker), marker] : original } },
    );
    await events.personsChanged('UPDATED', [person._id]);
    writes++;
  };
  const timer = setInterval(() => {
    busy ??= write().finally(() => {
      busy = null;
    });
  }, everyMs);
  return {
    writes: () => writes,
    async stop() {
      clearInterval(timer);
      await busy;
      await c.persons.updateOne({ _id: person._id }, { $set: { aliases: original } });
      await events.bus.close();
      await database.close();
    },
  };
}

export type Q4Impl = 'cached' | 'newsgraph' | 'handwritten';
export interface Q4Row extends LoadResult {
  impl: Q4Impl;
  writes: number;
  /** The load run completed nothing in its time box: requests/s is 1 / the latency of one request. */
  sequentialOnly: boolean;
}

export interface Q4Report {
  equal: boolean;
  difference: string | null;
  bytes: number;
  rows: Q4Row[];
  cachedVsHandwritten: number;
  uncachedVsHandwritten: number;
  floors: { floor: string; holds: boolean; detail: string }[];
  lines: string[];
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

/**
 * Checks the three agree, then measures each under load with the writer on. The implementations
 * run one after the other, each for `seconds`, after an unmeasured warm-up.
 */
export async function runQ4(options: Parameters<typeof measureQ4>[0]): Promise<Q4Report> {
  try {
    return await measureQ4(options);
  } catch (error) {
    // A failed Q4 (e.g. the database timing out on a large scale) must not lose the rest of the run.
    const message = error instanceof Error ? error.message.slice(0, 300) : String(error);
    options.log(`Q4 failed: ${message}`);
    process.exitCode = 1;
    return {
      equal: false,
      difference: null,
      bytes: 0,
      rows: [],
      cachedVsHandwritten: NaN,
      uncachedVsHandwritten: NaN,
      floors: ['Q4 cached ≥ 20× hand-written (uncached) throughput', 'Q4 uncached ≥ 0.8× hand-written throughput'].map(
        (floor) => ({ floor, holds: false, detail: `not measured: ${message}` }),
      ),
      lines: [`Q4: failed (${message})`],
    };
  }
}

async function measureQ4({
  impls,
  dbName,
  seconds,
  warmupSeconds,
  connections,
  log,
}: {
  impls: Record<Q4Impl, Impl>;
  dbName: string;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  log: (line: string) => void;
}): Promise<Q4Report> {
  const body = q4Body();
  const order: Q4Impl[] = ['cached', 'newsgraph', 'handwritten'];
  const answers = {} as Record<Q4Impl, unknown>;
  for (const name of order) {
    const r = await post(impls[name].url, body);
    const json = r.json as { data?: unknown; errors?: unknown };
    if (r.status !== 200 || json.errors) throw new Error(`Q4 ${name} failed: ${JSON.stringify(json).slice(0, 500)}`);
    answers[name] = json.data;
  }
  const difference = order.map((n) => firstDifference(answers.newsgraph, answers[n])).find((d) => d !== null) ?? null;
  const bytes = Buffer.byteLength(canonical(answers.newsgraph));
  log(`Q4: ${difference === null ? 'all three return the same data' : `DIFFERENT: ${difference}`} (${bytes} bytes)`);

  const writer = await startWriter(dbName, 1_000);
  const rows: Q4Row[] = [];
  try {
    for (const name of order) {
      if (warmupSeconds > 0) await load(impls[name], body, { connections, seconds: warmupSeconds, timeout: 60 });
      const before = writer.writes();
      let r = await load(impls[name], body, { connections, seconds, timeout: 120 });
      const sequentialOnly = r.requests === 0;
      if (sequentialOnly) {
        const one = await post(impls[name].url, body);
        r = { ...r, requests: 1, rps: 1000 / one.ms, p50: one.ms, p99: one.ms, mean: one.ms };
      }
      rows.push({ ...r, impl: name, writes: writer.writes() - before, sequentialOnly });
      log(
        `Q4 ${name}: ${fmt(r.rps, 1)} requests/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, ${writer.writes() - before} writes during the run, ${fmt(r.commandsPerRequest, 2)} commands/request`,
      );
    }
  } finally {
    await writer.stop();
  }
  const rps = (n: Q4Impl) => rows.find((r) => r.impl === n)?.rps ?? NaN;
  const cachedVsHandwritten = rps('cached') / rps('handwritten');
  const uncachedVsHandwritten = rps('newsgraph') / rps('handwritten');
  const floors = [
    {
      floor: 'Q4 cached ≥ 20× hand-written (uncached) throughput, a write every second',
      holds: Number.isFinite(cachedVsHandwritten) && cachedVsHandwritten >= 20,
      detail: `${fmt(cachedVsHandwritten, 1)}×`,
    },
    {
      floor: 'Q4 uncached ≥ 0.8× hand-written throughput',
      holds: Number.isFinite(uncachedVsHandwritten) && uncachedVsHandwritten >= 0.8,
      detail: `${fmt(uncachedVsHandwritten, 2)}×`,
    },
  ];
  const lines = [
    `Q4: the four dashboard queries in one operation (${bytes} bytes), a write every second (PERSON UPDATED: evicts every cached aggregate; the cached server hears it through the change log, polled every second):`,
    '| implementation | requests/s | p50 ms | p99 ms | errors | DB commands/request | writes during run | × hand-written |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.impl === 'newsgraph' ? 'newsgraph uncached' : r.impl === 'cached' ? 'newsgraph cached' : 'hand-written'} | ${fmt(r.rps, r.rps < 10 ? 2 : 0)}${r.sequentialOnly ? '*' : ''} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.errors + r.timeouts + r.non2xx} | ${fmt(r.commandsPerRequest, 2)} | ${r.writes} | ${fmt(r.rps / rps('handwritten'), 2)}× |`,
    ),
    ...(rows.some((r) => r.sequentialOnly)
      ? ['', '\\* no request completed in the time box: one request, requests/s = 1 / its latency.']
      : []),
  ];
  if (difference !== null) process.exitCode = 1;
  return {
    equal: difference === null,
    difference,
    bytes,
    rows,
    cachedVsHandwritten,
    uncachedVsHandwritten,
    floors,
    lines,
  };
}
