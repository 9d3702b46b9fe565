/**
 * Admission through the real server (src/http/plugins.ts useAdmission) on the real database:
 * per-client rate and executions in flight (429 + Retry-After), the database cost ceiling
 * (QUERY_TOO_COMPLEX), execution slots (503 + Retry-After), all refused before any database work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNewsGraph } from '../../scripts/generate/synthetic.js';
import { bulkStoreArticleGraphs } from '../../src/tooling/bulkLoad.js';
import { loadConfig } from '../../src/config.js';
import { DEFAULT_ADMISSION_LIMITS, type AdmissionLimits } from '../../src/limits.js';
import { countCommands } from '../support/commands.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { listen } from '../support/integrity.js';
import { postFrom } from '../support/loopback.js';
import { CURATOR_KEY, NO_SCOPE_KEY, securedServer } from '../support/server.js';

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase('admission');
  const { graphs } = generateNewsGraph({ scale: 0.02, seed: 'admission' });
  await bulkStoreArticleGraphs(t.collections, graphs, { origin: 'INGESTED', fresh: true });
}, 60_000);
afterAll(async () => {
  await t?.dispose();
});

const server = (admission: Partial<AdmissionLimits>) =>
  listen(securedServer(t.collections, { admission: { ...DEFAULT_ADMISSION_LIMITS, ...admission } }));

const LIGHT = '{ persons(first: 1) { edges { node { name } } } }';
const PAGE = 'persons(first: 100) { totalCount edges { node { quotes { totalCount } meetings { totalCount } } } }';

describe('admission through the HTTP server', () => {
  it('per-client rate: a burst passes, then 429 TOO_MANY_REQUESTS with Retry-After and no database command; an API key is its own client', async () => {
    const http = await server({ clientRatePerSecond: 0.5, clientBurst: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await http.post(LIGHT)).status).toBe(200);
      const { result: refused, commands } = await countCommands(t.database.client, () => http.post(LIGHT));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('2');
      expect((refused.body as any).errors[0].extensions).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        limit: 'client-rate',
        retryAfterSeconds: 2,
      });
      expect(commands).toEqual([]);
      // A configured key has its own bucket; a key that matches none counts as the address.
      expect((await http.post(LIGHT, undefined, { authorization: `Bearer ${CURATOR_KEY}` })).status).toBe(200);
      expect((await http.post(LIGHT, undefined, { authorization: `Bearer ${NO_SCOPE_KEY}` })).status).toBe(200);
      expect((await http.post(LIGHT, undefined, { authorization: 'Bearer not-a-configured-key' })).status).toBe(429);
      // Other routes are not counted.
      expect((await fetch(http.url.replace('/graphql', '/health'))).status).toBe(200);
    } finally {
      await http.close();
    }
  });

  it('per-client executions in flight: past the cap 429 at once, the others are served', async () => {
    const http = await server({ clientMaxConcurrent: 2, clientRatePerSecond: 0 });
    try {
      // Ten at once of a page that takes a while on the database: more than two overlap.
      const answers = await Promise.all(Array.from({ length: 10 }, () => http.post(`{ ${PAGE} }`)));
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      for (const a of refused)
        expect((a.body as any).errors[0].extensions).toMatchObject({
          code: 'TOO_MANY_REQUESTS',
          limit: 'client-concurrency',
        });
      for (const a of answers.filter((x) => x.status !== 429)) {
        expect(a.status).toBe(200);
        expect((a.body as any).errors).toBeUndefined();
      }
    } finally {
      await http.close();
    }
  });

  it('the database cost ceiling: over it QUERY_TOO_COMPLEX (limit databaseCost, with the estimate) and no database command', async () => {
    const http = await server({ maxCost: 30_000 });
    try {
      const two = `{ a: ${PAGE} b: ${PAGE} }`;
      const { result, commands } = await countCommands(t.database.client, () => http.post(two));
      expect(result.status).toBe(400);
      expect((result.body as any).errors[0].extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'databaseCost',
        max: 30_000,
        cost: 48_802,
      });
      expect(commands).toEqual([]);
      expect((await http.post(`{ ${PAGE} }`)).status).toBe(200);
    } finally {
      await http.close();
    }
  });

  it('execution slots: with every slot taken and no queue, 503 SERVICE_UNAVAILABLE with Retry-After at once', async () => {
    const http = await server({
      maxConcurrent: 1,
      maxQueued: 0,
      clientRatePerSecond: 0,
      clientMaxConcurrent: 0,
    });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => http.post(`{ ${PAGE} }`)));
      const refused = answers.filter((a) => a.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      for (const a of refused) {
        expect(a.headers.get('retry-after')).toBe('1');
        expect((a.body as any).errors[0].extensions).toMatchObject({
          code: 'SERVICE_UNAVAILABLE',
          limit: 'overloaded',
        });
      }
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    } finally {
      await http.close();
    }
  });

  it('behind a trusted proxy the client is the right-most X-Forwarded-For address; anyone else cannot choose it', async () => {
    const http = await listen(
      securedServer(t.collections, {
        admission: { ...DEFAULT_ADMISSION_LIMITS, clientRatePerSecond: 0.5, clientBurst: 1 },
        trustedProxies: ['127.0.0.5'],
      }),
    );
    const from = async (localAddress: string, forwardedFor: string) =>
      (await postFrom(http.url, localAddress, LIGHT, { 'x-forwarded-for': forwardedFor })).status;
    try {
      expect(await from('127.0.0.5', '198.51.100.1')).toBe(200);
      expect(await from('127.0.0.5', '198.51.100.1')).toBe(429);
      expect(await from('127.0.0.5', '198.51.100.2')).toBe(200); // another client behind the proxy
      // What a client wrote itself sits left of what the proxy appended: the right-most counts.
      expect(await from('127.0.0.5', '198.51.100.77, 198.51.100.1')).toBe(429);
      expect(await from('127.0.0.5', '198.51.100.1, 127.0.0.5')).toBe(429); // proxies are skipped
      // Not through the proxy: the header is ignored, the socket's address is the client.
      expect(await from('127.0.0.6', '198.51.100.3')).toBe(200);
      expect(await from('127.0.0.6', '198.51.100.4')).toBe(429);
    } finally {
      await http.close();
    }
  });

  it('the limits come from the environment', () => {
    const config = loadConfig({
      MAX_CONCURRENT_EXECUTIONS: '4',
      MAX_QUEUED_EXECUTIONS: '0',
      QUEUE_TIMEOUT_MS: '250',
      HEAVY_COST: '500',
      MAX_HEAVY_EXECUTIONS: '9',
      MAX_DB_COST: '1000',
      CLIENT_RATE_PER_SECOND: '0',
      CLIENT_BURST: '7',
      CLIENT_MAX_CONCURRENT: '3',
    });
    expect(config.admission).toEqual({
      maxConcurrent: 4,
      maxQueued: 0,
      queueTimeoutMs: 250,
      heavyCost: 500,
      maxHeavyConcurrent: 4, // never more than the execution slots
      maxCost: 1_000,
      clientRatePerSecond: 0,
      clientBurst: 7,
      clientMaxConcurrent: 3,
    });
    expect(loadConfig({}).admission).toEqual(DEFAULT_ADMISSION_LIMITS);
    expect(() => loadConfig({ MAX_DB_COST: '0' })).toThrow(/MAX_DB_COST/);
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, ::1' }).trustedProxies).toEqual(['10.0.0.1', '::1']);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/);
  });
});
