/**
 * Responses follow the query's order (GraphQL spec, "CollectFields"/"ExecuteSelectionSet"): every
 * object's keys come back in the order its selection asks for them, whatever order the fields
 * resolve in. Over a real socket (node:http in front of createServer), with fields that resolve at
 * different speeds: synchronous fields, fields behind one database round trip, fields behind two,
 * and a server whose quote queries are held until the meeting queries have answered, so the field
 * asked first is the one that resolves last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/cache/index.js';
import type { Collections } from '../../src/db/collections.js';
import { createChangeEvents } from '../../src/events/index.js';
import { createServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { aroundFind } from '../support/gates.js';
import { listen, type Listening } from '../support/live.js';

/**
 * The collections, with every `quotes` query held back until a `meetings` query of the same
 * request has answered (armed per request): quotes then always resolve after meetings.
 */
function quotesAfterMeetings(collections: Collections) {
  let meetingsAnswered = 0;
  let waiters: (() => void)[] = [];
  const meetingsDone = () =>
    meetingsAnswered > 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
  const held: Collections = {
    ...collections,
    quotes: aroundFind(collections.quotes, async (toArray) => {
      await meetingsDone();
      return toArray();
    }),
    meetings: aroundFind(collections.meetings, async (toArray) => {
      const docs = await toArray();
      meetingsAnswered++;
      for (const w of waiters.splice(0)) w();
      return docs;
    }),
  };
  return {
    collections: held,
    /** Before each request: the next quotes query waits for that request's meetings query. */
    arm() {
      meetingsAnswered = 0;
      waiters = [];
    },
  };
}

let t: TestDatabase;
let plain: Listening;
let held: Listening;
let cached: Listening;
let gate: ReturnType<typeof quotesAfterMeetings>;

beforeAll(async () => {
  t = await openTestDatabase('order');
  await seedDatabase(t.collections);
  const logger = createLogger('silent');
  plain = await listen(createServer({ collections: t.collections, logger }));
  gate = quotesAfterMeetings(t.collections);
  held = await listen(createServer({ collections: gate.collections, logger }));
  const events = createChangeEvents({ collections: t.collections, logger });
  cached = await listen(
    createServer({
      collections: t.collections,
      logger,
      events,
      responseCache: { store: createMemoryStore(), ttlMs: 60_000 },
    }),
  );
});
afterAll(async () => {
  await Promise.all([plain?.close(), held?.close(), cached?.close()]);
  await t?.dispose();
});

/**
 * Sends the query twice and returns the second answer, after checking both are the same text:
 * the engine compiles a query the second time a document is run (src/http/engine.ts), so every
 * case checks graphql-js's order and the compiled one's. `before` runs before each request.
 */
async function post(url: string, query: string, variables: Record<string, unknown> = {}, before = () => {}) {
  const texts: string[] = [];
  for (let run = 0; run < 2; run++) {
    before();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    texts.push(await response.text());
  }
  expect(texts[1]).toBe(texts[0]);
  // JSON.parse keeps the text's key order (no key here is an array index).
  const body = JSON.parse(texts[1]!) as { data?: any; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

const keys = (value: unknown) => Object.keys(value as object);

/** Every item of a non-empty list has exactly these keys, in this order. */
function everyHasKeys(list: unknown[], expected: string[]) {
  expect(list.length).toBeGreaterThan(0);
  for (const item of list) expect(keys(item)).toEqual(expected);
}

const PERSON_SLOW_FIRST = /* GraphQL */ `
  query Order($slug: String!) {
    person(slug: $slug) {
      metWith(first: 3) { edges { node { name slug } meetingCount } totalCount }
      quotes(first: 3) { totalCount edges { node { text kind } cursor } }
      meetings(first: 3) { edges { node { participants { slug name } date } } }
      name
      slug
    }
  }
`;

function checkPersonSlowFirst(d: any) {
  expect(keys(d)).toEqual(['person']);
  // metWith waits for two round trips, quotes and meetings for one, name and slug for none.
  expect(keys(d.person)).toEqual(['metWith', 'quotes', 'meetings', 'name', 'slug']);
  expect(keys(d.person.metWith)).toEqual(['edges', 'totalCount']);
  everyHasKeys(d.person.metWith.edges, ['node', 'meetingCount']);
  everyHasKeys(
    d.person.metWith.edges.map((e: any) => e.node),
    ['name', 'slug'],
  );
  expect(keys(d.person.quotes)).toEqual(['totalCount', 'edges']);
  everyHasKeys(d.person.quotes.edges, ['node', 'cursor']);
  everyHasKeys(
    d.person.meetings.edges.map((e: any) => e.node),
    ['participants', 'date'],
  );
  everyHasKeys(
    d.person.meetings.edges.flatMap((e: any) => e.node.participants),
    ['slug', 'name'],
  );
}

describe('response order', () => {
  it('follows the selection when the first fields are the slowest, every time (also under concurrency)', async () => {
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        Array.from({ length: 4 }, () => post(plain.url, PERSON_SLOW_FIRST, { slug: 'sung-kim' })),
      );
      for (const d of results) checkPersonSlowFirst(d);
    }
  });

  it('follows the selection when the field asked first resolves last (quotes held until meetings answered)', async () => {
    const query = /* GraphQL */ `{
      person(slug: "sung-kim") {
        quotes(first: 2) { edges { node { text } } }
        meetings(first: 2) { edges { node { date } } }
        name
      }
    }`;
    for (let round = 0; round < 3; round++) {
      const d = await post(held.url, query, {}, () => gate.arm());
      expect(keys(d.person)).toEqual(['quotes', 'meetings', 'name']);
      expect(d.person.quotes.edges.length).toBe(2);
    }
  });

  it('root fields with aliases, __typename between them', async () => {
    const d = await post(
      plain.url,
      /* GraphQL */ `{
        zeta: person(slug: "sung-kim") { quotes(first: 1) { totalCount } name }
        __typename
        alpha: article(slug: "north-korea-rejects-us-attempts-to-resume-talks") { meetings(first: 1) { totalCount } title }
        persons(first: 2) { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } }
        mid: person(slug: "moon-jae-in") { slug }
      }`,
    );
    expect(keys(d)).toEqual(['zeta', '__typename', 'alpha', 'persons', 'mid']);
    expect(keys(d.zeta)).toEqual(['quotes', 'name']);
    expect(keys(d.alpha)).toEqual(['meetings', 'title']);
    // totalCount is a count query after the page; edges and pageInfo are ready with the page.
    expect(keys(d.persons)).toEqual(['totalCount', 'edges', 'pageInfo']);
    expect(keys(d.persons.pageInfo)).toEqual(['hasNextPage', 'endCursor']);
  });

  it('fragments with type conditions: fields merge in first-appearance order, for the runtime type only', async () => {
    const { person } = await post(plain.url, '{ person(slug: "sung-kim") { id } }');
    const d = await post(
      plain.url,
      /* GraphQL */ `
        query Frag($id: ID!) {
          node(id: $id) {
            ... on Article { title slug }
            ... on Person { quotes(first: 2) { totalCount } ...PersonBits name }
            __typename
            id
          }
          article(slug: "north-korea-rejects-us-attempts-to-resume-talks") {
            quotes(first: 50) {
              edges {
                node {
                  reportedBy {
                    ... on Organization { members(first: 1) { totalCount } slug name }
                    ... on Person { name __typename slug }
                  }
                  text
                }
              }
            }
          }
        }
        fragment PersonBits on Person { metWith(first: 1) { totalCount } slug name }
      `,
      { id: person.id },
    );
    expect(keys(d)).toEqual(['node', 'article']);
    expect(keys(d.node)).toEqual(['quotes', 'metWith', 'slug', 'name', '__typename', 'id']);
    const reporters = d.article.quotes.edges.map((e: any) => e.node.reportedBy).filter(Boolean);
    const orgs = reporters.filter((r: any) => 'members' in r);
    const people = reporters.filter((r: any) => !('members' in r));
    everyHasKeys(orgs, ['members', 'slug', 'name']);
    everyHasKeys(people, ['name', '__typename', 'slug']);
    everyHasKeys(
      d.article.quotes.edges.map((e: any) => e.node),
      ['reportedBy', 'text'],
    );
  });

  it('@include and @skip leave the remaining fields in order', async () => {
    const query = /* GraphQL */ `
      query Dir($yes: Boolean!) {
        person(slug: "sung-kim") {
          metWith(first: 1) @include(if: $yes) { totalCount }
          quotes(first: 1) @skip(if: $yes) { totalCount }
          meetings(first: 1) @include(if: true) { totalCount }
          role @skip(if: false)
          name @include(if: $yes)
          slug
        }
      }
    `;
    expect(keys((await post(plain.url, query, { yes: true })).person)).toEqual([
      'metWith',
      'meetings',
      'role',
      'name',
      'slug',
    ]);
    expect(keys((await post(plain.url, query, { yes: false })).person)).toEqual(['quotes', 'meetings', 'role', 'slug']);
  });

  it('nested lists: every item of every level in selection order', async () => {
    const d = await post(
      plain.url,
      /* GraphQL */ `{
        persons(first: 20) {
          edges {
            node {
              meetings(first: 5) { edges { node { participants { metWith(first: 1) { totalCount } slug } location date } } }
              quotes(first: 5) { edges { node { article { title } paragraph { text index } text } } }
              slug
            }
          }
        }
      }`,
    );
    const nodes = d.persons.edges.map((e: any) => e.node);
    everyHasKeys(nodes, ['meetings', 'quotes', 'slug']);
    const meetings = nodes.flatMap((n: any) => n.meetings.edges.map((e: any) => e.node));
    everyHasKeys(meetings, ['participants', 'location', 'date']);
    everyHasKeys(
      meetings.flatMap((m: any) => m.participants),
      ['metWith', 'slug'],
    );
    const quotes = nodes.flatMap((n: any) => n.quotes.edges.map((e: any) => e.node));
    everyHasKeys(quotes, ['article', 'paragraph', 'text']);
    everyHasKeys(
      quotes.map((q: any) => q.paragraph),
      ['text', 'index'],
    );
  });

  it('a response-cache hit keeps the order of the miss it stored', async () => {
    const miss = await post(cached.url, PERSON_SLOW_FIRST, { slug: 'sung-kim' });
    const hit = await post(cached.url, PERSON_SLOW_FIRST, { slug: 'sung-kim' });
    checkPersonSlowFirst(miss);
    checkPersonSlowFirst(hit);
    expect(JSON.stringify(hit)).toBe(JSON.stringify(miss));
  });
});
