import { extractArticle } from '../../../src/ingest/extract.js';
import { rawArticle } from '../helpers.js';

/**
 * Runs the extractor on an article of our own, in memory (no database): the rule suite is fast.
 * Quotes come back as [paragraph, speaker name, text, sieve].
 */
export function extract(paragraphs: string[], options: Parameters<typeof rawArticle>[2] = {}) {
  const { seed } = extractArticle(rawArticle('A test article of our own', paragraphs, options), 'rules.txt');
  const name = new Map(seed.persons.map((p) => [p.slug, p.name]));
  return {
    seed,
    persons: seed.persons.map((p) => p.name),
    quotes: (seed.quotes ?? []).map((q) => [q.paragraph, name.get(q.speaker) ?? q.speaker, q.text, q.sieve] as const),
    speakers: (seed.quotes ?? []).map((q) => name.get(q.speaker) ?? q.speaker),
  };
}
