/**
 * Pure helpers of scripts/eval/nlp-library.ts (the NLP-library comparison): the gold person names
 * of a corpus article, which of them a list of found names recalls (the corpus README's name rule),
 * and how two sentence segmentations of one paragraph agree.
 */
import { type GoldArticle, namesMatch } from './real-news.js';

/** Names without repeats under the corpus name rule, first spelling kept. */
export function distinctNames(names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of names) if (name.trim() && !out.some((n) => namesMatch(n, name))) out.push(name.trim());
  return out;
}

/** The people gold.json names in an article: quote speakers and meeting participants (optional ones too). */
export function goldPersonNames(gold: Pick<GoldArticle, 'quotes' | 'meetings'>): string[] {
  return distinctNames([...gold.quotes.map((q) => q.speaker), ...gold.meetings.flatMap((m) => m.participants)]);
}

/** The gold names some found name matches, and the ones none does. */
export function recallNames(gold: string[], found: string[]): { recalled: string[]; missed: string[] } {
  const recalled: string[] = [];
  const missed: string[] = [];
  for (const g of gold) (found.some((f) => namesMatch(g, f)) ? recalled : missed).push(g);
  return { recalled, missed };
}

/**
 * Where each sentence of `text` ends (the offset after its last non-space character), from the
 * sentences as strings in reading order. The paragraph's own end is left out, so a one-sentence
 * paragraph has no boundaries. Returns null when a sentence cannot be found in the text (a
 * segmenter that rewrote it).
 */
export function sentenceBoundaries(text: string, sentences: string[]): number[] | null {
  const ends: number[] = [];
  let cursor = 0;
  for (const sentence of sentences) {
    const piece = sentence.trim();
    if (!piece) continue;
    const at = text.indexOf(piece, cursor);
    if (at < 0) return null;
    cursor = at + piece.length;
    ends.push(cursor);
  }
  const last = text.trimEnd().length;
  return ends.filter((e) => e < last);
}

export interface SentenceAgreement {
  /** Both put the same boundaries. */
  same: boolean;
  /** Boundaries only the first segmentation has (offsets into the paragraph). */
  onlyFirst: number[];
  /** Boundaries only the second has. */
  onlySecond: number[];
}

/** Compares two segmentations of one paragraph by their boundaries (see sentenceBoundaries). */
export function compareSentences(text: string, first: string[], second: string[]): SentenceAgreement | null {
  const a = sentenceBoundaries(text, first);
  const b = sentenceBoundaries(text, second);
  if (!a || !b) return null;
  const onlyFirst = a.filter((x) => !b.includes(x));
  const onlySecond = b.filter((x) => !a.includes(x));
  return { same: onlyFirst.length === 0 && onlySecond.length === 0, onlyFirst, onlySecond };
}

/** A token as a tagger gives it: its text, its part-of-speech tag and the spaces before it. */
export interface TaggedToken {
  text: string;
  tag: string;
  spaceBefore: string;
}

const HYPHEN = /^[-\u2010\u2011]$/;

/**
 * Person-name candidates from part-of-speech tags: each maximal run of proper-noun tokens (wink's
 * PROPN), written as in the text. A hyphen with no space on either side between two proper nouns
 * stays inside the run ("Quillon-Reyes" is three tokens to wink). A run of one token is kept too
 * (the corpus name rule then decides).
 */
export function properNounRuns(tokens: TaggedToken[]): string[] {
  const runs: string[] = [];
  let run = '';
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    const glue =
      run !== '' &&
      HYPHEN.test(token.text) &&
      token.spaceBefore === '' &&
      next?.tag === 'PROPN' &&
      next.spaceBefore === '';
    if (token.tag === 'PROPN' || glue) run += (run && token.spaceBefore ? ' ' : '') + token.text;
    else if (run) {
      runs.push(run);
      run = '';
    }
  });
  if (run) runs.push(run);
  return runs;
}
