import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../../scripts/bench/handwritten.js';
import { Q4_DOCUMENT, Q4_VARIABLES } from '../../../scripts/bench/q4.js';
import { generateNewsGraph } from '../../../scripts/generate/synthetic.js';
import { bulkStoreArticleGraphs } from '../../../src/tooling/bulkLoad.js';
import { createLogger } from '../../../src/logger.js';
import { createServer } from '../../../src/http/server.js';
import { openTestDatabase, type TestDatabase } from '../../support/db.js';
import { execute } from '../../support/graphql.js';

/** The benchmark's hand-written Q4 answers exactly what GraphQL answers, on generated data. */
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('bench_q4');
  const { graphs } = generateNewsGraph({ scale: 0.005, seed: 'q4' });
  await bulkStoreArticleGraphs(t.collections, graphs, { origin: 'INGESTED', fresh: true });
}, 120_000);
afterAll(() => t?.dispose());

describe('Q4 hand-written', () => {
  it('returns the same data as GraphQL for the four dashboard queries', async () => {
    const yoga = createServer({ collections: t.collections, logger: createLogger('silent') });
    const graphql = await execute(yoga, Q4_DOCUMENT, Q4_VARIABLES);
    expect(graphql.body.errors, JSON.stringify(graphql.body.errors)).toBeUndefined();
    const data = graphql.body.data as any;
    // Not trivially empty: the period covers the generated data.
    expect(data.topSpeakers.length).toBeGreaterThan(0);
    expect(data.meetingGraph.edges.length).toBeGreaterThan(0);
    expect(data.timeline.some((b: { quoteCount: number }) => b.quoteCount > 0)).toBe(true);
    expect(await answer(t.collections, { operationName: 'Q4', variables: Q4_VARIABLES })).toEqual({ data });
  });
});
