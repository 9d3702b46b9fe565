import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateContext, findDates } from '../../src/ingest/dates.js';
import { loadAnnotatedArticles, scoreArticle, sum, toScore } from '../../scripts/eval/evaluate.js';
import { extractArticle } from '../../src/ingest/extract.js';
import { generateArticles } from '../../src/tooling/generate.js';
import { DEFAULT_SEEDS_DIR } from '../../src/seed/load.js';

async function annotated(dir: string) {
  return (await loadAnnotatedArticles(dir, { required: true })).map(({ name, raw, expected }) => ({
    name,
    predicted: extractArticle(raw, name).graph,
    expected,
  }));
}

describe('extraction quality on the annotated articles (the eval:ingest floors)', () => {
  it('meets quote F1 ≥ 0.90 and meeting F1 ≥ 0.80 on the whole set and on the seed article alone', async () => {
    const seed = await annotated(DEFAULT_SEEDS_DIR);
    const evalSet = await annotated(join(DEFAULT_SEEDS_DIR, 'eval'));
    expect(seed).toHaveLength(1);
    expect(evalSet.length).toBeGreaterThanOrEqual(6);
    for (const subset of [[...seed, ...evalSet], seed]) {
      const scores = subset.map((a) => scoreArticle(a.predicted, a.expected));
      expect(toScore(sum(scores.map((s) => s.quotes))).f1).toBeGreaterThanOrEqual(0.9);
      expect(toScore(sum(scores.map((s) => s.meetings))).f1).toBeGreaterThanOrEqual(0.8);
      expect(scores.every((s) => s.cleaningExact)).toBe(true);
    }
  });

  // The held-out set was tuned on after its first run (HELDOUT_FIRST_RUN in scripts/eval-ingest.ts):
  // its score is informational, not a floor. Only that it loads and is cleaned as annotated is checked.
  it('loads the held-out articles (tuned on: their F1 is reported, not enforced)', async () => {
    const heldout = await annotated(join(DEFAULT_SEEDS_DIR, 'eval', 'heldout'));
    expect(heldout.length).toBeGreaterThanOrEqual(7);
    const scores = heldout.map((a) => scoreArticle(a.predicted, a.expected));
    const f1 = {
      quotes: toScore(sum(scores.map((s) => s.quotes))).f1,
      meetings: toScore(sum(scores.map((s) => s.meetings))).f1,
    };
    console.info(`held-out set (tuned on): quote F1 ${f1.quotes.toFixed(3)}, meeting F1 ${f1.meetings.toFixed(3)}`);
    expect(scores.every((s) => s.cleaningExact)).toBe(true);
  });

  it('refuses an article without its annotation and an empty folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'annotated-'));
    try {
      await expect(loadAnnotatedArticles(dir, { required: true })).rejects.toThrow(/no annotated articles/);
      await writeFile(join(dir, 'lonely.txt'), 'Title\n2024-05-21 03:36:45\n\nText.\n');
      await expect(loadAnnotatedArticles(dir)).rejects.toThrow(/lonely\.txt has no annotation/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('scores a wrong speaker as both a false positive and a false negative', async () => {
    const [seed] = await annotated(DEFAULT_SEEDS_DIR);
    const wrong = structuredClone(seed!.predicted);
    wrong.quotes[0]!.speaker = 'someone-else';
    const score = scoreArticle(wrong, seed!.expected);
    expect(score.quotes.falsePositives).toBe(1);
    expect(score.quotes.falseNegatives).toBe(1);
    expect(score.speakers.falsePositives).toBe(1);
  });

  it('generates the same synthetic articles for the same seed, and different ones for another', () => {
    const a = generateArticles(5, 7).map((x) => x.raw);
    expect(generateArticles(5, 7).map((x) => x.raw)).toEqual(a);
    expect(generateArticles(5, 8).map((x) => x.raw)).not.toEqual(a);
  });
});

describe('date resolution against the publication date (Tuesday 2024-05-21)', () => {
  const resolve = (text: string) =>
    findDates(text, dateContext('2024-05-21T03:36:45Z')).map((d) => `${d.day}/${d.precision}`);
  it.each([
    ['after meeting on Monday', ['2024-05-20/DAY']],
    ['in a statement, Tuesday', ['2024-05-21/DAY']],
    ['the two will meet on Friday', ['2024-05-24/DAY']],
    ['the summit in May', ['2024-05-01/MONTH']],
    ['a meeting June 17 that', ['2023-06-17/DAY']],
    ['in June last year', ['2023-06-01/MONTH']],
    ['set up in November 2018 after three summits that year', ['2018-11-01/MONTH', '2018-01-01/YEAR']],
    ['on Monday and earlier in the day', ['2024-05-20/DAY', '2024-05-20/DAY']],
    ['In 2019, the two', ['2019-01-01/YEAR']],
  ])('%s', (text, expected) => {
    expect(resolve(text)).toEqual(expected);
  });
});
