/**
 * Role phrases around a name: a title before it ("U.S. special envoy for North Korea Sung Kim"), an
 * appositive after it (", a senior fellow at the Asan Institute,"), a role set off by a comma
 * before it ("her press secretary, Ada Lim,"). Read by the names, mentions and roles passes.
 */
import {
  INTRO_WORDS,
  PLURAL_TITLES,
  RELATION_NOUNS,
  ROLE_BOUNDS,
  ROLE_NAME_VERBS,
  ROLE_STOP_WORDS,
  SENTENCE_STARTERS,
  SPEECH_VERBS,
  TITLE_MODIFIERS,
  TITLE_STOP_WORDS,
  TITLE_WORDS,
  alternation,
  singularTitle,
} from '../lexicon.js';
import { isAbbreviationDot, type Span } from '../text.js';
import type { PersonEntity } from './state.js';

/** An opening clause ("After the talks, …"): its subject comes after the comma. */
export const INTRO = new RegExp(`^(?:${alternation(INTRO_WORDS)})\\b`);

/** A word as role matching compares it: lowercased, without possessive or trailing punctuation. */
export const lowerWord = (w: string) =>
  w
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[,.;:]+$/, '');
export const isTitleWord = (w: string) => TITLE_WORDS.has(w.toLowerCase());

/** The whitespace-separated word ending right before `pos` (scanned backwards, no regex). */
export function wordBefore(text: string, pos: number): { w: string; start: number } | null {
  let end = pos;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (end === pos || end === 0) return null;
  let start = end;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  return { w: text.slice(start, end), start };
}

/** The job title written right before position `at`, e.g. "U.S. special envoy for North Korea". */
export function titleBefore(text: string, at: number): { title: string; start: number } | null {
  const words: { w: string; start: number }[] = [];
  let pos = at;
  while (pos > 0) {
    const word = wordBefore(text, pos);
    if (!word) break;
    const { w, start } = word;
    if (/[,;:"“”()]$/.test(w) || /['’]s$/.test(w) || TITLE_STOP_WORDS.has(w.toLowerCase())) break;
    const capitalized = /^\p{Lu}/u.test(w);
    const known =
      TITLE_WORDS.has(w.toLowerCase()) || TITLE_MODIFIERS.has(w.toLowerCase()) || PLURAL_TITLES.has(w.toLowerCase());
    const prev = wordBefore(text, start)?.w ?? '';
    const joins = (w === 'for' || w === 'of') && !RELATION_NOUNS.has(prev.toLowerCase());
    if (!(capitalized || known || joins)) break;
    if (/\.$/.test(w) && !/^(?:\p{Lu}\.)+$/u.test(w) && !TITLE_WORDS.has(w.toLowerCase())) break;
    words.unshift({ w, start });
    pos = start;
  }
  while (words.length && (words[0]!.w === 'for' || words[0]!.w === 'of' || SENTENCE_STARTERS.has(words[0]!.w)))
    words.shift();
  if (!words.some((x) => isTitleWord(x.w) || PLURAL_TITLES.has(x.w.toLowerCase()))) return null;
  // "Governors Ana Kovac (…) and …": each name of the list holds the title in the singular.
  const last = words[words.length - 1]!;
  if (PLURAL_TITLES.has(last.w.toLowerCase())) last.w = singularTitle(last.w);
  // A title ends in its head word: "President Moon" yes, "Korea Sung" no (the run is the name).
  return { title: words.map((x) => x.w).join(' '), start: words[0]!.start };
}

/** A name of two to four capitalized words, maybe with a parenthesis after it: "Ana Kovac (Lindau)". */
const LISTED_NAME = "\\p{Lu}[\\p{L}\\p{M}'’.-]*(?: \\p{Lu}[\\p{L}\\p{M}'’.-]*){1,3}(?: \\([^()]{1,40}\\))?";
/** The words before a later name of a list a plural title opens: "Mayors Ana Kovac (Lindau) and ". */
const PLURAL_TITLE = [...PLURAL_TITLES].map((w) => `${w[0]!.toUpperCase()}${w.slice(1)}`).join('|');
const TITLED_LIST_BEFORE = new RegExp(
  `(?<!\\p{L})(${PLURAL_TITLE}) ${LISTED_NAME}(?:, ${LISTED_NAME})*(?:,|,? and) $`,
  'u',
);

/**
 * The title a later name of a list shares with the first, when a plural title opens the list:
 * "Governors Ana Kovac (Lindau) and Piet Haller" gives Piet Haller "Governor". Null otherwise.
 */
export function pluralTitleOfList(text: string, at: number): string | null {
  const m = TITLED_LIST_BEFORE.exec(text.slice(Math.max(0, at - 160), at));
  return m ? singularTitle(m[1]!) : null;
}

/** "who is also the finance minister": a relative clause stating a role (the role in group 1). */
const RELATIVE_ROLE =
  /^who (?:is|was|has been|had been|serves as|served as)(?: also)? (?:(?:the|a|an) )?((?:[\p{L}.'’-]+ ){0,5}[\p{L}.'’-]+)\s*$/u;

/** ", a senior fellow at the Asan Institute," after a name: its span, and its text when it is a role. */
export function appositiveAfter(text: string, at: number): { end: number; role: string | null } | null {
  const m = /^, (?!and\b|or\b|but\b)/.exec(text.slice(at));
  if (!m) return null;
  const from = at + m[0].length;
  const first = /^(\S+)/.exec(text.slice(from))?.[1] ?? '';
  const isRole =
    /^(?:a|an|the)$/i.test(first) || TITLE_WORDS.has(first.toLowerCase()) || TITLE_MODIFIERS.has(first.toLowerCase());
  const isRelative = /^(?:who|whose|which)$/.test(first);
  const isSide = /^(?:right|left|center|centre|second|third|front)$/.test(first);
  if (!isRole && !isRelative && !isSide) return null;
  let end = from;
  while (end < text.length) {
    const ch = text[end]!;
    if (ch === ',' || ch === ';' || ch === '"' || ch === '\u201C') break;
    if (
      (ch === '.' || ch === '!' || ch === '?') &&
      !(ch === '.' && isAbbreviationDot(text, end) && end + 1 < text.length)
    )
      break;
    end++;
  }
  let role: string | null = null;
  if (isRole) {
    const phrase = text
      .slice(from, end)
      .split(/\s+who\s+/)[0]!
      .replace(/^(?:a|an|the)\s+/i, '')
      .trim();
    if (phrase.split(/\s+/).some((w) => TITLE_WORDS.has(w.toLowerCase())))
      role = phrase[0]!.toUpperCase() + phrase.slice(1);
  } else if (isRelative) {
    // ", who is also the finance minister,": a relative clause that only states a role is one.
    const clause = RELATIVE_ROLE.exec(text.slice(from, end));
    if (clause && clause[1]!.split(/\s+/).some((w) => TITLE_WORDS.has(w.toLowerCase())))
      role = clause[1]![0]!.toUpperCase() + clause[1]!.slice(1);
  }
  return { end, role };
}

/** What follows "role, Name" when the name holds the role: a possessive, a comma, the end, or a verb. */
const HOLDER_AFTER = new RegExp(
  `^(?:['’]s\\b|,|\\s*[.;:]|\\s*$|\\s+(?:\\p{Ll}+ly\\s+|also\\s+)?(?:${alternation(ROLE_NAME_VERBS)})\\b)`,
  'u',
);

/**
 * A role written before a name and set off by a comma: "The IMF's mission chief for Ruritania, Jan
 * Novak, said", "her press secretary, Ada Lim, told", "Acme's head of corporate development, Raj
 * Patel,". The phrase runs back from the comma to a possessive, a determiner or the sentence start
 * and must hold a title word; the name must be followed by a comma, a speech verb or the end.
 */
export function roleBeforeComma(
  text: string,
  nameStart: number,
  nameEnd: number,
): { role: string; start: number; ownerEnd: number | null } | null {
  if (!/,\s$/.test(text.slice(Math.max(0, nameStart - 2), nameStart))) return null;
  const after = text.slice(nameEnd, nameEnd + 40);
  if (!HOLDER_AFTER.test(after)) return null;
  const words: { w: string; start: number }[] = [];
  let pos = nameStart;
  let ownerEnd: number | null = null;
  let bounded = false;
  while (pos > 0 && words.length < 10) {
    const word = wordBefore(text, pos);
    if (!word) {
      bounded = true;
      break;
    }
    const { start } = word;
    // The comma that sets the name off belongs to the role's last word.
    const w = words.length === 0 ? word.w.replace(/,$/, '') : word.w;
    if (/['’]s$/.test(w)) {
      ownerEnd = start + w.length - 2;
      bounded = true;
      break;
    }
    // "… also met US envoy on trade, Ana Ruiz,": a meeting verb bounds the role as "with" does.
    if (ROLE_BOUNDS.has(w.toLowerCase())) {
      bounded = true;
      break;
    }
    if (/[,;:"“”()]$/.test(w) || (/[.!?]$/.test(w) && !/^(?:\p{Lu}\.)+$/u.test(w))) {
      bounded = true;
      break;
    }
    if (SPEECH_VERBS.has(w.toLowerCase()) || /^(?:is|was|are|were|has|had|have|be|been|will|would)$/i.test(w))
      return null;
    words.unshift({ w, start });
    pos = start;
  }
  if (pos <= 0) bounded = true;
  if (!bounded || words.length === 0) return null;
  const lowered = words.map((x) => x.w.toLowerCase());
  if (!lowered.some((w) => TITLE_WORDS.has(w))) return null;
  // The head of the role is one of its first words: "head of corporate development", "mission chief for X".
  const role = words.map((x) => x.w).join(' ');
  return { role: role[0]!.toUpperCase() + role.slice(1), start: words[0]!.start, ownerEnd };
}
/** Function words left out when roles are compared. */
export const ROLE_STOP = ROLE_STOP_WORDS;
export function addRoleWords(person: PersonEntity, phrase: string, exclude: Span[] = [], base = 0) {
  let text = phrase;
  for (const span of exclude) {
    const s = span.start - base;
    const e = span.end - base;
    if (s >= 0 && e <= text.length) text = text.slice(0, s) + ' '.repeat(e - s) + text.slice(e);
  }
  for (const w of text.split(/\s+/)) {
    const lw = lowerWord(w);
    if (/\p{L}/u.test(lw) && !ROLE_STOP.has(lw)) person.roleWords.add(lw);
  }
}
