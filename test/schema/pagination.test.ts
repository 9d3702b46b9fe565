import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticleGraph } from '../../src/db/store.js';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { syntheticArticleGraphs } from '../../scripts/fixtures/syntheticGraph.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute } from '../support/graphql.js';

let t: TestDatabase;
let yoga: NewsgraphServer;

beforeAll(async () => {
  t = await openTestDatabase('pagination');
  await seedDatabase(t.collections);
  // 23 more persons (37 in all) and a person with 12 quotes, so every list spans several pages.
  for (const graph of syntheticArticleGraphs({ persons: 23, quotesPerPerson: 12, prefix: 'walk' }))
    await storeArticleGraph(t.collections, graph);
  yoga = createServer({ collections: t.collections, logger: createLogger('silent') });
});
afterAll(() => t.dispose());

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Walks a connection page by page, forwards (first/after) or backwards (last/before). */
async function walk(fetchPage: (args: string) => Promise<Page>, size: number, direction: 'forward' | 'backward') {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    const args: string =
      direction === 'forward'
        ? `first: ${size}${cursor ? `, after: "${cursor}"` : ''}`
        : `last: ${size}${cursor ? `, before: "${cursor}"` : ''}`;
    const page: Page = await fetchPage(args);
    pages++;
    expect(page.edges.length).toBeLessThanOrEqual(size);
    const pageIds = page.edges.map((e) => e.node.id);
    if (direction === 'forward') ids.push(...pageIds);
    else ids.unshift(...pageIds);
    if (page.edges.length) {
      expect(page.pageInfo.startCursor).toBe(page.edges[0]!.cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
    }
    const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
    if (!more) return { ids, pages, totalCount: page.totalCount };
    cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
    expect(pages).toBeLessThan(100);
  }
}

const PAGE = 'totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

async function query(q: string) {
  const r = await execute(yoga, q);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data;
}

const connections: [string, (args: string) => Promise<Page>][] = [
  ['persons', async (args) => (await query(`{ persons(${args}) { ${PAGE} } }`)).persons],
  // Five days of twelve same-day quotes each: most neighbours tie on the date.
  [
    'quotes',
    async (args) =>
      (await query(`{ quotes(${args}, filter: { from: "2024-01-01", to: "2024-01-05" }) { ${PAGE} } }`)).quotes,
  ],
  ['meetings', async (args) => (await query(`{ meetings(${args}) { ${PAGE} } }`)).meetings],
  ['organizations', async (args) => (await query(`{ organizations(${args}) { ${PAGE} } }`)).organizations],
  ['articles', async (args) => (await query(`{ articles(${args}) { ${PAGE} } }`)).articles],
  [
    'Person.quotes (nested)',
    async (args) => (await query(`{ person(slug: "walk-person-0003") { quotes(${args}) { ${PAGE} } } }`)).person.quotes,
  ],
  [
    'Article.persons (nested)',
    async (args) =>
      (
        await query(
          `{ article(slug: "north-korea-rejects-us-attempts-to-resume-talks") { persons(${args}) { ${PAGE} } } }`,
        )
      ).article.persons,
  ],
  [
    'Person.meetings (nested)',
    async (args) => (await query(`{ person(slug: "moon-jae-in") { meetings(${args}) { ${PAGE} } } }`)).person.meetings,
  ],
];

describe.each(connections)('%s', (_name, fetchPage) => {
  it('walks every page forwards and backwards with no duplicates and no gaps', async () => {
    const everything = await fetchPage('first: 100');
    const all = everything.edges.map((e) => e.node.id);
    expect(all.length).toBe(everything.totalCount);
    expect(all.length).toBeGreaterThan(3);
    const size = Math.max(2, Math.ceil(all.length / 4) - 1);

    const forward = await walk(fetchPage, size, 'forward');
    expect(new Set(forward.ids).size).toBe(forward.ids.length);
    expect(forward.ids).toEqual(all);
    expect(forward.pages).toBeGreaterThanOrEqual(3);

    const backward = await walk(fetchPage, size, 'backward');
    expect(new Set(backward.ids).size).toBe(backward.ids.length);
    expect(backward.ids).toEqual(all);
  });
});

describe('ordering', () => {
  it('quotes are newest first and ties are broken the same way every time', async () => {
    const a = (await query(`{ quotes(first: 100) { edges { node { id date } } } }`)).quotes.edges.map(
      (e: any) => e.node,
    );
    const b = (await query(`{ quotes(first: 100) { edges { node { id date } } } }`)).quotes.edges.map(
      (e: any) => e.node,
    );
    expect(a).toHaveLength(100);
    expect(a).toEqual(b);
    const dates = a.map((q: any) => q.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('a cursor stays usable after the item it names is deleted', async () => {
    const first = (await query(`{ persons(first: 3, search: "walk") { edges { cursor node { slug } } } }`)).persons
      .edges;
    const before = (
      await query(`{ persons(first: 2, after: "${first[1].cursor}", search: "walk") { edges { node { slug } } } }`)
    ).persons.edges;
    await t.collections.persons.deleteOne({ slug: first[1].node.slug });
    const after = (
      await query(`{ persons(first: 2, after: "${first[1].cursor}", search: "walk") { edges { node { slug } } } }`)
    ).persons.edges;
    expect(after).toEqual(before);
  });
});
