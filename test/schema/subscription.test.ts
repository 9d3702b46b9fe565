import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApiKeys } from '../../src/auth.js';
import { personId } from '../../src/db/ids.js';
import { createChangeEvents, type ChangePublisher } from '../../src/events/index.js';
import { SubscriptionLimiter } from '../../src/events/limiter.js';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits.js';
import { createServer } from '../../src/http/server.js';
import { seedDatabase } from '../../src/seed/load.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { eventually, listen, liveArticle, subscribe, type Listening } from '../support/live.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const KEY = 'ingest-bot-secret-0123456789';
const KEYS = parseApiKeys(`bot:${sha256(KEY)}:ingest+curate`).keys;
const asBot = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const globalId = (type: string, hex: string) => Buffer.from(`${type}:${hex}`).toString('base64');

let t: TestDatabase;
let server: Listening;
let events: ChangePublisher;
const PER_CLIENT = 3;

async function post(query: string, variables: Record<string, unknown>) {
  const r = await fetch(server.url, { method: 'POST', headers: asBot, body: JSON.stringify({ query, variables }) });
  return (await r.json()) as { data?: any; errors?: any[] };
}
const ingest = (tag: string, opts?: Parameters<typeof liveArticle>[1]) =>
  post('mutation($input: IngestArticlesInput!) { ingestArticles(input: $input) { results { status } } }', {
    input: { articles: [{ text: liveArticle(tag, opts) }] },
  });

beforeAll(async () => {
  t = await openTestDatabase('subscriptions');
  events = createChangeEvents({ collections: t.collections, logger: createLogger('silent') });
  const limits = { ...DEFAULT_QUERY_LIMITS, maxDepth: 6 };
  const yoga = createServer({
    collections: t.collections,
    logger: createLogger('silent'),
    apiKeys: KEYS,
    events,
    limits,
    subscriptionLimits: { perClient: PER_CLIENT, total: 100 },
  });
  server = await listen(yoga);
});
afterAll(async () => {
  await events?.bus.close();
  await server?.close();
  await t?.dispose();
});

describe('subscriptions over SSE', () => {
  it('articleIngested delivers an article ingested through the API, with fresh nested data', async () => {
    const sub = await subscribe(
      server.url,
      'subscription { articleIngested { seq change article { slug quotes(first: 5) { totalCount } } } }',
    );
    await ingest('sse1');
    const first = await sub.next();
    expect(first.errors).toBeUndefined();
    expect(first.data!.articleIngested).toMatchObject({
      change: 'INGESTED',
      article: { slug: 'harbor-accord-signed-in-varnholm-sse1', quotes: { totalCount: 2 } },
    });
    await ingest('sse2');
    const second = await sub.next();
    expect(second.data!.articleIngested.article.slug).toBe('harbor-accord-signed-in-varnholm-sse2');
    expect(second.data!.articleIngested.seq).toBeGreaterThan(first.data!.articleIngested.seq);
    sub.close();
  });

  it('articleIngested also reports seeding (any write path that publishes)', async () => {
    const sub = await subscribe(server.url, 'subscription { articleIngested { change article { slug } } }');
    const { publishSeeded } = await import('../../src/events/index.js');
    await publishSeeded(events, await seedDatabase(t.collections));
    const e = await sub.next();
    expect(e.data!.articleIngested).toEqual({
      change: 'SEEDED',
      article: { slug: 'north-korea-rejects-us-attempts-to-resume-talks' },
    });
    sub.close();
  });

  it('quoteAdded filters by speaker and minimum confidence; meetingAdded by participant', async () => {
    const speaker = globalId('Person', personId('rhea-molnar').toHexString());
    const bySpeaker = await subscribe(
      server.url,
      'subscription($p: ID) { quoteAdded(personId: $p) { text speaker { slug } } }',
      { p: speaker },
    );
    const confident = await subscribe(server.url, 'subscription { quoteAdded(minConfidence: 0.99) { text } }');
    const meetings = await subscribe(
      server.url,
      'subscription($p: ID) { meetingAdded(personId: $p) { location participants { slug } } }',
      { p: speaker },
    );
    // Another pair first: nothing for the filtered subscriptions.
    await ingest('f1', { speaker: 'Ivo Kastel', partner: 'Mara Lindqvist', place: 'Osterby' });
    await ingest('f2', { speaker: 'Rhea Molnar', partner: 'Ivo Kastel', place: 'Brenholt' });
    const quote = await bySpeaker.next();
    expect(quote.data!.quoteAdded).toEqual({
      text: 'a fair bargain for both ports f2',
      speaker: { slug: 'rhea-molnar' },
    });
    const meeting = await meetings.next();
    expect(meeting.data!.meetingAdded.location).toBe('Brenholt');
    expect(meeting.data!.meetingAdded.participants.map((p: { slug: string }) => p.slug).sort()).toEqual([
      'ivo-kastel',
      'rhea-molnar',
    ]);
    // Extracted quotes have confidence below 0.99: the confident subscription got nothing. Deleting
    // the curated article and seeding it again adds curated quotes (confidence 1): its first event.
    const { articleId } = await import('../../src/db/ids.js');
    const seeded = globalId('Article', articleId('north-korea-rejects-us-attempts-to-resume-talks').toHexString());
    const deleted = await post('mutation($i: DeleteArticleInput!) { deleteArticle(input: $i) { deletedQuotes } }', {
      i: { articleId: seeded },
    });
    expect(deleted.data.deleteArticle.deletedQuotes).toBeGreaterThan(0);
    const { publishSeeded } = await import('../../src/events/index.js');
    await publishSeeded(events, await seedDatabase(t.collections));
    const curated = await confident.next();
    expect(curated.errors).toBeUndefined();
    expect(typeof curated.data!.quoteAdded.text).toBe('string');
    for (const s of [bySpeaker, confident, meetings]) s.close();
  });

  it('refuses a bad filter with a typed error', async () => {
    const sub = await subscribe(server.url, 'subscription { quoteAdded(minConfidence: 2) { text } }');
    const e = await sub.next();
    expect(e.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('applies the depth limit to subscriptions', async () => {
    const deep =
      'subscription { articleIngested { article { quotes(first: 1) { edges { node { speaker { quotes(first: 1) { edges { node { text } } } } } } } } } }';
    const sub = await subscribe(server.url, deep);
    const e = await sub.next();
    expect(e.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('caps open subscriptions per client and frees the slot when the client disconnects', async () => {
    const open = [];
    for (let i = 0; i < PER_CLIENT; i++)
      open.push(await subscribe(server.url, 'subscription { articleIngested { seq } }'));
    const refused = await subscribe(server.url, 'subscription { articleIngested { seq } }');
    const e = await refused.next();
    expect(e.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', max: PER_CLIENT });
    await refused.ended;
    // One client leaves: its slot is given back once the server notices the closed connection.
    open.pop()!.close();
    let again: Awaited<ReturnType<typeof subscribe>> | null = null;
    await eventually(async () => {
      const candidate = await subscribe(server.url, 'subscription { articleIngested { seq } }');
      await ingest(`cap${Date.now()}`);
      const r = await candidate.next();
      if (r.errors) return false;
      again = candidate;
      return true;
    });
    expect(again).not.toBeNull();
    for (const s of open) s.close();
    again!.close();
  });

  it('a SubscriptionLimiter release is idempotent and counts per client', () => {
    const limiter = new SubscriptionLimiter({ perClient: 1, total: 2 });
    const a = limiter.acquire('a');
    expect(() => limiter.acquire('a')).toThrow(/limit is 1/);
    const b = limiter.acquire('b');
    expect(() => limiter.acquire('c')).toThrow(/as many open subscriptions/);
    a();
    a();
    expect(limiter.total).toBe(1);
    b();
    expect(limiter.total).toBe(0);
  });
});

describe('subscription caps behind a trusted proxy', () => {
  it('count per forwarded client address, as the request limits do', async () => {
    const proxied = await listen(
      createServer({
        collections: t.collections,
        logger: createLogger('silent'),
        events,
        trustedProxies: ['127.0.0.1'],
        subscriptionLimits: { perClient: 1, total: 100 },
      }),
    );
    const query = 'subscription { articleIngested { seq } }';
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const first = await subscribe(proxied.url, query, {}, from('198.51.100.7'));
    const other = await subscribe(proxied.url, query, {}, from('198.51.100.8'));
    const again = await subscribe(proxied.url, query, {}, from('198.51.100.7'));
    try {
      const refused = await again.next();
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', max: 1 });
      // The other forwarded client has its own slot: it hears of the next article.
      await ingest(`proxy${Date.now()}`);
      expect((await other.next()).errors).toBeUndefined();
    } finally {
      for (const s of [first, other, again]) s.close();
      await proxied.close();
    }
  });
});
