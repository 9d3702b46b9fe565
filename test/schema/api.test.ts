import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/client.js';
import { getCollections } from '../../src/db/collections.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { countCommands } from '../support/commands.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { errorCode, execute, expectData } from '../support/graphql.js';

const ARTICLE = 'north-korea-rejects-us-attempts-to-resume-talks';
let t: TestDatabase;
let yoga: NewsgraphServer;

beforeAll(async () => {
  t = await openTestDatabase('api');
  await seedDatabase(t.collections);
  yoga = createServer({ collections: t.collections, logger: createLogger('silent') });
});
afterAll(() => t.dispose());

const data = <T = any>(query: string, variables?: Record<string, unknown>) => expectData<T>(yoga, query, variables);

describe('Person', () => {
  it('person(slug) shows Sung Kim, his four meeting partners and his quotes with their paragraphs', async () => {
    const d = await data(`{
      person(slug: "sung-kim") {
        slug name role aliases organizations { slug }
        metWith { totalCount edges { meetingCount node { slug } } }
        quotes { totalCount edges { node { text kind span { start end } paragraph { index text article { slug } } } } }
        meetings { totalCount edges { node { date location participants { slug } } } }
        articles { totalCount edges { node { slug } } }
      }
    }`);
    const p = d.person;
    expect(p).toMatchObject({ slug: 'sung-kim', name: 'Sung Kim', role: 'U.S. special envoy for North Korea' });
    expect(p.aliases).toContain('U.S. envoy Kim');
    expect(p.organizations).toEqual([{ slug: 'biden-administration' }]);
    expect(p.metWith.totalCount).toBe(4);
    expect(p.metWith.edges.map((e: any) => e.node.slug)).toEqual([
      'lee-in-young',
      'moon-jae-in',
      'noh-kyu-duk',
      'suh-hoon',
    ]);
    expect(p.metWith.edges.every((e: any) => e.meetingCount === 1)).toBe(true);
    expect(p.quotes.totalCount).toBe(3);
    for (const { node } of p.quotes.edges) {
      expect(node.paragraph.article.slug).toBe(ARTICLE);
      expect(node.paragraph.text.slice(node.span.start, node.span.end)).toBe(node.text);
    }
    // Newest first: the two Tuesday quotes, then Monday's.
    expect(p.quotes.edges.map((e: any) => e.node.paragraph.index)).toEqual([15, 15, 5]);
    expect(p.meetings.totalCount).toBe(4);
    expect(p.meetings.edges.map((e: any) => e.node.date)).toEqual([
      '2024-05-21',
      '2024-05-21',
      '2024-05-21',
      '2024-05-20',
    ]);
    expect(
      p.meetings.edges.find((e: any) => e.node.location === 'Cheong Wa Dae').node.participants.map((x: any) => x.slug),
    ).toEqual(['moon-jae-in', 'sung-kim']);
    expect(p.articles).toEqual({ totalCount: 1, edges: [{ node: { slug: ARTICLE } }] });
  });

  it('an unknown slug is null', async () => {
    expect(await data('{ person(slug: "nobody-at-all") { name } }')).toEqual({ person: null });
  });

  it('persons are ordered by name, and search matches names and aliases case-insensitively', async () => {
    const all = await data('{ persons(first: 100) { totalCount edges { node { name } } } }');
    const names = all.persons.edges.map((e: any) => e.node.name);
    expect(all.persons.totalCount).toBe(14);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const byAlias = await data('{ persons(search: "u.s. ENVOY kim") { totalCount edges { node { slug } } } }');
    expect(byAlias.persons).toEqual({ totalCount: 1, edges: [{ node: { slug: 'sung-kim' } }] });
    const kims = await data('{ persons(search: "kim") { edges { node { slug } } } }');
    expect(kims.persons.edges.map((e: any) => e.node.slug).sort()).toEqual(['kim-jong-un', 'kim-yo-jong', 'sung-kim']);
  });

  it('search text is literal: regex syntax matches nothing instead of everything', async () => {
    for (const search of ['.*', '^', 'K.m', '(a+)+$', '[']) {
      const d = await data('query ($s: String) { persons(search: $s) { totalCount } }', { s: search });
      expect(d.persons.totalCount, search).toBe(0);
    }
  });
});

describe('Quote', () => {
  it('carries speaker, reporter, article, paragraph and span', async () => {
    const d = await data(
      `query ($article: String) {
      quotes(first: 100, filter: { article: $article }) {
        totalCount
        edges { node { text kind cue confidence date speaker { slug } addressee { slug }
          reportedBy { __typename ... on Person { slug } ... on Organization { slug } }
          article { slug } paragraph { index } } }
      }
    }`,
      { article: ARTICLE },
    );
    expect(d.quotes.totalCount).toBe(19);
    const moon = d.quotes.edges.find((e: any) => e.node.text.startsWith("The Biden administration's")).node;
    expect(moon).toMatchObject({
      speaker: { slug: 'moon-jae-in' },
      reportedBy: { __typename: 'Person', slug: 'park-kyung-mee' },
      addressee: { slug: 'sung-kim' },
      cue: 'was quoted as telling',
      kind: 'FULL',
      confidence: 1,
      paragraph: { index: 19 },
    });
    const kcna = d.quotes.edges.find((e: any) => e.node.text.startsWith('It seems that the U.S.')).node;
    expect(kcna).toMatchObject({
      speaker: { slug: 'kim-yo-jong' },
      reportedBy: { __typename: 'Organization', slug: 'korean-central-news-agency' },
    });
    // Newest first: the June 2023 Kim Jong-un fragments come last.
    expect(d.quotes.edges.at(-1).node.date).toBe('2023-06-17');
  });

  it('filters by speaker, text (literally), confidence and date range', async () => {
    const bySpeaker = await data(
      '{ quotes(filter: { speaker: "lee-in-young" }) { totalCount edges { node { text } } } }',
    );
    expect(bySpeaker.quotes.totalCount).toBe(2);
    const byText = await data(
      '{ quotes(filter: { textContains: "U.S.-OBEDIENCE" }) { edges { node { speaker { slug } } } } }',
    );
    expect(byText.quotes.edges).toEqual([{ node: { speaker: { slug: 'kim-yo-jong' } } }]);
    const dotted = await data('{ quotes(filter: { textContains: "U.S" }) { totalCount } }');
    const dottedAsPattern = await data('{ quotes(filter: { textContains: "U,S" }) { totalCount } }');
    expect(dotted.quotes.totalCount).toBeGreaterThan(0);
    expect(dottedAsPattern.quotes.totalCount).toBe(0);
    const monday = await data(
      '{ quotes(filter: { from: "2024-05-20", to: "2024-05-20" }) { edges { node { text } } } }',
    );
    expect(monday.quotes.edges).toEqual([{ node: { text: 'anywhere, anytime without preconditions' } }]);
    const sure = await data('{ quotes(filter: { minConfidence: 0.5 }) { totalCount } }');
    expect(sure.quotes.totalCount).toBe(19);
    const unknown = await data('{ quotes(filter: { speaker: "no-such-person" }) { totalCount edges { cursor } } }');
    expect(unknown.quotes).toEqual({ totalCount: 0, edges: [] });
  });
});

describe('Meeting', () => {
  it('keeps both conflicting claims about the Suh Hoon talks with their sources', async () => {
    const d = await data(`{ meetings(filter: { participant: "suh-hoon" }) { edges { node {
      kind date datePrecision conflict participants { slug } paragraph { index text }
      claims { source index relation relativeTo { location } paragraph { index } caption { credit } }
    } } } }`);
    const m = d.meetings.edges[0].node;
    expect(m).toMatchObject({ kind: 'TALKS', date: '2024-05-21', datePrecision: 'DAY', paragraph: { index: 22 } });
    expect(m.paragraph.text).toMatch(/Kim had talks with National Security Advisor Suh Hoon/);
    expect(m.conflict).toMatch(/paragraph 22/);
    expect(m.claims).toEqual([
      {
        source: 'BODY',
        index: 22,
        relation: 'AFTER',
        relativeTo: { location: 'Cheong Wa Dae' },
        paragraph: { index: 22 },
        caption: null,
      },
      {
        source: 'CAPTION',
        index: 1,
        relation: 'BEFORE',
        relativeTo: { location: 'Cheong Wa Dae' },
        paragraph: null,
        caption: { credit: 'Korea Times photo by Wang Tae-seok' },
      },
    ]);
  });

  it('filters by participant, location (literally) and dates', async () => {
    const byPlace = await data(
      '{ meetings(filter: { location: "government complex" }) { edges { node { participants { slug } } } } }',
    );
    expect(byPlace.meetings.edges).toEqual([
      { node: { participants: [{ slug: 'lee-in-young' }, { slug: 'sung-kim' }] } },
    ]);
    const in2018 = await data(
      '{ meetings(filter: { from: "2018-01-01", to: "2018-12-31" }) { totalCount edges { node { kind datePrecision } } } }',
    );
    expect(in2018.meetings.totalCount).toBe(3);
    expect(in2018.meetings.edges.every((e: any) => e.node.kind === 'SUMMIT' && e.node.datePrecision === 'YEAR')).toBe(
      true,
    );
    const moon = await data('{ meetings(first: 100, filter: { participant: "moon-jae-in" }) { totalCount } }');
    expect(moon.meetings.totalCount).toBe(5);
  });

  it('participants: the meetings every listed person took part in (a network edge), with the other filters', async () => {
    const pair = (slugs: string[], extra = '') =>
      data(`{ meetings(first: 100, filter: { participants: ${JSON.stringify(slugs)} ${extra} }) {
        totalCount edges { node { date participants { slug } } } } }`);
    const moonKim = await pair(['moon-jae-in', 'kim-jong-un']);
    expect(moonKim.meetings.totalCount).toBe(3);
    for (const e of moonKim.meetings.edges)
      expect(e.node.participants.map((p: any) => p.slug).sort()).toEqual(['kim-jong-un', 'moon-jae-in']);
    expect((await pair(['moon-jae-in', 'sung-kim'])).meetings.edges).toEqual([
      { node: { date: '2024-05-21', participants: [{ slug: 'moon-jae-in' }, { slug: 'sung-kim' }] } },
    ]);
    expect((await pair(['sung-kim', 'kim-jong-un'])).meetings.totalCount).toBe(0);
    expect((await pair(['moon-jae-in', 'nobody-at-all'])).meetings.totalCount).toBe(0);
    expect((await pair(['moon-jae-in'], 'participant: "sung-kim"')).meetings.totalCount).toBe(1);
    expect((await pair(['moon-jae-in', 'kim-jong-un'], 'from: "2019-01-01"')).meetings.totalCount).toBe(0);
    const tooMany = await execute(
      yoga,
      `{ meetings(filter: { participants: ${JSON.stringify(Array.from({ length: 11 }, (_, i) => `p${i}`))} }) { totalCount } }`,
    );
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
  });
});

describe('Article and Organization', () => {
  it('article(slug) has the cleaned text, captions, persons, quotes and meetings', async () => {
    const d = await data(`{ article(slug: "${ARTICLE}") {
      title subtitle byline source publishedAt
      paragraphs { index text } captions { index text credit }
      paragraph(index: 19) { text }
      persons(first: 100) { totalCount edges { node { slug } } }
      quotes { totalCount } meetings { totalCount }
    } }`);
    const a = d.article;
    expect(a).toMatchObject({
      title: 'North Korea rejects US attempts to resume talks',
      subtitle: "S. Korea, US likely to abolish 'working group' forum",
      byline: 'Nam Hyun-woo',
      source: 'The Korea Times',
      publishedAt: '2024-05-21T03:36:45.000Z',
    });
    expect(a.paragraphs).toHaveLength(22);
    expect(a.paragraphs[0]).toMatchObject({ index: 1 });
    expect(a.captions.map((c: any) => c.credit)).toEqual(['Korea Times photo by Wang Tae-seok', 'Yonhap']);
    expect(a.paragraph.text).toMatch(/^"The Biden administration's/);
    expect(a.persons.totalCount).toBe(14);
    expect(a.quotes.totalCount).toBe(19);
    expect(a.meetings.totalCount).toBe(8);
  });

  it('articles are listed newest first and searchable by title', async () => {
    const d = await data('{ articles(search: "rejects") { totalCount edges { node { slug } } } }');
    expect(d.articles).toEqual({ totalCount: 1, edges: [{ node: { slug: ARTICLE } }] });
    const none = await data('{ articles(from: "2025-01-01") { totalCount } }');
    expect(none.articles.totalCount).toBe(0);
  });

  it('organization(slug) has its kind, parent and members', async () => {
    const d = await data(`{
      organization(slug: "center-for-north-korean-studies") { name kind parent { slug } members { edges { node { slug } } } }
      organizations(search: "kcna") { edges { node { slug } } }
    }`);
    expect(d.organization).toEqual({
      name: 'Center for North Korean Studies',
      kind: 'THINK_TANK',
      parent: { slug: 'sejong-institute' },
      members: { edges: [{ node: { slug: 'cheong-seong-chang' } }] },
    });
    expect(d.organizations.edges).toEqual([{ node: { slug: 'korean-central-news-agency' } }]);
  });
});

describe('Node interface', () => {
  it('node and nodes resolve opaque global ids of every type', async () => {
    const d = await data(`{
      person(slug: "sung-kim") { id quotes(first: 1) { edges { node { id } } } meetings(first: 1) { edges { node { id } } } }
      article(slug: "${ARTICLE}") { id }
      organization(slug: "yonhap") { id }
    }`);
    const ids = [
      d.person.id,
      d.person.quotes.edges[0].node.id,
      d.person.meetings.edges[0].node.id,
      d.article.id,
      d.organization.id,
    ];
    expect(ids.every((id: string) => !/^[0-9a-f]{24}$/.test(id))).toBe(true);
    const back = await data('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids });
    expect(back.nodes.map((n: any) => n.__typename)).toEqual(['Person', 'Quote', 'Meeting', 'Article', 'Organization']);
    expect(back.nodes.map((n: any) => n.id)).toEqual(ids);
    const one = await data('query ($id: ID!) { node(id: $id) { ... on Person { name } } }', { id: d.person.id });
    expect(one.node).toEqual({ name: 'Sung Kim' });
  });

  it('a well-formed id of nothing is null', async () => {
    const id = Buffer.from('Person:0123456789abcdef01234567').toString('base64');
    expect(await data('query ($id: ID!) { node(id: $id) { id } }', { id })).toEqual({ node: null });
  });
});

describe('bad input', () => {
  it.each([
    ['first over 100', '{ persons(first: 101) { totalCount } }'],
    ['negative first', '{ persons(first: -1) { totalCount } }'],
    ['negative last', '{ quotes(last: -5) { totalCount } }'],
    ['first and last together', '{ persons(first: 2, last: 2) { totalCount } }'],
    ['nested first over 100', '{ person(slug: "sung-kim") { quotes(first: 1000) { totalCount } } }'],
    ['a malformed cursor', '{ persons(after: "not-a-cursor") { totalCount } }'],
    ['a forged cursor', `{ persons(after: "c1.${Buffer.from('{"$gt":""}').toString('base64url')}") { totalCount } }`],
    ['a malformed global id', '{ node(id: "!!!") { id } }'],
    [
      'a global id of an unknown type',
      `{ node(id: "${Buffer.from('User:0123456789abcdef01234567').toString('base64')}") { id } }`,
    ],
    ['a global id with a non-hex id', `{ node(id: "${Buffer.from('Person:{"$ne":1}').toString('base64')}") { id } }`],
    ['an invalid date', '{ quotes(filter: { from: "2024-02-30" }) { totalCount } }'],
    ['confidence out of range', '{ quotes(filter: { minConfidence: 2 }) { totalCount } }'],
    ['an over-long search', `{ persons(search: "${'x'.repeat(201)}") { totalCount } }`],
  ])('%s is a BAD_USER_INPUT error', async (_label, query) => {
    const r = await execute(yoga, query);
    expect(r.status).toBeLessThan(500);
    expect(errorCode(r), JSON.stringify(r.body)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+|Mongo/);
  });

  it('a cursor from another list is refused, not misread', async () => {
    const persons = await data('{ persons(first: 1) { pageInfo { endCursor } } }');
    const r = await execute(yoga, 'query ($c: String) { quotes(after: $c) { totalCount } }', {
      c: persons.persons.pageInfo.endCursor,
    });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    const quotes = await data('{ quotes(first: 1) { pageInfo { endCursor } } }');
    const nested = await data(
      'query ($c: String) { person(slug: "sung-kim") { quotes(first: 1, after: $c) { totalCount } } }',
      { c: quotes.quotes.pageInfo.endCursor },
    );
    expect(nested.person.quotes.totalCount).toBe(3);
  });

  it.each([
    // The parent article has to be found first; its quotes are never fetched.
    [
      'an oversized nested page',
      '{ article(slug: "north-korea-rejects-us-attempts-to-resume-talks") { quotes(first: 500) { totalCount } } }',
      'BAD_USER_INPUT',
      1,
    ],
    [
      'a bad filter text after a slug filter',
      `{ quotes(filter: { speaker: "sung-kim", textContains: "${'x'.repeat(201)}" }) { totalCount } }`,
      'BAD_USER_INPUT',
      0,
    ],
    [
      'a slug filter that is too long',
      `{ meetings(filter: { participant: "${'x'.repeat(201)}", article: "north-korea-rejects-us-attempts-to-resume-talks" }) { totalCount } }`,
      'BAD_USER_INPUT',
      0,
    ],
    [
      'plain lists nested in a cycle (article → paragraphs → article …)',
      '{ article(slug: "north-korea-rejects-us-attempts-to-resume-talks") { paragraphs { article { paragraphs { article { paragraphs { text } } } } } } }',
      'QUERY_TOO_COMPLEX',
      0,
    ],
  ])('%s is refused without the work it asks for', async (_label, query, code, parentLookups) => {
    const { result, commands } = await countCommands(t.database.client, () => execute(yoga, query));
    expect(errorCode(result), JSON.stringify(result.body)).toBe(code);
    expect(commands).toHaveLength(parentLookups);
  });

  it('too deep a query is rejected before any database work', async () => {
    let selection = 'name';
    for (let i = 0; i < 8; i++) selection = `metWith { edges { node { ${selection} } } }`;
    const { result, commands } = await countCommands(t.database.client, () =>
      execute(yoga, `{ person(slug: "sung-kim") { ${selection} } }`),
    );
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.body.errors?.[0]?.extensions?.limit).toBe('depth');
    expect(commands).toEqual([]);
  });

  it('too costly a query is rejected before any database work', async () => {
    const query = `{ persons(first: 100) { edges { node { quotes(first: 100) { edges { node { text speaker { name } article { title } } } } } } } }`;
    const { result, commands } = await countCommands(t.database.client, () => execute(yoga, query));
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(result.body.errors?.[0]?.extensions?.limit).toBe('complexity');
    expect(commands).toEqual([]);
  });

  it('an unexpected failure is masked: a code and a request id, no stack or driver message', async () => {
    const config = loadConfig({ ...process.env, MONGODB_DB: t.database.db.databaseName });
    const closed = await connectDatabase(config);
    await closed.close();
    const broken = createServer({ collections: getCollections(closed.db), logger: createLogger('silent') });
    // Twice: the second run of a document is the compiled one (src/http/engine.ts).
    for (const run of [1, 2]) {
      const response = await broken.fetch('http://127.0.0.1/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `test-request-${run}` },
        body: JSON.stringify({ query: '{ persons { totalCount } }' }),
      });
      const body = await response.text();
      expect(response.headers.get('x-request-id')).toBe(`test-request-${run}`);
      expect(JSON.parse(body).errors[0].extensions.code).toMatch(/^(INTERNAL_SERVER_ERROR|SERVICE_UNAVAILABLE)$/);
      expect(body).not.toMatch(/Mongo|Topology|\.ts:|stack/i);
    }
  });
});
