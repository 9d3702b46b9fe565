/**
 * Spelling variants of one person's name in one article: "Sirojiddin" and "Siorjiddin", "Mevlut
 * Cavusoglu" and "Mevlüt Çavuşoğlu". Reporters transliterate by hand and copy desks miss typos;
 * two names that differ only this way within one article are one person, named as first written.
 */

/** Letters only, accents removed, lowercased. */
export const foldName = (word: string) =>
  word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** Optimal string alignment distance (edits, with adjacent transpositions counted once). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** Two words that are one word spelled twice: equal once folded, or one edit apart in a long word (two in a very long one). */
function sameWord(a: string, b: string): boolean {
  const x = foldName(a);
  const y = foldName(b);
  if (x === y) return true;
  const shortest = Math.min(x.length, y.length);
  if (shortest < 5 || x[0] !== y[0]) return false;
  return editDistance(x, y) <= (shortest >= 8 ? 2 : 1);
}

/**
 * True when two full names are spellings of one name: as many words, each pair the same word
 * spelled twice, and at least one pair identical once folded (a typo in every word is two people).
 */
export function isSpellingVariant(a: string[], b: string[]): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  if (a.join(' ') === b.join(' ')) return false;
  return a.every((w, i) => sameWord(w, b[i]!)) && a.some((w, i) => foldName(w) === foldName(b[i]!));
}
