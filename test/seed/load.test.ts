import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from '../../src/db/ids.js';
import { SeedValidationError } from '../../src/model/articleGraph.js';
import { DEFAULT_SEEDS_DIR, seedDatabase } from '../../src/seed/load.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

const SEED_FILE = 'korea-times-2024-05-21-north-korea-rejects-talks.json';

async function counts(t: TestDatabase) {
  const c = t.collections;
  return {
    articles: await c.articles.countDocuments(),
    persons: await c.persons.countDocuments(),
    organizations: await c.organizations.countDocuments(),
    quotes: await c.quotes.countDocuments(),
    meetings: await c.meetings.countDocuments(),
  };
}

/** A copy of the seeds directory with the seed file changed by `edit`. */
async function editedSeeds(edit: (seed: any) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'newsgraph-seed-'));
  const seed = JSON.parse(await readFile(join(DEFAULT_SEEDS_DIR, SEED_FILE), 'utf8'));
  edit(seed);
  await writeFile(join(dir, SEED_FILE), JSON.stringify(seed));
  return dir;
}

describe('seeding', () => {
  let t: TestDatabase;
  const tempDirs: string[] = [];
  beforeAll(async () => {
    t = await openTestDatabase('seed');
  });
  afterAll(async () => {
    await t.dispose();
    await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it.each([
    [
      'a quote whose text is not in its paragraph',
      (s: any) => {
        s.quotes[3].text = 'words nobody said';
      },
      'quotes.3.text',
      /does not occur in paragraph 3/,
    ],
    ['a person without a name', (s: any) => delete s.persons[0].name, 'persons.0.name', /Required/],
    [
      'a quote by an unknown speaker',
      (s: any) => {
        s.quotes[0].speaker = 'kim';
      },
      'quotes.0.speaker',
      /unknown person "kim"/,
    ],
    [
      'a slug that is not lowercase words',
      (s: any) => {
        s.persons[2].slug = 'Sung Kim';
      },
      'persons.2.slug',
      /lowercase ASCII/,
    ],
    [
      'a meeting in a paragraph that does not exist',
      (s: any) => {
        s.meetings[0].paragraph = 99;
      },
      'meetings.0.paragraph',
      /does not exist/,
    ],
  ])('rejects %s, naming file, record and field, and writes nothing', async (_label, edit, path, message) => {
    const dir = await editedSeeds(edit);
    tempDirs.push(dir);
    const error = await seedDatabase(t.collections, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    const e = error as SeedValidationError;
    expect(e.file).toBe(SEED_FILE);
    const issue = e.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(e.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(await counts(t)).toEqual({ articles: 0, persons: 0, organizations: 0, quotes: 0, meetings: 0 });
  });

  it('rejects a file that is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsgraph-seed-'));
    tempDirs.push(dir);
    await cp(join(DEFAULT_SEEDS_DIR, SEED_FILE), join(dir, 'good.json'));
    await writeFile(join(dir, 'broken.json'), '{ "article": ');
    const error = await seedDatabase(t.collections, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect((error as SeedValidationError).file).toBe('broken.json');
    expect(await counts(t)).toEqual({ articles: 0, persons: 0, organizations: 0, quotes: 0, meetings: 0 });
  });

  it('stores the seed, and a second run changes nothing', async () => {
    const first = await seedDatabase(t.collections);
    const after1 = await counts(t);
    expect(after1).toEqual({ articles: 1, persons: 14, organizations: 10, quotes: 19, meetings: 8 });
    expect(first[0]!.result.quotes.inserted).toBe(19);

    const snapshot = await t.collections.quotes.find().sort({ _id: 1 }).toArray();
    const second = await seedDatabase(t.collections);
    expect(await counts(t)).toEqual(after1);
    for (const n of Object.values(second[0]!.result)) expect(n).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(await t.collections.quotes.find().sort({ _id: 1 }).toArray()).toEqual(snapshot);
  });

  it('Sung Kim met four people: Noh Kyu-duk, Lee In-young, Moon Jae-in and Suh Hoon', async () => {
    const sungKim = personId('sung-kim');
    const meetings = await t.collections.meetings.find({ participantIds: sungKim }).toArray();
    const partnerIds = meetings.flatMap((m) => m.participantIds).filter((id) => !id.equals(sungKim));
    expect(partnerIds).toHaveLength(4);
    const partners = await t.collections.persons.find({ _id: { $in: partnerIds } }).toArray();
    expect(partners.map((p) => p.slug).sort()).toEqual(['lee-in-young', 'moon-jae-in', 'noh-kyu-duk', 'suh-hoon']);
  });

  it("the article's first quote belongs to Kim Yo-jong, not to Sung Kim or Kim Jong-un", async () => {
    const [first] = await t.collections.quotes.find().sort({ paragraph: 1, start: 1 }).limit(1).toArray();
    const speaker = await t.collections.persons.findOne({ _id: first!.speakerId });
    expect(speaker?.slug).toBe('kim-yo-jong');
  });

  it('the quote relayed by the presidential spokesman belongs to Moon Jae-in, reported by Park Kyung-mee', async () => {
    const relayed = await t.collections.quotes.find({ reportedByPersonId: personId('park-kyung-mee') }).toArray();
    expect(relayed.length).toBeGreaterThan(0);
    for (const q of relayed) expect(String(q.speakerId)).toBe(String(personId('moon-jae-in')));
    expect(relayed.some((q) => q.text.startsWith("The Biden administration's gradual approach"))).toBe(true);
  });

  it('Cheong\'s quote that contains "Kim Jong-un said" is Cheong\'s', async () => {
    const q = await t.collections.quotes.findOne({ text: { $regex: '^During the June 17' } });
    expect(String(q?.speakerId)).toBe(String(personId('cheong-seong-chang')));
  });

  it('stores each quote with the character span it occupies in its paragraph', async () => {
    const article = await t.collections.articles.findOne({});
    const quotes = await t.collections.quotes.find().toArray();
    expect(quotes).toHaveLength(19);
    for (const q of quotes) expect(article!.paragraphs[q.paragraph - 1]!.slice(q.start, q.end)).toBe(q.text);
  });

  it('keeps both the caption and the body claim where they disagree', async () => {
    const suh = await t.collections.meetings.findOne({
      participantIds: { $all: [personId('sung-kim'), personId('suh-hoon')] },
    });
    expect(suh?.claims.map((c) => [c.source, c.relation])).toEqual([
      ['BODY', 'AFTER'],
      ['CAPTION', 'BEFORE'],
    ]);
    expect(suh?.conflict).toMatch(/caption/);
  });

  it('cleans the article of the scrape noise', async () => {
    const article = await t.collections.articles.findOne({});
    const body = article!.paragraphs.join('\n');
    expect(article!.paragraphs).toHaveLength(22);
    expect(body).not.toMatch(/<[^>]+>|作者|Korea Times photo by|offers a seat/);
    expect(article!.captions).toHaveLength(2);
    expect(article!.captions.map((c) => c.credit)).toEqual(['Korea Times photo by Wang Tae-seok', 'Yonhap']);
    expect(article!.byline).toBe('Nam Hyun-woo');
    expect(article!.publishedAt.toISOString()).toBe('2024-05-21T03:36:45.000Z');
  });
});
