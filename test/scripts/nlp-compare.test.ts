import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/ingest/entities.js';
import { findQuotedSpans, sentenceSpans } from '../../src/ingest/text.js';
import {
  compareSentences,
  distinctNames,
  goldPersonNames,
  properNounRuns,
  recallNames,
  sentenceBoundaries,
} from '../../scripts/eval/nlp-compare.js';

// Helpers of scripts/eval/nlp-library.ts, and the invented sentences its README paragraph stands
// on: where our rules, compromise 14.17.0 and wink-nlp 2.4.0 (both pinned devDependencies) split
// or find names differently. Every name and sentence here is made up.

const wink = winkNLP(model);
const ours = (text: string) => sentenceSpans(text, findQuotedSpans(text)).map((s) => text.slice(s.start, s.end));
const compromise = (text: string) => nlp(text).sentences().out('array') as string[];
const winkSentences = (text: string) => wink.readDoc(text).sentences().out();

describe('sentenceBoundaries and compareSentences', () => {
  const text = 'Talks began at noon. They ended late. Both sides left.';

  it('gives the end of every sentence but the last, whatever spaces the pieces carry', () => {
    expect(sentenceBoundaries(text, ['Talks began at noon.', ' They ended late. ', 'Both sides left.'])).toEqual([
      20, 37,
    ]);
    expect(sentenceBoundaries(text, [text])).toEqual([]);
    expect(sentenceBoundaries(text, ['Talks began at noon.', 'Something rewritten.'])).toBeNull();
  });

  it('names the boundaries only one side has', () => {
    const c = compareSentences(
      text,
      ['Talks began at noon. They ended late.', 'Both sides left.'],
      ['Talks began at noon.', 'They ended late. Both sides left.'],
    );
    expect(c).toEqual({ same: false, onlyFirst: [37], onlySecond: [20] });
    expect(compareSentences(text, [text], [text])?.same).toBe(true);
  });
});

describe('gold names and recall', () => {
  it('takes speakers and participants once each under the corpus name rule', () => {
    const gold = {
      quotes: [
        { speaker: 'Tavita Ruhumbe', text: 'x' },
        { speaker: 'Tavita M. Ruhumbe', text: 'y' },
      ],
      meetings: [{ participants: ['Tavita Ruhumbe', 'Kelo Anmaradi'], date: null, optional: true }],
    };
    expect(goldPersonNames(gold)).toEqual(['Tavita Ruhumbe', 'Kelo Anmaradi']);
    expect(distinctNames(['Kelo Anmaradi', 'kelo ANMARADI', ' '])).toEqual(['Kelo Anmaradi']);
  });

  it('recalls a gold name only through a match, not a bare surname', () => {
    const { recalled, missed } = recallNames(
      ['Tavita Ruhumbe', 'Kelo Anmaradi'],
      ['Minister Tavita Ruhumbe', 'Anmaradi'],
    );
    expect(recalled).toEqual(['Tavita Ruhumbe']);
    expect(missed).toEqual(['Kelo Anmaradi']);
  });

  it('reads runs of proper-noun tags as names, keeping a tight hyphen inside', () => {
    const t = (text: string, tag: string, spaceBefore = ' ') => ({ text, tag, spaceBefore });
    expect(
      properNounRuns([
        t('Marta', 'PROPN', ''),
        t('Quillon', 'PROPN'),
        t('-', 'PUNCT', ''),
        t('Reyes', 'PROPN', ''),
        t('met', 'VERB'),
        t('Anmaradi', 'PROPN'),
        t('-', 'PUNCT'),
        t('and', 'CCONJ'),
      ]),
    ).toEqual(['Marta Quillon-Reyes', 'Anmaradi']);
  });
});

describe('where each segmenter goes wrong (invented sentences)', () => {
  it('compromise misses a boundary after "p.m." and after a closing quotation; ours and wink find both', () => {
    for (const text of [
      'The envoy left at 5 p.m. Then the talks resumed.',
      'He called it "a good start." Anmaradi agreed.',
    ]) {
      expect(compromise(text)).toHaveLength(1);
      expect(ours(text)).toHaveLength(2);
      expect(winkSentences(text)).toHaveLength(2);
    }
  });

  it('ours (and compromise) miss a boundary after "U.S." and after a period with no space; wink finds both', () => {
    for (const text of ['She moved to the U.S. Two years later she returned.', 'Talks ended.Both sides left.']) {
      expect(ours(text)).toHaveLength(1);
      expect(compromise(text)).toHaveLength(1);
      expect(winkSentences(text)).toHaveLength(2);
    }
  });

  it('wink cuts inside a quotation, which ours keeps whole so the quote is attributed at once', () => {
    const text = '"We are ready. The rest is up to them," Ruhumbe said.';
    expect(ours(text)).toEqual([text]);
    expect(winkSentences(text)).toEqual(['"We are ready.', 'The rest is up to them," Ruhumbe said.']);
  });

  it("compromise's .people() misses names its lexicon does not know; our analysis finds them", () => {
    const text = 'Foreign Minister Tavita Ruhumbe met Kelo Anmaradi in Lusaka on Monday.';
    expect(nlp(text).people().out('array')).toEqual([]);
    const analysis = analyzeArticle({
      title: 'Talks in Lusaka',
      publishedAt: '2024-03-04T12:00:00.000Z',
      subtitle: null,
      byline: null,
      paragraphs: [text],
      captions: [],
    });
    expect([...analysis.persons.values()].map((p) => p.name).sort()).toEqual(['Kelo Anmaradi', 'Tavita Ruhumbe']);
  });
});
