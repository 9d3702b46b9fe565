import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRawArticle } from '../../src/ingest/pipeline.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { rawArticle } from '../ingest/helpers.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { errorCode, execute, expectData } from '../support/graphql.js';

// One ingested article with a meeting in person, a phone call and a planned meeting (invented people).
const RAW = rawArticle('Ministers meet in Tallinn', [
  'Finance Minister Mart Kask met Trade Minister Liis Tamm in Tallinn on Monday.',
  'Kask also spoke by phone with Economy Minister Jaan Saar on Sunday.',
  'Kask is expected to meet with Tamm again in June.',
]);

let t: TestDatabase;
let yoga: NewsgraphServer;
beforeAll(async () => {
  t = await openTestDatabase('meeting-status');
  const outcome = await ingestRawArticle(t.collections, RAW, 'status.txt');
  expect(outcome.status).toBe('INGESTED');
  yoga = createServer({ collections: t.collections, logger: createLogger('silent') });
});
afterAll(() => t.dispose());

const NODE = 'kind status sieve confidence participants { slug }';
const pairs = (edges: { node: { participants: { slug: string }[] } }[]) =>
  edges.map((e) => e.node.participants.map((p) => p.slug).join('+'));

describe('meetings that happened, calls and plans', () => {
  it('lists only meetings that took place by default, with their sieve and confidence', async () => {
    const d = await expectData(yoga, `{ meetings { totalCount edges { node { ${NODE} } } } }`);
    expect(d.meetings.totalCount).toBe(1);
    expect(d.meetings.edges[0].node).toEqual({
      kind: 'MEETING',
      status: 'HAPPENED',
      sieve: 'met',
      confidence: 0.9,
      participants: expect.arrayContaining([{ slug: 'mart-kask' }, { slug: 'liis-tamm' }]),
    });
  });

  it('shows calls and plans when the filter asks', async () => {
    const calls = await expectData(yoga, `{ meetings(filter: { includeCalls: true }) { edges { node { ${NODE} } } } }`);
    expect(calls.meetings.edges.map((e: { node: { kind: string } }) => e.node.kind).sort()).toEqual([
      'CALL',
      'MEETING',
    ]);
    const plans = await expectData(
      yoga,
      `{ meetings(filter: { includePlanned: true }) { edges { node { ${NODE} } } } }`,
    );
    expect(plans.meetings.edges.map((e: { node: { status: string } }) => e.node.status).sort()).toEqual([
      'HAPPENED',
      'PLANNED',
    ]);
    const everything = await expectData(
      yoga,
      `{ meetings(filter: { includeCalls: true, includePlanned: true }) { totalCount } }`,
    );
    expect(everything.meetings.totalCount).toBe(3);
  });

  it("keeps calls and plans out of a person's meetings and meeting partners", async () => {
    const d = await expectData(
      yoga,
      `{ person(slug: "mart-kask") { meetings { edges { node { ${NODE} } } } metWith { edges { node { slug } } } } }`,
    );
    expect(pairs(d.person.meetings.edges).map((p: string) => p.split('+').sort().join('+'))).toEqual([
      'liis-tamm+mart-kask',
    ]);
    expect(d.person.metWith.edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(['liis-tamm']);
  });

  it('filters by confidence and rejects one outside 0–1 with a typed error', async () => {
    const d = await expectData(yoga, '{ meetings(filter: { minConfidence: 0.95 }) { totalCount } }');
    expect(d.meetings.totalCount).toBe(0);
    const bad = await execute(yoga, '{ meetings(filter: { minConfidence: 2 }) { totalCount } }');
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });
});
