import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../src/ingest/clean.js';
import { ANALYSIS_PASSES, analyzeArticle } from '../../../src/ingest/entities.js';
import { lexiconLines } from '../../../src/ingest/lexicon.js';
import { rawArticle } from '../helpers.js';

// The analysis as ordered passes over one shared state, in sentences of our own with invented names.
describe('analysis passes (in memory, no database)', () => {
  it('run in a fixed order: tokens first, coreference last', () => {
    expect(ANALYSIS_PASSES.map((p) => p.id)).toEqual([
      'tokens',
      'organizations',
      'names',
      'persons',
      'mentions',
      'roles',
      'coreference',
    ]);
  });

  it('each pass leaves its part of the state for the next', () => {
    const article = cleanArticle(
      rawArticle('Harbour news', [
        'Port Authority spokeswoman Ines Valcourt said the new pier opens in May.',
        'The spokeswoman added that she expected "a busy summer".',
      ]),
    );
    const analysis = analyzeArticle(article);
    expect(analysis.units.map((u) => u.sentences.length)).toEqual([1, 1]);
    expect([...analysis.organizations.values()].map((o) => o.name)).toEqual(['Port Authority']);
    expect([...analysis.persons.values()].map((p) => p.name)).toEqual(['Ines Valcourt']);
    // "The spokeswoman" and "she" in the second paragraph resolve to the person named in the first.
    const second = analysis.mentions.get(analysis.units[1]!)!;
    expect(second.filter((m) => m.kind === 'ROLE' || m.kind === 'PRONOUN').map((m) => [m.surface, m.person])).toEqual([
      ['The spokeswoman', 'ines-valcourt'],
      ['she', 'ines-valcourt'],
    ]);
  });

  it('word lists are data files: every lexicon file the passes load has entries', () => {
    for (const file of [
      'sentence-starters.txt',
      'intro-words.txt',
      'pronouns.txt',
      'clause-words.txt',
      'role-bounds.txt',
    ])
      expect(lexiconLines(file).length, file).toBeGreaterThan(0);
  });
});
