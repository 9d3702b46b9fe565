import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanArticle, IngestInputError, splitCredit } from '../../src/ingest/clean.js';
import { ingestInputs, summarize } from '../../src/ingest/pipeline.js';
import { DEFAULT_SEEDS_DIR } from '../../src/seed/load.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

const SEED = 'korea-times-2024-05-21-north-korea-rejects-talks';

describe('cleaning raw articles', () => {
  it('reproduces the curated seed article exactly: paragraphs, captions with credits, subtitle, byline, date', async () => {
    const raw = await readFile(join(DEFAULT_SEEDS_DIR, `${SEED}.txt`));
    const curated = JSON.parse(await readFile(join(DEFAULT_SEEDS_DIR, `${SEED}.json`), 'utf8')).article;
    const clean = cleanArticle(raw);
    expect(clean.paragraphs).toEqual(curated.paragraphs);
    expect(clean.captions).toEqual(curated.captions);
    expect(clean).toMatchObject({
      title: curated.title,
      subtitle: curated.subtitle,
      byline: curated.byline,
      publishedAt: curated.publishedAt,
    });
    // The footer and the repeated caption are gone from the body.
    expect(clean.paragraphs.join('\n')).not.toMatch(/作者|photo by/);
  });

  it('strips HTML tags and entities, keeps repeated captions once, and drops trailing copyright/related lines', () => {
    const clean = cleanArticle(
      [
        'Markets rally &amp; recover',
        '2024-03-12T09:15:00Z',
        '<p>Traders cheer in Tokyo, Monday. AP</p>',
        'Traders cheer in Tokyo, Monday. AP',
        'Stocks rebound after a rout',
        'By Jane Roe, Staff Reporter',
        '<p>Stocks rose,<strong></strong> with the index up &#8220;sharply&#8221; &mdash; 3&nbsp;percent.</p>',
        'Copyright &copy; 2024 Example Wire. All rights reserved.',
        'Related articles',
      ].join('\n'),
    );
    expect(clean.title).toBe('Markets rally & recover');
    expect(clean.captions).toEqual([{ text: 'Traders cheer in Tokyo, Monday.', credit: 'AP' }]);
    expect(clean.subtitle).toBe('Stocks rebound after a rout');
    expect(clean.byline).toBe('Jane Roe');
    expect(clean.paragraphs).toEqual(['Stocks rose, with the index up \u201Csharply\u201D \u2014 3 percent.']);
  });

  it.each([
    ['Ministers shake hands in Canberra, Monday. Cabinet Press Pool', 'Cabinet Press Pool'],
    ["Ministers shake hands in Canberra, Monday. Prime Minister's Office", "Prime Minister's Office"],
    ['Ministers shake hands in Canberra, Monday. Pool photo', 'Pool photo'],
    ['Ministers shake hands in Canberra, Monday. Kyodo-AP', 'Kyodo-AP'],
    ['Ministers shake hands in Canberra, Monday. EPA/Pool', 'EPA/Pool'],
  ])('splits the credit off a caption written by no eval article: %s', (line, credit) => {
    expect(splitCredit(line)).toEqual({ text: 'Ministers shake hands in Canberra, Monday.', credit });
  });

  it.each([
    ['empty file', '', /empty file/],
    ['whitespace only', ' \n\n\t\n', /empty file/],
    ['no title', '2024-05-21 03:36:45\nBody text here.', /no title/],
    ['unparseable date', 'A headline\nsometime last week\nBody text.', /unparseable date/],
    ['impossible date', 'A headline\n2024-02-30 10:00:00\nBody text.', /unparseable date/],
    ['no body', 'A headline\n2024-05-21 03:36:45\n', /no body paragraphs/],
  ])('rejects %s with its reason', (_label, raw, reason) => {
    expect(() => cleanArticle(raw)).toThrow(IngestInputError);
    expect(() => cleanArticle(raw)).toThrow(reason);
  });

  it('rejects binary data', () => {
    expect(() => cleanArticle(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]))).toThrow(/binary data/);
    expect(() => cleanArticle(Uint8Array.from([0xff, 0xfe, 0xfd, 0x41, 0x42]))).toThrow(/binary data/);
  });
});

describe('bad input among good input, against the real database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('ingest_bad');
  });
  afterAll(async () => t?.dispose());

  it('reports each bad file with its reason, still stores the good ones, and writes nothing for the bad', async () => {
    const good = await readFile(
      join(DEFAULT_SEEDS_DIR, 'eval', 'korea-daily-2024-06-05-foreign-minister-tokyo-visit.txt'),
    );
    const inputs = [
      { name: 'empty.txt', read: async () => new Uint8Array() },
      { name: 'binary.bin', read: async () => Uint8Array.from([0, 1, 2, 3, 255, 0]) },
      { name: 'good.txt', read: async () => good },
      { name: 'no-title.txt', read: async () => new TextEncoder().encode('2024-05-21 03:36:45\nSome body.') },
      { name: 'bad-date.txt', read: async () => new TextEncoder().encode('Headline\nnot a date\nSome body.') },
      { name: 'missing.txt', read: async () => Promise.reject(new Error('ENOENT: no such file')) },
      {
        name: 'no-words.txt',
        read: async () => new TextEncoder().encode('Headline\n2024-05-21 03:36:45\n\n— 12 —\n\n* * *\n'),
      },
    ];
    const summary = summarize(await ingestInputs(t.collections, inputs));
    expect(summary.ingested).toBe(1);
    expect(summary.failures.map((f) => [f.file, f.reason.split(' ')[0]])).toEqual([
      ['empty.txt', 'empty'],
      ['binary.bin', 'binary'],
      ['no-title.txt', 'no'],
      ['bad-date.txt', 'unparseable'],
      ['missing.txt', 'cannot'],
      ['no-words.txt', 'no'],
    ]);
    expect(summary.failures.at(-1)?.reason).toMatch(/no words/);
    // Stored articles are reported with their slug, counts and persons.
    expect(summary.articles).toHaveLength(1);
    expect(summary.articles[0]!.file).toBe('good.txt');
    expect(summary.articles[0]!.persons.length).toBeGreaterThan(0);
    expect(await t.collections.articles.countDocuments()).toBe(1);
    expect(summary.quotes).toBe(await t.collections.quotes.countDocuments());
    expect(summary.quotes).toBeGreaterThan(0);
  });
});
