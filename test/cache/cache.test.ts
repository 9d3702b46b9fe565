import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/cache/index.js';
import { FACTS, entitiesOf, operationKind } from '../../src/cache/entities.js';
import { articleId, personId } from '../../src/db/ids.js';
import { createChangeEvents, type ChangePublisher } from '../../src/events/index.js';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { countCommands } from '../support/commands.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute } from '../support/graphql.js';
import { asCurator, globalId, securedServer } from '../support/server.js';
import { DASHBOARD, eventually, liveArticle } from '../support/live.js';

let t: TestDatabase;
let events: ChangePublisher;
let yoga: ReturnType<typeof securedServer>;

/** Runs an anonymous read and counts the database commands it cost. */
async function read(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const { result, commands } = await countCommands(t.database.client, () => execute(yoga, query, variables, headers));
  expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
  return { data: result.body.data, commands: commands.length };
}
const ingest = (tag: string, opts?: Parameters<typeof liveArticle>[1]) =>
  execute(
    yoga,
    'mutation($i: IngestArticlesInput!) { ingestArticles(input: $i) { ingested } }',
    { i: { articles: [{ text: liveArticle(tag, opts) }] } },
    asCurator,
  );

beforeAll(async () => {
  t = await openTestDatabase('cache');
  await seedDatabase(t.collections);
  events = createChangeEvents({ collections: t.collections, logger: createLogger('silent') });
  yoga = securedServer(t.collections, { events, responseCache: { store: createMemoryStore(), ttlMs: 60_000 } });
});
afterAll(async () => {
  await events?.bus.close();
  await t?.dispose();
});

describe('response cache (one instance, in memory)', () => {
  it('serves a repeated dashboard query without touching the database', async () => {
    const first = await read(DASHBOARD);
    expect(first.commands).toBeGreaterThan(0);
    const second = await read(DASHBOARD);
    expect(second.commands).toBe(0);
    expect(second.data).toEqual(first.data);
  });

  it('a write through the API makes the next dashboard read fresh', async () => {
    const before = await read(DASHBOARD);
    expect((await read(DASHBOARD)).commands).toBe(0);
    expect((await ingest('cache1')).body.data.ingestArticles.ingested).toBe(1);
    const after = await read(DASHBOARD);
    expect(after.commands).toBeGreaterThan(0);
    expect(after.data.stats.articleCount).toBe(before.data.stats.articleCount + 1);
    expect(after.data.stats.quoteCount).toBe(before.data.stats.quoteCount + 2);
  });

  it('an entity lookup is evicted by an event naming the entity, and a null lookup by any new fact', async () => {
    const PERSON = 'query($s: String!) { person(slug: $s) { name role } }';
    const lena = await read(PERSON, { s: 'lena-vortmann' });
    expect(lena.data.person.role).toBe('Foreign Minister');
    expect((await read(PERSON, { s: 'lena-vortmann' })).commands).toBe(0);
    await execute(
      yoga,
      'mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { person { id } } }',
      { i: { personId: globalId('Person', personId('lena-vortmann')), role: 'Prime Minister' } },
      asCurator,
    );
    expect((await read(PERSON, { s: 'lena-vortmann' })).data.person.role).toBe('Prime Minister');

    const missing = await read(PERSON, { s: 'tove-halvorsen' });
    expect(missing.data.person).toBeNull();
    expect((await read(PERSON, { s: 'tove-halvorsen' })).commands).toBe(0);
    await ingest('cache2', { speaker: 'Tove Halvorsen', partner: 'Odo Pranske' });
    expect((await read(PERSON, { s: 'tove-halvorsen' })).data.person.name).toBe('Tove Halvorsen');
  });

  it('an article page is evicted when the article is deleted', async () => {
    const ARTICLE = 'query($s: String!) { article(slug: $s) { title quotes(first: 5) { totalCount } } }';
    const slug = 'harbor-accord-signed-in-varnholm-cache1';
    expect((await read(ARTICLE, { s: slug })).data.article.quotes.totalCount).toBe(2);
    expect((await read(ARTICLE, { s: slug })).commands).toBe(0);
    await execute(
      yoga,
      'mutation($i: DeleteArticleInput!) { deleteArticle(input: $i) { deletedQuotes } }',
      { i: { articleId: globalId('Article', articleId(slug)) } },
      asCurator,
    );
    expect((await read(ARTICLE, { s: slug })).data.article).toBeNull();
  });

  it('never caches for a request that presents an API key, nor mutations', async () => {
    await read(DASHBOARD);
    expect((await read(DASHBOARD)).commands).toBe(0);
    expect((await read(DASHBOARD, undefined, asCurator)).commands).toBeGreaterThan(0);
    expect((await read(DASHBOARD, undefined, asCurator)).commands).toBeGreaterThan(0);
    const mutation = () =>
      countCommands(t.database.client, () =>
        execute(
          yoga,
          'mutation($i: IngestArticlesInput!) { ingestArticles(input: $i) { unchanged } }',
          { i: { articles: [{ text: liveArticle('cache2', { speaker: 'Tove Halvorsen', partner: 'Odo Pranske' }) }] } },
          asCurator,
        ),
      );
    await mutation();
    expect((await mutation()).commands.length).toBeGreaterThan(0);
  });

  it('the TTL is the backstop for a write that published nothing', async () => {
    const store = createMemoryStore();
    const short = securedServer(t.collections, { events, responseCache: { store, ttlMs: 300 } });
    const COUNT = '{ stats { articleCount } }';
    const count = async () => (await execute(short, COUNT)).body.data.stats.articleCount as number;
    const before = await count();
    // A write behind the service's back (no event): the cached count is stale until the TTL passes.
    await t.collections.articles.insertOne({
      ...(await t.collections.articles.findOne({}))!,
      _id: articleId('ttl-probe'),
      slug: 'ttl-probe',
    });
    expect(await count()).toBe(before);
    await eventually(async () => (await count()) === before + 1, 5_000);
    await t.collections.articles.deleteOne({ _id: articleId('ttl-probe') });
  });
});

describe('cache rules', () => {
  it('does not store a result read before an invalidation that happened during the read', () => {
    const store = createMemoryStore();
    const result = { data: { stats: { articleCount: 1 } } };
    expect(store.get('f:k')).toBeNull();
    store.invalidate([FACTS]);
    store.set('f:k', result, [], 60_000);
    expect(store.get('f:k')).toBeNull();
    // Without a write in between it is stored.
    store.set('f:k', result, [], 60_000);
    expect(store.get('f:k')).toEqual(result);
    store.invalidate([FACTS]);
    expect(store.get('f:k')).toBeNull();
  });

  it('classifies operations: entity lookups vs lists and aggregates', () => {
    expect(operationKind('{ person(slug: "x") { name } }', null)).toBe('lookup');
    expect(operationKind('query A { article(slug: "x") { title } } query B { stats { articleCount } }', 'B')).toBe(
      'facts',
    );
    expect(operationKind('{ persons(first: 2) { totalCount } }', null)).toBe('facts');
    expect(operationKind('not graphql', null)).toBe('facts');
  });

  it('maps an event to the global ids it names plus the facts tag', () => {
    const hex = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const entities = entitiesOf({
      seq: 1,
      at: new Date().toISOString(),
      origin: 'test',
      entity: 'ARTICLE',
      change: 'INGESTED',
      articleId: hex,
      personIds: [hex],
      organizationIds: [],
      quoteIds: [hex],
      meetingIds: [],
      addedQuoteIds: [hex],
      addedMeetingIds: [],
      removedPersonIds: [],
    });
    expect(entities).toEqual([
      FACTS,
      { typename: 'Article', id: Buffer.from(`Article:${hex}`).toString('base64') },
      { typename: 'Person', id: Buffer.from(`Person:${hex}`).toString('base64') },
      { typename: 'Quote', id: Buffer.from(`Quote:${hex}`).toString('base64') },
    ]);
  });
});
