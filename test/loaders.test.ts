import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collections } from '../src/db/collections.js';
import { createServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import { seedDatabase } from '../src/seed/load.js';
import { countCommands } from './support/commands.js';
import { openTestDatabase, type TestDatabase } from './support/db.js';
import { aroundFind } from './support/gates.js';
import { execute } from './support/graphql.js';

/** The collections, with each `meetings` query answered only after a `quotes` query has answered. */
function meetingsAfterQuotes(collections: Collections): Collections {
  let quotesAnswered: () => void = () => {};
  let quotesDone = new Promise<void>((resolve) => {
    quotesAnswered = resolve;
  });
  return {
    ...collections,
    quotes: aroundFind(collections.quotes, async (toArray) => {
      const docs = await toArray();
      // The meetings come back once this answer's resolvers have run and asked for the speakers
      // (their promise jobs and DataLoader's dispatch tick all run before the next macrotask).
      setImmediate(quotesAnswered);
      return docs;
    }),
    meetings: aroundFind(collections.meetings, async (toArray) => {
      const docs = await toArray();
      await quotesDone;
      quotesDone = new Promise<void>((resolve) => {
        quotesAnswered = resolve;
      });
      return docs;
    }),
  };
}

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('loaders');
  await seedDatabase(t.collections);
});
afterAll(() => t?.dispose());

describe('batch scheduling', () => {
  it("lists resolved side by side ask for their persons in one query (an article's speakers, then its participants)", async () => {
    const yoga = createServer({ collections: meetingsAfterQuotes(t.collections), logger: createLogger('silent') });
    const query = `{ article(slug: "north-korea-rejects-us-attempts-to-resume-talks") {
      quotes(first: 50) { edges { node { speaker { slug } } } }
      meetings(first: 20) { edges { node { participants { slug } } } }
    } }`;
    const { result, commands } = await countCommands(t.database.client, () => execute(yoga, query));
    expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
    const article = result.body.data.article;
    const speakers = new Set(article.quotes.edges.map((e: any) => e.node.speaker.slug));
    const participants = article.meetings.edges.flatMap((e: any) => e.node.participants.map((p: any) => p.slug));
    // Someone met who was not quoted: the participants need persons the speakers' query did not read.
    expect(participants.some((slug: string) => !speakers.has(slug))).toBe(true);
    // The article by slug, its quotes, its meetings, then the speakers and participants together.
    expect(commands, commands.join(', ')).toEqual(['find', 'find', 'find', 'find']);
  });
});
