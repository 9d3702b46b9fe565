import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendChange, changesCollection, latestSeq, trimChanges, emptyChange } from '../../src/db/changes.js';
import { articleId, personId } from '../../src/db/ids.js';
import { createChangeEvents, publishSeeded, type ChangeEvent, type ChangePublisher } from '../../src/events/index.js';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute } from '../support/graphql.js';
import { asCurator, globalId, securedServer } from '../support/server.js';
import { liveArticle } from '../support/live.js';

const ARTICLE = 'north-korea-rejects-us-attempts-to-resume-talks';

let t: TestDatabase;
let events: ChangePublisher;
let yoga: ReturnType<typeof securedServer>;
const heard: ChangeEvent[] = [];

/** Runs `write` and returns the events it published (the in-process bus delivers them in order). */
async function published(write: () => Promise<unknown>): Promise<ChangeEvent[]> {
  const before = heard.length;
  const seqBefore = await latestSeq(t.collections);
  await write();
  const seqAfter = await latestSeq(t.collections);
  // Every event of the write is on the bus once the write returned: wait for the last one.
  await new Promise<void>((resolve) => {
    const done = () => (heard.at(-1)?.seq ?? 0) >= seqAfter;
    if (done()) return resolve();
    const off = events.bus.onEvent(() => {
      if (!done()) return;
      off();
      resolve();
    });
  });
  const mine = heard.slice(before);
  expect(mine.map((e) => e.seq)).toEqual(Array.from({ length: seqAfter - seqBefore }, (_, i) => seqBefore + i + 1));
  return mine;
}

beforeAll(async () => {
  t = await openTestDatabase('publisher');
  events = createChangeEvents({ collections: t.collections, logger: createLogger('silent') });
  events.bus.onEvent((e) => {
    heard.push(e);
  });
  yoga = securedServer(t.collections, { events });
  await seedDatabase(t.collections);
});
afterAll(async () => {
  await events?.bus.close();
  await t?.dispose();
});

describe('change events from every write path', () => {
  it('numbers events with a monotonic sequence, also when writers race for a number', async () => {
    const base = await latestSeq(t.collections);
    const empty = emptyChange('PERSON', 'UPDATED');
    const docs = await Promise.all(Array.from({ length: 8 }, () => appendChange(t.collections, empty)));
    expect(docs.map((d) => d._id).sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => base + i + 1));
    await changesCollection(t.collections).deleteMany({ _id: { $gt: base } });
  });

  it('seeding publishes one SEEDED event per changed article, with its facts', async () => {
    await t.collections.quotes.deleteMany({});
    const [e] = await published(async () => publishSeeded(events, await seedDatabase(t.collections)));
    expect(e).toMatchObject({ entity: 'ARTICLE', change: 'SEEDED', articleId: articleId(ARTICLE).toHexString() });
    expect(e!.quoteIds.length).toBeGreaterThan(0);
    expect(e!.addedQuoteIds).toEqual(e!.quoteIds);
    // Nothing changed: seeding again publishes nothing.
    expect(await published(async () => publishSeeded(events, await seedDatabase(t.collections)))).toEqual([]);
  });

  it('ingestArticles publishes INGESTED with only the new facts marked as added', async () => {
    const ingest = (text: string) =>
      execute(
        yoga,
        'mutation($i: IngestArticlesInput!) { ingestArticles(input: $i) { ingested } }',
        { i: { articles: [{ text }] } },
        asCurator,
      );
    const [first] = await published(() => ingest(liveArticle('pub')));
    expect(first).toMatchObject({ entity: 'ARTICLE', change: 'INGESTED' });
    expect(first!.addedQuoteIds).toHaveLength(2);
    expect(first!.personIds).toEqual(
      expect.arrayContaining([personId('lena-vortmann').toHexString(), personId('odo-pranske').toHexString()]),
    );
    // The same article with one more quoted paragraph: only that quote is new.
    const longer = `${liveArticle('pub')}\nVortmann added that the ports "will open at dawn."\n`;
    const [second] = await published(() => ingest(longer));
    expect(second!.quoteIds).toHaveLength(3);
    expect(second!.addedQuoteIds).toHaveLength(1);
    expect(second!.addedMeetingIds).toEqual([]);
  });

  it('each curation mutation publishes its event after the write', async () => {
    const quote = (await t.collections.quotes.findOne({ articleId: articleId(ARTICLE) }))!;
    const someone = (await t.collections.persons.findOne({ _id: { $ne: quote.speakerId } }))!;
    const [corrected] = await published(() =>
      execute(
        yoga,
        'mutation($i: CorrectQuoteSpeakerInput!) { correctQuoteSpeaker(input: $i) { quote { id } } }',
        { i: { quoteId: globalId('Quote', quote._id), speakerId: globalId('Person', someone._id) } },
        asCurator,
      ),
    );
    expect(corrected).toMatchObject({ change: 'QUOTE_CORRECTED', quoteIds: [quote._id.toHexString()] });
    expect(corrected!.personIds.sort()).toEqual([quote.speakerId.toHexString(), someone._id.toHexString()].sort());
    // The write had happened when the event went out.
    expect((await t.collections.quotes.findOne({ _id: quote._id }))!.speakerId.equals(someone._id)).toBe(true);

    const [updated] = await published(() =>
      execute(
        yoga,
        'mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { person { id } } }',
        { i: { personId: globalId('Person', someone._id), role: 'Envoy' } },
        asCurator,
      ),
    );
    expect(updated).toMatchObject({ entity: 'PERSON', change: 'UPDATED', personIds: [someone._id.toHexString()] });

    const lena = personId('lena-vortmann');
    const odo = personId('odo-pranske');
    const [merged] = await published(() =>
      execute(
        yoga,
        'mutation($i: MergePersonsInput!) { mergePersons(input: $i) { state } }',
        { i: { survivorId: globalId('Person', lena), mergedId: globalId('Person', odo) } },
        asCurator,
      ),
    );
    expect(merged).toMatchObject({ entity: 'PERSON', change: 'MERGED', removedPersonIds: [odo.toHexString()] });

    const facts = await t.collections.quotes.countDocuments({ articleId: articleId(ARTICLE) });
    const [deleted] = await published(() =>
      execute(
        yoga,
        'mutation($i: DeleteArticleInput!) { deleteArticle(input: $i) { deletedQuotes } }',
        { i: { articleId: globalId('Article', articleId(ARTICLE)) } },
        asCurator,
      ),
    );
    expect(deleted).toMatchObject({
      entity: 'ARTICLE',
      change: 'DELETED',
      articleId: articleId(ARTICLE).toHexString(),
    });
    expect(deleted!.quoteIds).toHaveLength(facts);
    expect(await t.collections.articles.countDocuments({ _id: articleId(ARTICLE) })).toBe(0);
  });

  it('a refused mutation publishes nothing', async () => {
    const before = await latestSeq(t.collections);
    const r = await execute(
      yoga,
      'mutation($i: UpdatePersonInput!) { updatePerson(input: $i) { person { id } } }',
      { i: { personId: globalId('Person', personId('nobody-at-all')), role: 'x' } },
      asCurator,
    );
    expect(r.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await latestSeq(t.collections)).toBe(before);
  });

  it('trimming the log keeps what each article last held: a re-store new facts are still told from old ones', async () => {
    await published(async () => publishSeeded(events, await seedDatabase(t.collections)));
    // Trim everything but one unrelated entry: the article's own entries are gone from the log.
    await appendChange(t.collections, emptyChange('PERSON', 'UPDATED'));
    expect(await trimChanges(t.collections, 1)).toBeGreaterThan(0);
    expect(await changesCollection(t.collections).countDocuments({ articleId: articleId(ARTICLE) })).toBe(0);
    const one = await t.collections.quotes.findOne({ articleId: articleId(ARTICLE) });
    await t.collections.quotes.deleteOne({ _id: one!._id });
    const [e] = await published(async () => publishSeeded(events, await seedDatabase(t.collections)));
    // The quote was listed by the article's last entry (now trimmed away): not new. With only the
    // log to go by, every quote of the article would count as added.
    expect(e).toMatchObject({ change: 'SEEDED', addedQuoteIds: [], removedQuoteIds: [] });
    expect(e!.quoteIds).toContain(one!._id.toHexString());
  });
});
