import {
  CAPITALIZED_PARTICLES,
  NAME_PARTICLES,
  NATIONALITIES,
  ORG_HEADS,
  PLACE_WORDS,
  TITLE_WORDS,
} from '../lexicon.js';

/**
 * A speaker named in an upper-case line of its own, before the paragraphs of quotes that are theirs:
 * "ADA LINDQVIST, FINANCE MINISTER OF RURITANIA" or "TOMAS OKAFOR". Round-ups of reactions are
 * written this way; the quotes under the line carry no attribution of their own.
 */
export interface HeaderSpeaker {
  /** The name as a person is written: "Ada Lindqvist", "Jan van der Berg", "Omar Al-Rashid". */
  name: string;
  /** The words after the comma, lowercased: "finance minister of ruritania". */
  role: string | null;
}

const QUOTE_START = /^\s*["\u201C\u2018']/;

/** "LINDQVIST" → "Lindqvist", "AL-RASHID" → "Al-Rashid", "O'NEILL" → "O'Neill", "VAN" → "van". */
export function titleCaseWord(word: string): string {
  const lower = word.toLowerCase();
  if (NAME_PARTICLES.has(lower)) return lower;
  return lower.replace(/(^|[-'’])(\p{Ll})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/**
 * The speaker of an upper-case header line: a line with no lowercase letter, no sentence
 * punctuation and no quote, whose name part (before a comma) is two to five words that are not
 * places, nationalities, titles or organization heads, and which a paragraph of quotes follows.
 */
export function headerSpeaker(line: string, next: string | undefined): HeaderSpeaker | null {
  if (next === undefined || !QUOTE_START.test(next)) return null;
  if (line.length > 120 || /\p{Ll}/u.test(line) || /[.!?:;"\u201C\u201D]\s*$/.test(line) || !/\p{Lu}/u.test(line))
    return null;
  const [namePart, ...rest] = line.split(',');
  const words = namePart!.trim().split(/\s+/);
  if (words.length < 2 || words.length > 5) return null;
  const cased = words.map(titleCaseWord);
  const content = cased.filter((w) => !NAME_PARTICLES.has(w) && !CAPITALIZED_PARTICLES.has(w));
  if (content.length < 2) return null;
  for (const w of cased) {
    if (!/^[\p{L}'’-]+$/u.test(w)) return null;
    if (PLACE_WORDS.has(w) || NATIONALITIES.has(w) || w in ORG_HEADS || TITLE_WORDS.has(w.toLowerCase())) return null;
  }
  const role = rest.join(',').trim().toLowerCase();
  return { name: cased.join(' '), role: role || null };
}
