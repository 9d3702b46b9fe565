/**
 * Capitalized words and their runs, the tokens every later pass reads: names, organizations and
 * places are all made of them. Found once per unit by the tokens pass (passes/tokens.ts).
 */
import {
  ARTICLE_PREFIX,
  CAPITALIZED_PARTICLES,
  LEGISLATURES,
  MONTHS,
  MULTI_WORD_PLACES,
  NAME_PARTICLES,
  NATIONALITIES,
  NON_NAME_WORDS,
  ORG_HEADS,
  PLACE_WORDS,
  PLURAL_TITLES,
  TITLE_WORDS,
  WEEKDAYS,
  alternation,
} from '../lexicon.js';
import type { Run, Token } from './state.js';

// A capitalized word ("Kim", "Yo-jong", "O'Brien", "Al-Momani"), an Arabic name with a lowercase
// article ("al-Ansari"), initials ("U.S.", "J.D.", the "Y." of "Jay Y. Lee") or an acronym.
const TOKEN =
  /\p{Lu}[\p{Ll}\p{M}]+(?:-\p{L}[\p{Ll}\p{M}]*|['’]\p{Lu}[\p{Ll}\p{M}]*)*(?:s['’](?=\s\p{Lu}))?|(?<!\p{L})(?:al|el|ad|ar|as|ash|at|az|an|ul)-\p{Lu}[\p{Ll}\p{M}]+(?:-\p{L}[\p{Ll}\p{M}]*)*|(?:\p{Lu}\.){2,}|\p{Lu}\.(?=\s\p{Lu}\p{Ll})|(?<![\p{L}.'’-])\p{Lu}(?=\s\p{Lu}\p{Ll})|\p{Lu}{2,}\b/gu;
export const MONTH_WORDS = new Set(MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1)));
export const WEEKDAY_WORDS = new Set(WEEKDAYS.map((d) => d[0]!.toUpperCase() + d.slice(1)));

/** A name particle: "von", "der", "de", "bin", "da"; capitalized only from a short list ("Von", "De", "Al"). */
export function isParticle(token: string): boolean {
  return NAME_PARTICLES.has(token) || CAPITALIZED_PARTICLES.has(token);
}

const PARTICLE_WORD = `(?:${[...NAME_PARTICLES].join('|')})`;
/** Lowercase particles between two capitalized words: " von der ", " de ", " bin ". */
const PARTICLES_BETWEEN = new RegExp(`^ (?:${PARTICLE_WORD} )+$`);
/** Lowercase particles opening a surname: "von der " in "von der Leyen said". */
const PARTICLES_BEFORE = new RegExp(`(?:^|[\\s(\u201C"])((?:${PARTICLE_WORD} )+)$`);

/** Particle tokens in `text` between `from` and `to` (which holds only particles and spaces). */
function particleTokens(text: string, from: number, to: number): Token[] {
  return [...text.slice(from, to).matchAll(/\S+/g)].map((m) => ({
    text: m[0],
    start: from + m.index,
    end: from + m.index + m[0].length,
  }));
}

/**
 * How a name is compared: particles lowercased and Arabic articles lowercased, so "Von der
 * Leyen" at a sentence start finds "Ursula von der Leyen", and "Al-Ansari" finds "Majed al-Ansari".
 */
export function nameKey(tokens: string[]): string {
  return tokens
    .map((t) => (isParticle(t) ? t.toLowerCase() : t.replace(ARTICLE_PREFIX, (p) => p.toLowerCase())))
    .join(' ');
}

/** The tokens of a name that are not particles: "Ursula von der Leyen" → Ursula, Leyen. */
export const nameWords = (tokens: Token[]) => tokens.filter((t) => !isParticle(t.text));

const MULTI_WORD_PLACE = new RegExp(`(?<![\\p{L}-])(?:${alternation(MULTI_WORD_PLACES)})(?![\\p{L}-])`, 'gu');
/**
 * Context that makes one capitalized word a place whatever the word: "in Vientiane.", "at Woodside,",
 * "near Gaeseong in June", "in Pyeongtaek on Monday", "the border town of Rafah", "Gyeonggi Province".
 */
const PLACE_CONTEXT = [
  /\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside|(?:town|city|village|port|province|region|state|capital) of)\s+(\p{Lu}[\p{Ll}\p{M}-]+)(?=\s+(?:Province|Prefecture|County|on|in|last|this|earlier|later)\b|\s*[,.;:]|\s*$)/gu,
  /(\p{Lu}[\p{Ll}\p{M}-]+)(?=\s(?:Province|Prefecture|County|Oblast|Governorate)\b)/gu,
];

/** Start offsets of the capitalized words of `text` that are places (see Token.place). */
function placeTokenStarts(text: string): Set<number> {
  const starts = new Set<number>();
  for (const m of text.matchAll(MULTI_WORD_PLACE)) for (const w of m[0].matchAll(/\S+/g)) starts.add(m.index + w.index);
  for (const pattern of PLACE_CONTEXT) {
    for (const m of text.matchAll(pattern)) {
      const word = m[1]!;
      if (MONTH_WORDS.has(word) || WEEKDAY_WORDS.has(word) || TITLE_WORDS.has(word.toLowerCase()) || word in ORG_HEADS)
        continue;
      starts.add(m.index + m[0].indexOf(word));
    }
  }
  return starts;
}

export function capitalizedRuns(text: string): Run[] {
  const places = placeTokenStarts(text);
  const runs: Run[] = [];
  let current: Token[] = [];
  const flush = () => {
    if (current.length) {
      const last = current[current.length - 1]!;
      runs.push({
        tokens: current,
        start: current[0]!.start,
        end: last.end,
        possessive: /^['’]s\b/.test(text.slice(last.end, last.end + 3)),
      });
    }
    current = [];
  };
  for (const m of text.matchAll(TOKEN)) {
    // "Lt. Gen. Osman", "Gov. Ruiz", "Dr. Lee": an abbreviated title is never part of a name.
    if (text[m.index + m[0].length] === '.' && TITLE_WORDS.has(`${m[0].toLowerCase()}.`)) {
      flush();
      continue;
    }
    const token: Token = {
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
      place: places.has(m.index) || PLACE_WORDS.has(m[0]),
    };
    const prev = current[current.length - 1];
    const gap = prev ? text.slice(prev.end, token.start) : '';
    if (prev && gap !== ' ') {
      // "Ursula von der Leyen", "Mohammed bin Abdulrahman": lowercase particles inside a name.
      if (PARTICLES_BETWEEN.test(gap) && /\p{Ll}/u.test(prev.text) && /\p{Ll}/u.test(token.text))
        current.push(...particleTokens(text, prev.end, token.start));
      else flush();
    }
    if (current.length === 0 && /\p{Ll}/u.test(token.text)) {
      // "von der Leyen said", "said de Guindos": particles opening a surname.
      const lead = PARTICLES_BEFORE.exec(text.slice(Math.max(0, token.start - 24), token.start));
      if (lead) current.push(...particleTokens(text, token.start - lead[1]!.length, token.start));
    }
    current.push(token);
  }
  flush();
  return runs;
}

export function isNameToken({ text: token, place }: Token): boolean {
  if (place) return false;
  if (/^(?:\p{Lu}\.)+$/u.test(token)) return !NON_NAME_WORDS.has(token); // initials: "Jay Y. Lee", "J.D. Vance"
  if (/^\p{Lu}$/u.test(token)) return !NON_NAME_WORDS.has(token); // an initial without its dot: "K Rao"
  return (
    /\p{Ll}/u.test(token) &&
    !NON_NAME_WORDS.has(token) &&
    !(token in ORG_HEADS) &&
    !LEGISLATURES.has(token) &&
    !MONTH_WORDS.has(token) &&
    !WEEKDAY_WORDS.has(token) &&
    !NATIONALITIES.has(token) &&
    !/['’]$/.test(token) &&
    !TITLE_WORDS.has(token.toLowerCase()) &&
    !PLURAL_TITLES.has(token.toLowerCase())
  );
}

/** The trailing tokens of a run that can be a person's name: "North Korea Sung Kim" → "Sung Kim". */
export function nameSuffix(run: Run): Token[] {
  let i = run.tokens.length;
  while (i > 0 && isNameToken(run.tokens[i - 1]!)) i--;
  const suffix = run.tokens.slice(i);
  // A name does not start with initials that belong to a title ("U.N. envoy") or end with a particle.
  while (suffix.length && isParticle(suffix[suffix.length - 1]!.text)) suffix.pop();
  return suffix.some((t) => !isParticle(t.text) && !/^(?:\p{Lu}\.)+$|^\p{Lu}$/u.test(t.text)) ? suffix : [];
}
