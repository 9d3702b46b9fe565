import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticleGraph } from '../../src/db/store.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { syntheticArticleGraphs } from '../../scripts/fixtures/syntheticGraph.js';
import { countCommands } from '../support/commands.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute } from '../support/graphql.js';

/**
 * The N+1 proof. One query over N persons, each with quotes (with their article and paragraph)
 * and meetings (with their participants), costs the same number of database commands for N = 2
 * and N = 50:
 *   1 persons page · 1 quotes by speaker · 1 articles by id
 *   · 1 meetings by participant · 1 participants (persons by id) = 5
 * With `prefetchNodes: false` the nested lists fetch sort keys first and the page's documents by
 * id afterwards: two more commands, still independent of N.
 */
const EXPECTED_COMMANDS = 5;
const EXPECTED_COMMANDS_KEYS_FIRST = 7;

const QUERY = `query People($n: Int!) {
  persons(first: $n, search: "n1") {
    edges { node {
      name
      quotes(first: 5) { edges { node { text article { title } paragraph { index text } } } }
      meetings(first: 5) { edges { node { date participants { name } } } }
    } }
  }
}`;

let t: TestDatabase;
let yoga: NewsgraphServer;

beforeAll(async () => {
  t = await openTestDatabase('roundtrips');
  for (const graph of syntheticArticleGraphs({ persons: 60, quotesPerPerson: 6, prefix: 'n1' }))
    await storeArticleGraph(t.collections, graph);
  yoga = createServer({ collections: t.collections, logger: createLogger('silent') });
});
afterAll(() => t.dispose());

async function measure(n: number) {
  const { result, commands } = await countCommands(t.database.client, () => execute(yoga, QUERY, { n }));
  expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
  return { data: result.body.data, commands };
}

describe('database round trips', () => {
  it.each([2, 50])(`N = %i persons with quotes and meetings costs ${EXPECTED_COMMANDS} commands`, async (n) => {
    const { data, commands } = await measure(n);
    const persons = data.persons.edges;
    expect(persons).toHaveLength(n);
    for (const { node } of persons) {
      expect(node.quotes.edges).toHaveLength(5);
      expect(node.quotes.edges[0].node.article.title).toMatch(/speaks$/);
      expect(node.meetings.edges.length).toBe(2);
      expect(node.meetings.edges[0].node.participants).toHaveLength(2);
    }
    expect(commands, commands.join(', ')).toHaveLength(EXPECTED_COMMANDS);
    expect(commands.every((c) => c === 'find')).toBe(true);
  });

  it.each([2, 50])(`without prefetching, N = %i costs ${EXPECTED_COMMANDS_KEYS_FIRST} commands`, async (n) => {
    const keysFirst = createServer({
      collections: t.collections,
      logger: createLogger('silent'),
      loaders: { prefetchNodes: false },
    });
    const { result, commands } = await countCommands(t.database.client, () => execute(keysFirst, QUERY, { n }));
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual((await measure(n)).data);
    expect(commands, commands.join(', ')).toHaveLength(EXPECTED_COMMANDS_KEYS_FIRST);
  });

  it('the naive resolvers (batching off) send a command per item, as the benchmark assumes', async () => {
    const naive = createServer({
      collections: t.collections,
      logger: createLogger('silent'),
      loaders: { batching: false },
    });
    const { result, commands } = await countCommands(t.database.client, () => execute(naive, QUERY, { n: 10 }));
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toEqual((await measure(10)).data);
    expect(commands.length).toBeGreaterThan(10 * 5);
  });
});
