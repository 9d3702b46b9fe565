/**
 * The heavy-load scenario of load shedding, on loopback against the real database with a generated
 * graph and the server's default admission limits: 25 connections send heavy queries, each from
 * its own loopback address (127.0.0.10–34, so each is its own client and only the server-wide
 * limits shed them), while one more client sends a light one-field query. Refusals must come at
 * once — far inside the 10 s execution deadline — and the light query must stay under 1 s. This is
 * a functional bound, not a throughput measurement: the margins are meant to hold on a busy 2-CPU
 * machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNewsGraph } from '../../scripts/generate/synthetic.js';
import { bulkStoreArticleGraphs } from '../../src/tooling/bulkLoad.js';
import { DEFAULT_ADMISSION_LIMITS, DEFAULT_QUERY_LIMITS } from '../../src/limits.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { listen, type HttpEndpoint } from '../support/integrity.js';
import { postFrom, type LoopbackAnswer } from '../support/loopback.js';
import { securedServer } from '../support/server.js';

const { graphs } = generateNewsGraph({ scale: 0.05, seed: 'load-shedding' });

let t: TestDatabase;
let http: HttpEndpoint;
let lightSlug: string;

beforeAll(async () => {
  t = await openTestDatabase('shedding');
  await bulkStoreArticleGraphs(t.collections, graphs, { origin: 'INGESTED', fresh: true });
  lightSlug = (await t.collections.persons.findOne({}, { projection: { slug: 1 } }))!.slug;
  // The defaults, said out loud: this test is about them.
  http = await listen(
    securedServer(t.collections, { limits: DEFAULT_QUERY_LIMITS, admission: DEFAULT_ADMISSION_LIMITS }),
  );
}, 120_000);
afterAll(async () => {
  await http?.close();
  await t?.dispose();
});

type Answer = LoopbackAnswer;

/** One POST on a fresh connection from `localAddress`. */
const post = (query: string, localAddress: string) => postFrom(http.url, localAddress, query);

const code = (a: Answer) => a.body.errors?.[0]?.extensions?.code;
const PAGE = 'persons(first: 100) { totalCount edges { node { quotes { totalCount } meetings { totalCount } } } }';
/** The query of the report: five aliased pages of 100 persons with nested totals. */
const FIVE_PAGES = `{ ${Array.from({ length: 5 }, (_, i) => `p${i}: ${PAGE}`).join(' ')} }`;
const ONE_PAGE = `{ ${PAGE} }`;
const CONNECTIONS = 25;
const ROUNDS = 2;

/**
 * 25 connections, each sending `query` ROUNDS times in a row, while a light client sends its query
 * one after another until they are done (at least 5 times).
 */
async function underLoad(query: string) {
  // A server in service is warm: one of each first (the first request of a fresh server pays for
  // its database connections, JIT and yoga's document caches), not measured.
  const light = `{ person(slug: "${lightSlug}") { name } }`;
  await post(light, '127.0.0.1');
  await post(query, '127.0.0.2');
  let heavyDone = false;
  const heavy = Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, i) => {
      const answers: Answer[] = [];
      for (let round = 0; round < ROUNDS; round++) answers.push(await post(query, `127.0.0.${10 + i}`));
      return answers;
    }),
  ).then((all) => {
    heavyDone = true;
    return all.flat();
  });
  const answers: Answer[] = [];
  while (!heavyDone || answers.length < 5) {
    answers.push(await post(light, '127.0.0.1'));
    if (answers.length >= 200) break; // bounded whatever happens
  }
  return { heavy: await heavy, light: answers };
}

function expectLightFast(light: Answer[]) {
  expect(light.every((a) => a.status === 200 && !a.body.errors)).toBe(true);
  const slowest = Math.max(...light.map((a) => a.ms));
  expect(slowest, `light query latencies ${light.map((a) => Math.round(a.ms)).join(', ')} ms`).toBeLessThan(1_000);
}

describe('load shedding under heavy load (25 connections, generated graph, loopback)', () => {
  it('the five-page query is refused at once as too costly for the database, and a light query stays under 1 s', async () => {
    const { heavy, light } = await underLoad(FIVE_PAGES);
    expect(heavy).toHaveLength(CONNECTIONS * ROUNDS);
    for (const a of heavy) {
      expect(a.status).toBe(400);
      expect(a.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'databaseCost' });
    }
    expect(Math.max(...heavy.map((a) => a.ms))).toBeLessThan(2_000);
    expectLightFast(light);
  }, 120_000);

  it('a heavy page the cost allows: a few run, the rest get 503 with Retry-After fast; none times out; a light query stays under 1 s', async () => {
    const { heavy, light } = await underLoad(ONE_PAGE);
    const served = heavy.filter((a) => a.status === 200);
    const refused = heavy.filter((a) => a.status !== 200);
    for (const a of served) expect(a.body.errors).toBeUndefined();
    for (const a of refused) {
      expect(a.status).toBe(503);
      expect(code(a)).toBe('SERVICE_UNAVAILABLE');
      expect(['heavy-overloaded', 'queue-timeout']).toContain(a.body.errors?.[0]?.extensions?.limit);
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // At most the heavy slots run at once, so most are shed; some are served.
    expect(served.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(CONNECTIONS);
    // A refusal waits at most the queue time (1 s), never the 10 s deadline.
    const slowestRefusal = Math.max(...refused.map((a) => a.ms));
    expect(slowestRefusal).toBeLessThan(DEFAULT_ADMISSION_LIMITS.queueTimeoutMs + 2_500);
    expect(Math.max(...served.map((a) => a.ms))).toBeLessThan(DEFAULT_QUERY_LIMITS.requestTimeoutMs);
    expectLightFast(light);
  }, 120_000);
});
