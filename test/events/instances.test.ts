/**
 * Several instances as one: a real redis-server (started here on a free loopback port) and two
 * service instances (startApp, real sockets) on one database; the command-line ingest runs as its
 * own process. Then Redis dies mid-run and comes back.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { API_KEYS_ENV, asCurator } from '../support/server.js';
import { countCommands } from '../support/commands.js';
import { startOwnRedis, type OwnRedis } from '../support/redis.js';
import { DASHBOARD, eventually, ingestByCommand, liveArticle, subscribe } from '../support/live.js';

const DB = `test_instances_${randomBytes(4).toString('hex')}`;

let redis: OwnRedis;
let a: RunningApp;
let b: RunningApp;
let scratch: string;

const env = () => ({
  ...process.env,
  MONGODB_DB: DB,
  REDIS_URL: redis.url,
  RESPONSE_CACHE: 'true',
  PORT: '0',
  HOST: '127.0.0.1',
  NEWSGRAPH_API_KEYS: API_KEYS_ENV,
  LOG_LEVEL: 'silent',
});

async function post(app: RunningApp, query: string, variables: Record<string, unknown> = {}, headers = {}) {
  const r = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: any; errors?: any[] };
  return { status: r.status, body };
}
const ingestOn = (app: RunningApp, tag: string) =>
  post(
    app,
    'mutation($i: IngestArticlesInput!) { ingestArticles(input: $i) { ingested } }',
    { i: { articles: [{ text: liveArticle(tag) }] } },
    asCurator,
  );
/** A dashboard read on an instance, with the database commands it cost that instance. */
async function dashboard(app: RunningApp) {
  const { result, commands } = await countCommands(app.database.client, () => post(app, DASHBOARD));
  expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
  return { data: result.body.data, commands: commands.length };
}
const cliIngest = (tag: string) => ingestByCommand(scratch, tag, env());

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'newsgraph-instances-'));
  redis = await startOwnRedis();
  a = await startApp(loadConfig(env()), createLogger('silent'));
  b = await startApp(loadConfig(env()), createLogger('silent'));
  await Promise.all([a.events.bus.whenAvailable(), b.events.bus.whenAvailable()]);
}, 120_000);

afterAll(async () => {
  await b?.stop().catch(() => {});
  await a?.database.db.dropDatabase().catch(() => {});
  await a?.stop().catch(() => {});
  await redis?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('two instances on one database, events and cache through Redis', () => {
  it('a subscriber on B receives an article ingested through A, and one ingested by the command line', async () => {
    const sub = await subscribe(b.url, 'subscription { articleIngested { change article { slug } } }');
    expect((await ingestOn(a, 'via-a')).body.data.ingestArticles.ingested).toBe(1);
    expect((await sub.next()).data!.articleIngested).toEqual({
      change: 'INGESTED',
      article: { slug: 'harbor-accord-signed-in-varnholm-via-a' },
    });
    const out = await cliIngest('via-cli');
    expect(out).toMatch(/1 ingested/);
    expect((await sub.next()).data!.articleIngested.article.slug).toBe('harbor-accord-signed-in-varnholm-via-cli');
    sub.close();
  });

  it('a cached dashboard query on B is fresh after a write on A and after a command-line ingest', async () => {
    const before = await dashboard(b);
    const cached = await dashboard(b);
    expect(cached.commands).toBe(0);
    expect(cached.data).toEqual(before.data);
    // A serves the same cached result from Redis.
    expect((await dashboard(a)).commands).toBe(0);

    await ingestOn(a, 'fresh-a');
    const afterA = await dashboard(b);
    expect(afterA.data.stats.articleCount).toBe(before.data.stats.articleCount + 1);

    expect((await dashboard(b)).commands).toBe(0);
    await cliIngest('fresh-cli');
    const afterCli = await dashboard(b);
    expect(afterCli.data.stats.articleCount).toBe(before.data.stats.articleCount + 2);
  });

  it('Redis lost: subscriptions end with a clear error, reads fall back to the database; both recover', async () => {
    const sub = await subscribe(b.url, 'subscription { articleIngested { article { slug } } }');
    await dashboard(b);
    expect((await dashboard(b)).commands).toBe(0);

    await redis.kill();
    const ended = await sub.next();
    expect(ended.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Live events are unavailable.*Redis/),
      extensions: { code: 'EVENTS_UNAVAILABLE' },
    });
    await sub.ended;
    // New subscriptions are refused the same way while Redis is down.
    const refused = await subscribe(b.url, 'subscription { articleIngested { seq } }');
    expect((await refused.next()).errors?.[0]?.extensions?.code).toBe('EVENTS_UNAVAILABLE');

    // Writes still work, and reads are uncached and fresh on both instances.
    const before = (await dashboard(b)).data.stats.articleCount;
    expect((await ingestOn(a, 'during-outage')).body.data.ingestArticles.ingested).toBe(1);
    for (const app of [a, b]) {
      const r = await dashboard(app);
      expect(r.commands).toBeGreaterThan(0);
      expect(r.data.stats.articleCount).toBe(before + 1);
    }
    for (const app of [a, b]) expect((await fetch(new URL('/health', app.url))).status).toBe(200);

    // Redis is back (empty): events and the cache resume without a restart.
    await redis.start();
    await Promise.all([a.events.bus.whenAvailable(15_000), b.events.bus.whenAvailable(15_000)]);
    const again = await subscribe(b.url, 'subscription { articleIngested { article { slug } } }');
    await ingestOn(a, 'after-outage');
    expect((await again.next()).data!.articleIngested.article.slug).toBe(
      'harbor-accord-signed-in-varnholm-after-outage',
    );
    again.close();
    await eventually(async () => (await dashboard(b)).commands === 0);
    const cachedCount = (await dashboard(b)).data.stats.articleCount;
    expect(cachedCount).toBe(before + 2);
    await ingestOn(a, 'after-outage-2');
    expect((await dashboard(b)).data.stats.articleCount).toBe(before + 3);
  });
});
