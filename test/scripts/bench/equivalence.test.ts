import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../../scripts/bench/handwritten.js';
import { benchQueries } from '../../../scripts/bench/queries.js';
import { generateNewsGraph } from '../../../scripts/generate/synthetic.js';
import { bulkStoreArticleGraphs } from '../../../src/tooling/bulkLoad.js';
import type { Collections, PersonDoc } from '../../../src/db/collections.js';
import { storeArticleGraph } from '../../../src/db/store.js';
import { createLogger } from '../../../src/logger.js';
import { createServer } from '../../../src/http/server.js';
import { openTestDatabase, type TestDatabase } from '../../support/db.js';
import { execute } from '../../support/graphql.js';

/**
 * Against the real database: the batched loader writes what storeArticleGraph writes, and the
 * benchmark's hand-written endpoint answers exactly what GraphQL answers.
 */
const { graphs } = generateNewsGraph({ scale: 0.005, seed: 'equivalence' });

let seeded: TestDatabase;
let fresh: TestDatabase;
let upserted: TestDatabase;

beforeAll(async () => {
  [seeded, fresh, upserted] = await Promise.all([
    openTestDatabase('bench_store'),
    openTestDatabase('bench_bulk'),
    openTestDatabase('bench_upsert'),
  ]);
  for (const g of graphs) await storeArticleGraph(seeded.collections, g, 'INGESTED');
  await bulkStoreArticleGraphs(fresh.collections, graphs, { origin: 'INGESTED', fresh: true, chunkSize: 37 });
  await bulkStoreArticleGraphs(upserted.collections, graphs, { origin: 'INGESTED', chunkSize: 37 });
}, 120_000);
afterAll(() => Promise.all([seeded?.dispose(), fresh?.dispose(), upserted?.dispose()]));

async function dump(c: Collections) {
  const all = async (name: 'articles' | 'persons' | 'organizations' | 'quotes' | 'meetings') =>
    (await c[name].find({}).toArray()).sort((a, b) => (a._id.toHexString() < b._id.toHexString() ? -1 : 1));
  // storeArticleGraph upserts a role-less person with `$setOnInsert: { role: null }`, which FerretDB
  // v1 does not apply (MongoDB stores role: null); the insert path stores role: null. Same meaning.
  const persons = ((await all('persons')) as PersonDoc[]).map((p) => ({ ...p, role: p.role ?? null }));
  return {
    articles: await all('articles'),
    persons,
    organizations: await all('organizations'),
    quotes: await all('quotes'),
    meetings: await all('meetings'),
  };
}

describe('bulk load', () => {
  it('leaves the same documents as storeArticleGraph, fresh (inserts) or not (upserts)', async () => {
    const expected = await dump(seeded.collections);
    expect(expected.quotes.length).toBe(graphs.reduce((n, g) => n + g.quotes.length, 0));
    expect(await dump(fresh.collections)).toEqual(expected);
    expect(await dump(upserted.collections)).toEqual(expected);
  });
});

describe('hand-written endpoint', () => {
  it('returns the same data as GraphQL for Q1, Q2 and Q3 (and the naive resolvers agree)', async () => {
    const c = seeded.collections;
    const logger = createLogger('silent');
    const yoga = createServer({ collections: c, logger });
    const naive = createServer({ collections: c, logger, loaders: { batching: false } });
    const keysFirst = createServer({ collections: c, logger, loaders: { prefetchNodes: false } });
    const slug = graphs[0]!.article.slug;
    for (const q of benchQueries({ n: 10, articleSlug: slug })) {
      const graphql = await execute(yoga, q.document, q.variables);
      expect(graphql.body.errors, JSON.stringify(graphql.body.errors)).toBeUndefined();
      expect(JSON.stringify(graphql.body.data).length).toBeGreaterThan(200);
      expect(await answer(c, { operationName: q.name, variables: q.variables }), q.name).toEqual({
        data: graphql.body.data,
      });
      expect((await execute(naive, q.document, q.variables)).body.data, `${q.name} naive`).toEqual(graphql.body.data);
      expect((await execute(keysFirst, q.document, q.variables)).body.data, `${q.name} keys first`).toEqual(
        graphql.body.data,
      );
    }
  });
});
