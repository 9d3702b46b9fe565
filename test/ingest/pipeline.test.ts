import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collections } from '../../src/db/collections.js';
import { mergeId, mergesCollection } from '../../src/db/curation.js';
import { personId } from '../../src/db/ids.js';
import { extractArticle } from '../../src/ingest/extract.js';
import { formatSummary, ingestRawArticle, summarize } from '../../src/ingest/pipeline.js';
import { DEFAULT_SEEDS_DIR, seedDatabase } from '../../src/seed/load.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { ingestAndRead, rawArticle } from './helpers.js';

const SEED_TXT = join(DEFAULT_SEEDS_DIR, 'korea-times-2024-05-21-north-korea-rejects-talks.txt');

/** Every document of every collection, for before/after comparisons. */
async function dump(c: Collections) {
  const all = async (name: 'articles' | 'persons' | 'organizations' | 'quotes' | 'meetings') =>
    JSON.stringify(await c[name].find({}).sort({ _id: 1 }).toArray());
  return {
    articles: await all('articles'),
    persons: await all('persons'),
    organizations: await all('organizations'),
    quotes: await all('quotes'),
    meetings: await all('meetings'),
  };
}

/**
 * A database where ingesting the defense-hotline eval article fails part-way: a stored person holds
 * the slug the article's last new person needs, under another _id, so organizations and earlier
 * persons are written, then the unique slug index rejects the write.
 */
async function failingWriteScenario(
  label: string,
  prepare?: (c: Collections, graph: ReturnType<typeof extractArticle>['graph']) => Promise<void>,
) {
  const db = await openTestDatabase(label);
  const c = db.collections;
  const raw = await readFile(join(DEFAULT_SEEDS_DIR, 'eval', 'korea-times-2024-09-10-defense-hotline.txt'));
  const graph = extractArticle(raw).graph;
  await prepare?.(c, graph);
  const victim = graph.persons[graph.persons.length - 1]!.slug;
  await c.persons.insertOne({
    slug: victim,
    name: 'Placeholder',
    sortName: 'placeholder',
    role: null,
    aliases: [],
    searchNames: [],
    organizationIds: [],
  } as never);
  return { db, c, raw, graph };
}

describe('ingestion pipeline against the real database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('ingest_pipeline');
  });
  afterAll(async () => t?.dispose());

  it('stores the seed article with the curated quotes and meetings', async () => {
    const facts = await ingestAndRead(t.collections, await readFile(SEED_TXT, 'utf8'), 'seed.txt');
    expect(facts.outcome.status).toBe('INGESTED');
    const curated = JSON.parse(await readFile(SEED_TXT.replace(/\.txt$/, '.json'), 'utf8'));
    const key = (q: { paragraph: number; text: string; speaker: string }) => `${q.paragraph}|${q.speaker}|${q.text}`;
    expect(facts.quotes.map(key).sort()).toEqual(curated.quotes.map(key).sort());
    expect(facts.meetings.map((m) => m.participants.join('+')).sort()).toEqual(
      curated.meetings.map((m: { participants: string[] }) => [...m.participants].sort().join('+')).sort(),
    );
    const moon = facts.meetings.find((m) => m.participants.join('+') === 'moon-jae-in+sung-kim')!;
    expect(moon).toMatchObject({ paragraph: 18, date: '2024-05-21', location: 'Cheong Wa Dae' });
    const stored = await t.collections.quotes.find({ origin: 'INGESTED' }).toArray();
    expect(stored.every((q) => q.confidence > 0 && q.confidence <= 1)).toBe(true);
  });

  it('is idempotent: ingesting the same article again changes no document', async () => {
    const before = await dump(t.collections);
    const again = await ingestRawArticle(t.collections, await readFile(SEED_TXT), 'seed.txt');
    expect(again.status).toBe('UNCHANGED');
    expect(again.personsCreated).toBe(0);
    expect(await dump(t.collections)).toEqual(before);
  });

  it('links a second article that names a known person to the same person, also by alias and role', async () => {
    const before = await t.collections.persons.countDocuments();
    const facts = await ingestAndRead(
      t.collections,
      rawArticle(
        'Envoy returns to Seoul',
        [
          'U.S. special envoy for North Korea Sung Kim met President Moon again on Friday.',
          '"We remain ready for dialogue," Kim said.',
          'National Security Adviser Suh Hoon joined the talks.',
        ],
        { published: '2024-06-01 08:00:00' },
      ),
      'second.txt',
    );
    expect(facts.outcome.status).toBe('INGESTED');
    // "Sung Kim" is the same slug; "President Moon" (one name only) links to Moon Jae-in by alias and role.
    expect(facts.quotes.map((q) => q.speaker)).toEqual(['sung-kim']);
    expect(facts.meetings.map((m) => m.participants.join('+'))).toEqual(['moon-jae-in+sung-kim']);
    expect(facts.outcome.personsCreated).toBe(0);
    // The report names each person and says how it was stored: here all linked by name to stored ones.
    expect(facts.outcome.article).toBe('envoy-returns-to-seoul');
    expect(facts.outcome.persons.map((p) => [p.name, p.slug, p.linked])).toEqual(
      expect.arrayContaining([
        ['Sung Kim', 'sung-kim', true],
        ['Moon', 'moon-jae-in', true],
      ]),
    );
    expect(formatSummary(summarize([facts.outcome]))).toMatch(
      /second\.txt → envoy-returns-to-seoul \(ingested\): 1 quotes, 1 meetings\n {2}persons created: -\n {2}persons linked by name: .*Sung Kim \(sung-kim\)/,
    );
    expect(await t.collections.persons.countDocuments()).toBe(before);
    const moon = await t.collections.persons.findOne({ _id: personId('moon-jae-in') });
    expect(moon?.name).toBe('Moon Jae-in');
    expect(moon?.aliases).toContain('Moon');
    expect(await t.collections.persons.findOne({ slug: 'moon' })).toBeNull();
  });

  it('does not link a bare surname when the stored person with that name has a different role', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Another Park', ['Professor Park, a historian at Hanil University, said the treaty was "a relic."'], {
        published: '2024-06-02 08:00:00',
      }),
      'park.txt',
    );
    // "Park" is an alias of the presidential spokesman Park Kyung-mee, but the roles share nothing.
    expect(facts.quotes.map((q) => q.speaker)).toEqual(['park-professor']);
    expect(facts.outcome.personsCreated).toBe(1);
  });

  it('keeps a curated article: ingesting its raw text does not replace curated facts', async () => {
    const curatedDb = await openTestDatabase('ingest_curated');
    try {
      await seedDatabase(curatedDb.collections);
      const before = await dump(curatedDb.collections);
      const outcome = await ingestRawArticle(curatedDb.collections, await readFile(SEED_TXT), 'seed.txt');
      expect(outcome.status).toBe('KEPT_CURATED');
      expect(await dump(curatedDb.collections)).toEqual(before);
    } finally {
      await curatedDb.dispose();
    }
  });

  it('removes everything a failed write had already written (no half-written article)', async () => {
    const { db, c, raw } = await failingWriteScenario('ingest_rollback');
    try {
      const before = await dump(c);
      const outcome = await ingestRawArticle(c, raw, 'hotline.txt');
      expect(outcome.status).toBe('FAILED');
      expect(outcome.reason).toMatch(/database write failed, nothing kept/);
      expect(await dump(c)).toEqual(before);
      expect(await c.organizations.countDocuments()).toBe(0);
    } finally {
      await db.dispose();
    }
  });

  it('restores the survivor of a curation merge that a failed write had given new aliases', async () => {
    const survivor = personId('survivor-of-merge');
    // The article's first person was merged into a survivor: the store adds aliases to the survivor.
    const { db, c, raw } = await failingWriteScenario('ingest_rollback_survivor', async (c, graph) => {
      expect(graph.persons.length).toBeGreaterThanOrEqual(2);
      const merged = personId(graph.persons[0]!.slug);
      await c.persons.insertOne({
        _id: survivor,
        slug: 'survivor-of-merge',
        name: 'Survivor',
        sortName: 'survivor',
        role: null,
        aliases: [],
        searchNames: ['survivor'],
        organizationIds: [],
      } as never);
      await mergesCollection(c).insertOne({
        _id: mergeId(merged),
        survivorId: survivor,
        mergedId: merged,
        state: 'DONE',
      } as never);
    });
    try {
      const before = await dump(c);
      const outcome = await ingestRawArticle(c, raw, 'hotline.txt');
      expect(outcome.status).toBe('FAILED');
      expect(outcome.reason).toMatch(/database write failed, nothing kept/);
      expect(await dump(c)).toEqual(before);
      expect((await c.persons.findOne({ _id: survivor }))?.aliases).toEqual([]);
    } finally {
      await db.dispose();
    }
  });

  it('says the article may be partly stored when the undo fails too', async () => {
    const { db, c, raw } = await failingWriteScenario('ingest_rollback_fails');
    try {
      // The store never deletes organizations; the undo does, and here that fails.
      const organizations = new Proxy(c.organizations, {
        get(target, prop) {
          if (prop === 'deleteMany')
            return async () => {
              throw new Error('connection lost');
            };
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const outcome = await ingestRawArticle({ ...c, organizations }, raw, 'hotline.txt');
      expect(outcome.status).toBe('FAILED');
      expect(outcome.reason).toMatch(
        /^write failed and the undo failed too; the article may be partly stored: .*connection lost/,
      );
      expect(outcome.reason).not.toMatch(/nothing kept/);
    } finally {
      await db.dispose();
    }
  });
});
