import type { CleanArticle } from './clean.js';
import {
  ARTICLE_PREFIX,
  CAPITALIZED_PARTICLES,
  EAST_ASIAN_SURNAMES,
  GENERIC_SUBJECTS,
  LEGISLATURES,
  MONTHS,
  MULTI_WORD_PLACES,
  NAME_PARTICLES,
  NATIONALITIES,
  NON_NAME_WORDS,
  ORG_HEADS,
  ORG_ROLES,
  PLACE_WORDS,
  SPEECH_VERBS,
  TITLE_MODIFIERS,
  TITLE_WORDS,
  WEEKDAYS,
} from './lexicon.js';
import { headerSpeaker } from './analysis/headers.js';
import { isSpellingVariant } from './analysis/names.js';
import {
  findQuotedSpans,
  insideAny,
  isAbbreviationDot,
  maskQuotes,
  sentenceSpans,
  slugify,
  type QuotedSpan,
  type Span,
} from './text.js';

/** One body paragraph or caption, with its quotes and sentences. */
export interface Unit {
  source: 'BODY' | 'CAPTION';
  /** 1-based paragraph or caption number. */
  index: number;
  text: string;
  quotes: QuotedSpan[];
  /** `text` with quoted stretches blanked, so patterns never match words inside a quote. */
  masked: string;
  sentences: Span[];
}

export interface PersonEntity {
  slug: string;
  name: string;
  surname: string;
  /** Title phrases written before the name: "Unification Minister", "U.S. special envoy for North Korea". */
  titles: string[];
  /** Role phrases written after it: "a senior fellow at the Asan Institute for Policy Studies". */
  appositives: string[];
  /** Lowercased words of titles and roles, for matching "the unification minister" or "U.S. envoy Kim". */
  roleWords: Set<string>;
  aliases: Set<string>;
  organizations: Set<string>;
  /** A byline or photo credit rather than someone in the story. */
  staffRole: string | null;
}

export interface OrganizationEntity {
  slug: string;
  name: string;
  kind: 'GOVERNMENT' | 'MEDIA' | 'PARTY' | 'THINK_TANK' | 'COMPANY' | 'OTHER';
  aliases: Set<string>;
}

export type MentionKind = 'PERSON' | 'ROLE' | 'PRONOUN' | 'ORG' | 'PLACE' | 'GENERIC';

export interface Mention {
  unit: Unit;
  kind: MentionKind;
  /** Span including a title prefix ("U.S. envoy Kim"). */
  start: number;
  end: number;
  /** Where the name (or pronoun, or role noun phrase) itself starts. */
  nameStart: number;
  surface: string;
  title: string | null;
  candidates: string[];
  orgSlug: string | null;
  possessive: boolean;
  inQuote: boolean;
  /** False inside quotes and inside another mention's appositive ("the sister of … Kim Jong-un"). */
  salient: boolean;
  sentence: number;
  /** The person this mention refers to, once resolved. */
  person: string | null;
  confidence: number;
}

export interface ArticleAnalysis {
  article: CleanArticle;
  units: Unit[];
  persons: Map<string, PersonEntity>;
  organizations: Map<string, OrganizationEntity>;
  mentions: Map<Unit, Mention[]>;
  /** Upper-case header lines that name the speaker of the quotes under them: unit → person slug. */
  headers: Map<Unit, string>;
}

// ---------------------------------------------------------------------------------------------
// Tokens and capitalized runs

interface Token {
  text: string;
  start: number;
  end: number;
  /** A place here: a gazetteer word, part of a multi-word place, or a word the context makes a place. */
  place?: boolean;
}

interface Run {
  tokens: Token[];
  start: number;
  end: number;
  possessive: boolean;
}

// A capitalized word ("Kim", "Yo-jong", "O'Brien", "Al-Momani"), an Arabic name with a lowercase
// article ("al-Ansari"), initials ("U.S.", "J.D.", the "Y." of "Jay Y. Lee") or an acronym.
const TOKEN =
  /\p{Lu}[\p{Ll}\p{M}]+(?:-\p{L}[\p{Ll}\p{M}]*|['’]\p{Lu}[\p{Ll}\p{M}]*)*(?:s['’](?=\s\p{Lu}))?|(?<!\p{L})(?:al|el|ad|ar|as|ash|at|az|an|ul)-\p{Lu}[\p{Ll}\p{M}]+(?:-\p{L}[\p{Ll}\p{M}]*)*|(?:\p{Lu}\.){2,}|\p{Lu}\.(?=\s\p{Lu}\p{Ll})|(?<![\p{L}.'’-])\p{Lu}(?=\s\p{Lu}\p{Ll})|\p{Lu}{2,}\b/gu;
const MONTH_WORDS = new Set(MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1)));
const WEEKDAY_WORDS = new Set(WEEKDAYS.map((d) => d[0]!.toUpperCase() + d.slice(1)));

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
const nameWords = (tokens: Token[]) => tokens.filter((t) => !isParticle(t.text));

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MULTI_WORD_PLACE = new RegExp(
  `(?<![\\p{L}-])(?:${MULTI_WORD_PLACES.map(escapeRegExp).join('|')})(?![\\p{L}-])`,
  'gu',
);
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

function isNameToken({ text: token, place }: Token): boolean {
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
    !TITLE_WORDS.has(token.toLowerCase())
  );
}

/** The trailing tokens of a run that can be a person's name: "North Korea Sung Kim" → "Sung Kim". */
function nameSuffix(run: Run): Token[] {
  let i = run.tokens.length;
  while (i > 0 && isNameToken(run.tokens[i - 1]!)) i--;
  const suffix = run.tokens.slice(i);
  // A name does not start with initials that belong to a title ("U.N. envoy") or end with a particle.
  while (suffix.length && isParticle(suffix[suffix.length - 1]!.text)) suffix.pop();
  return suffix.some((t) => !isParticle(t.text) && !/^(?:\p{Lu}\.)+$|^\p{Lu}$/u.test(t.text)) ? suffix : [];
}

// ---------------------------------------------------------------------------------------------
// Titles before a name and roles after it

const TITLE_STOP =
  /^(?:the|a|an|his|her|their|its|with|to|by|and|or|met|said|told|after|before|during|at|in|on|from|as|that|who|while)$/i;
/** Family and membership words: "sister of X" describes X's relative, it is not part of X's title. */
const RELATIONS = new Set([
  'sister',
  'brother',
  'wife',
  'husband',
  'daughter',
  'son',
  'mother',
  'father',
  'member',
  'aide',
  'friend',
]);
const SENTENCE_STARTERS = new Set([
  'After',
  'Before',
  'During',
  'When',
  'While',
  'Since',
  'In',
  'On',
  'At',
  'The',
  'But',
  'And',
  'Meanwhile',
  'Earlier',
  'Later',
]);

/** A word as role matching compares it: lowercased, without possessive or trailing punctuation. */
const lowerWord = (w: string) =>
  w
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[,.;:]+$/, '');
const isTitleWord = (w: string) => TITLE_WORDS.has(w.toLowerCase());

/** The whitespace-separated word ending right before `pos` (scanned backwards, no regex). */
function wordBefore(text: string, pos: number): { w: string; start: number } | null {
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
    if (/[,;:"“”()]$/.test(w) || /['’]s$/.test(w) || TITLE_STOP.test(w)) break;
    const capitalized = /^\p{Lu}/u.test(w);
    const known = TITLE_WORDS.has(w.toLowerCase()) || TITLE_MODIFIERS.has(w.toLowerCase());
    const prev = wordBefore(text, start)?.w ?? '';
    const joins = (w === 'for' || w === 'of') && !RELATIONS.has(prev.toLowerCase());
    if (!(capitalized || known || joins)) break;
    if (/\.$/.test(w) && !/^(?:\p{Lu}\.)+$/u.test(w) && !TITLE_WORDS.has(w.toLowerCase())) break;
    words.unshift({ w, start });
    pos = start;
  }
  while (words.length && (words[0]!.w === 'for' || words[0]!.w === 'of' || SENTENCE_STARTERS.has(words[0]!.w)))
    words.shift();
  if (!words.some((x) => isTitleWord(x.w))) return null;
  // A title ends in its head word: "President Moon" yes, "Korea Sung" no (the run is the name).
  return { title: words.map((x) => x.w).join(' '), start: words[0]!.start };
}

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
  }
  return { end, role };
}

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
  if (
    !/^(?:['’]s\b|,|\s*[.;:]|\s*$|\s+(?:\p{Ll}+ly\s+|also\s+)?(?:said|says|told|added|noted|warned|stressed|wrote|explained|argued|met|called|described)\b)/u.test(
      after,
    )
  )
    return null;
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
    if (
      /^(?:the|a|an|his|her|their|its|our|my|your|with|and|by|met|meets|received|hosted|welcomed|visited|greeted)$/i.test(
        w,
      )
    ) {
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

// ---------------------------------------------------------------------------------------------
// Organizations

/**
 * A single capitalized word right after a lowercase "the" and before punctuation or a verb of
 * speech, that is no place, nationality, title, month or common non-name word: "the Greens,",
 * "told the Bundestag.", "the Kremlin said". Persons are not written "the Name", so such a word
 * names a body; a legislature word (LEGISLATURES) is one whatever its context.
 */
function oneWordInstitution(text: string, run: Run): boolean {
  if (run.tokens.length !== 1) return false;
  const token = run.tokens[0]!;
  const word = token.text;
  if (LEGISLATURES.has(word)) return true;
  if (
    !/^\p{Lu}[\p{Ll}\p{M}]+$/u.test(word) ||
    token.place ||
    NON_NAME_WORDS.has(word) ||
    NATIONALITIES.has(word) ||
    TITLE_WORDS.has(word.toLowerCase())
  )
    return false;
  if (MONTH_WORDS.has(word) || WEEKDAY_WORDS.has(word) || isParticle(word)) return false;
  if (!/(?:^|[^\p{L}])the $/u.test(text.slice(Math.max(0, run.start - 5), run.start))) return false;
  const after = /^(?:['’]s\b)?\s*(\S*)/u.exec(text.slice(run.end, run.end + 30))![1]!;
  return after === '' || /^[,.;:)!?\u201D"]/.test(after) || SPEECH_VERBS.has(after.replace(/[,.;:]+$/, ''));
}

const ORG_ROLE_WORD = `(?:${[...ORG_ROLES].join('|')})`;
/** " co-founder and chief executive Mira", " spokeswoman Ada": a role and then a capitalized name. */
const ROLE_THEN_NAME = new RegExp(
  `^ (?:[\\p{Ll}-]+ ){0,2}?${ORG_ROLE_WORD}(?: (?:and|&) (?:[\\p{Ll}-]+ ){0,2}?${ORG_ROLE_WORD})?,? \\p{Lu}[\\p{Ll}\\p{M}]`,
  'u',
);

/**
 * "Kelpway co-founder and chief executive Mira Cruz", "Norvex spokeswoman Ada Lim": capitalized
 * words right before a lowercase organizational role and a name are the organization, not a person.
 */
function organizationBeforeRole(
  text: string,
  run: Run,
): { start: number; end: number; name: string; kind: OrganizationEntity['kind']; byRole: true } | null {
  if (run.possessive || !ROLE_THEN_NAME.test(text.slice(run.end, run.end + 80))) return null;
  const tokens = run.tokens.filter((t) => !SENTENCE_STARTERS.has(t.text));
  if (
    tokens.length === 0 ||
    tokens.every((t) => t.place || NATIONALITIES.has(t.text) || NON_NAME_WORDS.has(t.text) || isTitleWord(t.text))
  )
    return null;
  if (tokens.some((t) => isTitleWord(t.text) || MONTH_WORDS.has(t.text) || WEEKDAY_WORDS.has(t.text))) return null;
  const start = tokens[0]!.start;
  const corporate =
    /^ (?:[\p{Ll}-]+ ){0,2}?(?:co-?founder|founder|chief|ceo|cfo|coo|cto|chairman|chairwoman|owner|partner|executive)/u.test(
      text.slice(run.end, run.end + 40),
    );
  return { start, end: run.end, name: text.slice(start, run.end), kind: corporate ? 'COMPANY' : 'OTHER', byRole: true };
}

interface OrgSpan {
  start: number;
  end: number;
  name: string;
  kind: OrganizationEntity['kind'];
  /** Found only by the role after it ("Kelpway co-founder"): dropped when the word is a person's surname. */
  byRole?: true;
}

function organizationSpans(text: string, runs: Run[]): OrgSpan[] {
  const spans: OrgSpan[] = [];
  for (let i = 0; i < runs.length; i++) {
    let run = runs[i]!;
    let tokens = [...run.tokens];
    let end = run.end;
    let j = i;
    // "Ministry of Foreign Affairs", "Asan Institute for Policy Studies", "Great Hall of the People"
    while (
      j + 1 < runs.length &&
      /^ (?:of|for|of the|on) $/.test(text.slice(end, runs[j + 1]!.start)) &&
      !run.possessive
    ) {
      j++;
      tokens = tokens.concat(runs[j]!.tokens);
      end = runs[j]!.end;
      run = runs[j]!;
    }
    const isHead = (t: Token) => t.text in ORG_HEADS || t.text.replace(/['’]$/, '') in ORG_HEADS;
    const heads = tokens.filter(isHead);
    if (heads.length === 0) {
      // "a member of the Greens,", "told the Knesset.": one capitalized word after "the" that names a body.
      if (j === i && oneWordInstitution(text, run)) {
        const word = run.tokens[0]!.text;
        spans.push({
          start: run.start,
          end: run.end,
          name: word,
          kind: LEGISLATURES.has(word) ? 'GOVERNMENT' : 'OTHER',
        });
      } else if (j === i) {
        const byRole = organizationBeforeRole(text, run);
        if (byRole) spans.push(byRole);
      }
      continue;
    }
    // A title after the organization starts a person: "European Commission | President Ursula von der Leyen".
    const lastHead = tokens.lastIndexOf(heads[heads.length - 1]!);
    const titleAfter = tokens.findIndex((t, k) => k > lastHead && isTitleWord(t.text));
    if (titleAfter !== -1) end = tokens[titleAfter - 1]!.end;
    // A person before "of": "Pieter van der Meer of Wageningen University" names the university only.
    let from = i;
    while (from < j && !runs[from]!.tokens.some(isHead) && !runs[from]!.tokens.some((t) => isTitleWord(t.text))) from++;
    if (from > i && nameSuffix(runs[i]!).length >= 2) i = from;
    // Drop leading sentence words ("The Ministry") and a trailing place ("Government Complex Seoul" is no org).
    let first = runs[i]!.tokens.findIndex((t) => !SENTENCE_STARTERS.has(t.text));
    if (first === -1) first = 0;
    const start = runs[i]!.tokens[first]!.start;
    const name = text.slice(start, end);
    if (name.split(' ').length < 2 && !(j === i && oneWordInstitution(text, runs[i]!))) {
      i = j;
      continue;
    }
    const kinds = heads.map((h) => ORG_HEADS[h.text.replace(/['’]$/, '')]!);
    const kind = kinds.includes('MEDIA') ? 'MEDIA' : kinds[kinds.length - 1]!;
    spans.push({ start, end, name, kind });
    i = j;
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Analysis

const SPEECH_AFTER =
  /^(?:['’]s\s)?\s*(?:,\s[^,]{0,80},\s)?(?:also |later |then |\p{Ll}+ly )?(?:said|says|told|added|noted|stressed|wrote|asked|replied|met|meets|warned|explained|argued)\b/u;
const SPEECH_BEFORE = /(?:said|says|added|according to|met|meets|photo by|Mr\.|Ms\.|Mrs\.|Dr\.)\s$/;

const PAST_TENSE_AFTER = /^ (?:also |later |then |\p{Ll}+ly )?\p{Ll}{3,}(?:ed|ised|ized)\b(?! by\b)/u;

function hasPersonEvidence(text: string, suffix: Token[], run: Run): boolean {
  const first = suffix[0]!;
  const last = suffix[suffix.length - 1]!;
  if (EAST_ASIAN_SURNAMES.has(first.text) && suffix.length <= 3 && suffix[1] && /-\p{Ll}/u.test(suffix[1].text))
    return true;
  if (titleBefore(text, first.start)) return true;
  const apposition = appositiveAfter(text, last.end);
  if (apposition?.role) return true;
  if (SPEECH_AFTER.test(text.slice(last.end, last.end + 120))) return true;
  // "Maria de la Cruz", "Jan van der Berg": a lowercase particle between capitalized name words is a person's name.
  if (
    suffix.length >= 3 &&
    suffix.slice(1, -1).some((t) => NAME_PARTICLES.has(t.text)) &&
    nameWords(suffix).length >= 2
  )
    return true;
  // "Ada Lindqvist apologised to …", "Tomas Okafor defended …": two name words as the subject of a past-tense verb.
  if (suffix.length >= 2 && PAST_TENSE_AFTER.test(text.slice(last.end, last.end + 40))) return true;
  if (SPEECH_BEFORE.test(text.slice(Math.max(0, first.start - 14), first.start))) return true;
  if (roleBeforeComma(text, first.start, last.end)) return true;
  return run.possessive && /^['’]s (?:earlier |recent )?(?:comment|remark|statement)/.test(text.slice(last.end));
}

function emptyPerson(name: string, staffRole: string | null = null): PersonEntity {
  return {
    slug: slugify(name),
    name,
    surname: name,
    titles: [],
    appositives: [],
    roleWords: new Set(),
    aliases: new Set(),
    organizations: new Set(),
    staffRole,
  };
}

const ROLE_STOP = new Set(['the', 'a', 'an', 'of', 'for', 'at', 'from', 'in', 'and', 'to']);
function addRoleWords(person: PersonEntity, phrase: string, exclude: Span[] = [], base = 0) {
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

/**
 * Finds people and organizations in an article and resolves every mention of a person: full names
 * directly; surnames, titles ("the unification minister", "U.S. envoy Kim") and pronouns by the
 * nearest salient mention that fits the title.
 */
export function analyzeArticle(article: CleanArticle): ArticleAnalysis {
  const units: Unit[] = [
    ...article.paragraphs.map((text, i) => makeUnit('BODY', i + 1, text)),
    ...article.captions.map((c, i) => makeUnit('CAPTION', i + 1, c.text)),
  ];
  const persons = new Map<string, PersonEntity>();
  const organizations = new Map<string, OrganizationEntity>();
  const runsByUnit = new Map<Unit, Run[]>();
  const orgsByUnit = new Map<Unit, ReturnType<typeof organizationSpans>>();

  const addOrganization = (name: string, kind: OrganizationEntity['kind']) => {
    const slug = slugify(name);
    if (!slug) return null;
    if (!organizations.has(slug)) organizations.set(slug, { slug, name, kind, aliases: new Set() });
    return slug;
  };

  // 1. People introduced with a full name and some evidence that it is a person.
  const fullNames = new Map<string, Token[]>();
  for (const unit of units) {
    const runs = capitalizedRuns(unit.text);
    runsByUnit.set(unit, runs);
    orgsByUnit.set(unit, organizationSpans(unit.text, runs));
  }
  // An organization named once before a role ("Kelpway co-founder … Mira Cruz") is one wherever
  // the article names it ("Kelpway said"), unless that word is some person's name there.
  const byRole = new Map<string, OrgSpan>();
  for (const orgs of orgsByUnit.values()) for (const o of orgs) if (o.byRole) byRole.set(o.name, o);
  if (byRole.size) {
    for (const unit of units) {
      const orgs = orgsByUnit.get(unit)!;
      for (const run of runsByUnit.get(unit)!) {
        const tokens = run.tokens.filter((t) => !SENTENCE_STARTERS.has(t.text));
        if (!tokens.length) continue;
        const name = unit.text.slice(tokens[0]!.start, run.end);
        const known = byRole.get(name);
        if (!known || orgs.some((o) => o.start < run.end && tokens[0]!.start < o.end)) continue;
        orgs.push({ start: tokens[0]!.start, end: run.end, name, kind: known.kind, byRole: true });
      }
      orgs.sort((a, b) => a.start - b.start);
    }
  }
  for (const unit of units) {
    const runs = runsByUnit.get(unit)!;
    const orgs = orgsByUnit.get(unit)!;
    for (const run of runs) {
      const suffix = nameSuffix(run);
      const words = nameWords(suffix);
      // Two to four name words; particles do not count ("Mohammed bin Abdulrahman Al Thani").
      if (words.length < 2 || words.length > 4) continue;
      if (orgs.some((o) => suffix[0]!.start >= o.start && suffix[0]!.start < o.end)) continue;
      const key = nameKey(suffix.map((t) => t.text));
      if (!fullNames.has(key) && hasPersonEvidence(unit.text, suffix, run)) fullNames.set(key, suffix);
    }
  }
  // Upper-case header lines name a speaker ("ADA LINDQVIST, FINANCE MINISTER"): a person, written as a name.
  const headerNames = new Map<Unit, { key: string; role: string | null }>();
  const bodyUnits = units.filter((u) => u.source === 'BODY');
  bodyUnits.forEach((unit, i) => {
    const header = headerSpeaker(unit.text, bodyUnits[i + 1]?.text);
    if (!header) return;
    const tokens: Token[] = header.name.split(' ').map((text) => ({ text, start: 0, end: 0 }));
    const key = nameKey(tokens.map((t) => t.text));
    if (!fullNames.has(key)) fullNames.set(key, tokens);
    headerNames.set(unit, { key, role: header.role });
  });
  // Spelling variants of a name already seen ("Sirojiddin"/"Siorjiddin") are that person.
  const variants = new Map<string, string>();
  const seen: [string, string[]][] = [];
  for (const [key, tokens] of fullNames) {
    const words = nameWords(tokens).map((t) => t.text);
    const same = seen.find(([, w]) => isSpellingVariant(w, words));
    if (same) variants.set(key, same[0]);
    else seen.push([key, words]);
  }
  for (const key of variants.keys()) fullNames.delete(key);
  // "Okafor adviser Jan Berg": a one-word "organization" that is a word of a person's name is that person.
  const nameWordSet = new Set([...fullNames.values()].flatMap((tokens) => tokens.map((t) => t.text)));
  for (const [unit, orgs] of orgsByUnit)
    orgsByUnit.set(
      unit,
      orgs.filter((o) => !(o.byRole && nameWordSet.has(o.name))),
    );
  for (const orgs of orgsByUnit.values()) for (const o of orgs) addOrganization(o.name, o.kind);
  // Bylines and photo credits name staff.
  const staff: { name: string; role: string; org: string | null }[] = [];
  if (article.byline) {
    for (const name of article.byline.split(/\s*(?:,|\band\b|&)\s*/))
      if (name.split(' ').length >= 2) staff.push({ name, role: 'Reporter (byline)', org: null });
  }
  for (const c of article.captions) {
    const m = /^(?:(.+?)\s)?[Pp]hotos? by ([\p{Lu}][\p{L}'’.-]*(?:\s[\p{Lu}][\p{L}'’.-]*){1,3})$/u.exec(c.credit ?? '');
    if (m) {
      const org = m[1] ? addOrganization(m[1], 'MEDIA') : null;
      staff.push({
        name: m[2]!,
        role: m[1] ? `${m[1]} photographer (caption credit)` : 'Photographer (caption credit)',
        org,
      });
    } else if (c.credit && !/courtesy/i.test(c.credit)) {
      for (const agency of c.credit.split(/[-/]/)) if (agency.length > 1) addOrganization(agency.trim(), 'MEDIA');
    }
  }

  // Surnames: the token the article uses on its own ("Kim" for Sung Kim, "Prabowo" for Prabowo Subianto).
  const standalone = new Map<string, number>();
  for (const runs of runsByUnit.values()) {
    for (const run of runs) {
      const suffix = nameSuffix(run);
      if (nameWords(suffix).length === 1) {
        const key = nameKey(suffix.map((t) => t.text));
        standalone.set(key, (standalone.get(key) ?? 0) + 1);
      }
    }
  }
  // Other words of a name the article uses on their own: "Lula" (Luiz Inácio Lula da Silva), or the
  // given name of a family-name-first name ("Chinh" for Pham Minh Chinh) besides its family name.
  const otherNames = new Map<string, string[]>();
  for (const [, tokens] of fullNames) {
    const texts = tokens.map((t) => t.text);
    const name = texts.join(' ');
    const person = emptyPerson(name);
    const first = isParticle(texts[0]!) ? null : nameKey([texts[0]!]);
    // The surname is the last word with its particles: "von der Leyen", "De Croo", "Al Thani".
    let lastStart = texts.length - 1;
    while (lastStart > 0 && isParticle(texts[lastStart - 1]!)) lastStart--;
    const last = nameKey(texts.slice(lastStart));
    const used = (k: string | null) => (k ? (standalone.get(k) ?? 0) : 0);
    const hyphenGiven = first !== null && texts.length >= 2 && /-/.test(texts[1]!) && EAST_ASIAN_SURNAMES.has(first);
    if (hyphenGiven) person.surname = first;
    else if (used(last) > 0 && !used(first)) person.surname = last;
    else if (first && used(first) > 0 && !used(last)) person.surname = first;
    else
      person.surname =
        first && EAST_ASIAN_SURNAMES.has(first) && !EAST_ASIAN_SURNAMES.has(texts[texts.length - 1]!) ? first : last;
    person.aliases.add(person.surname);
    persons.set(person.slug, person);
    for (const t of nameWords(tokens)) {
      const k = nameKey([t.text]);
      if (k !== person.surname && used(k) > 0 && !/^(?:\p{Lu}\.)+$/u.test(k))
        otherNames.set(k, [...(otherNames.get(k) ?? []), person.slug]);
    }
  }
  for (const s of staff) {
    const slug = slugify(s.name);
    // A reporter the story itself names (quoted, meeting someone) is a person in the story.
    if (persons.has(slug)) continue;
    const person = emptyPerson(s.name, s.role);
    if (s.org) person.organizations.add(s.org);
    person.surname =
      person.name.split(' ')[
        EAST_ASIAN_SURNAMES.has(person.name.split(' ')[0]!) ? 0 : person.name.split(' ').length - 1
      ]!;
    persons.set(slug, person);
  }
  const headers = new Map<Unit, string>();
  for (const [unit, { key, role }] of headerNames) {
    const person = [...persons.values()].find((p) => !p.staffRole && nameKey(p.name.split(' ')) === key);
    if (!person) continue;
    headers.set(unit, person.slug);
    if (role) {
      if (!person.appositives.includes(role)) person.appositives.push(role[0]!.toUpperCase() + role.slice(1));
      addRoleWords(person, role);
    }
  }
  const bySurname = new Map<string, PersonEntity[]>();
  const byName = new Map<string, PersonEntity>();
  for (const p of persons.values()) {
    if (p.staffRole) continue;
    byName.set(nameKey(p.name.split(' ')), p);
    for (const [variant, canonical] of variants)
      if (canonical === nameKey(p.name.split(' '))) {
        byName.set(variant, p);
        p.aliases.add(variant);
      }
    bySurname.set(p.surname, [...(bySurname.get(p.surname) ?? []), p]);
  }
  // A second short name only when it is nobody else's: "Lula" yes, a "Wang" two people share no.
  for (const [k, slugs] of otherNames) {
    if (slugs.length !== 1 || bySurname.has(k)) continue;
    const p = persons.get(slugs[0]!)!;
    bySurname.set(k, [p]);
    p.aliases.add(k);
  }

  // 2. People named by a title and one name only ("President Biden") when the article never gives more.
  for (const unit of units) {
    for (const run of runsByUnit.get(unit)!) {
      const suffix = nameSuffix(run);
      if (nameWords(suffix).length !== 1) continue;
      const word = nameKey(suffix.map((t) => t.text));
      if (bySurname.has(word) || byName.has(word)) continue;
      const title = titleBefore(unit.text, suffix[0]!.start);
      // The title's head must sit right before the name: "Professor Park", "President Biden".
      if (!title || !TITLE_WORDS.has(title.title.split(' ').pop()!.toLowerCase())) continue;
      const person = emptyPerson(suffix.map((t) => t.text).join(' '));
      // One name is not an identity: "Professor Park" and "President Park" must not share a slug.
      person.slug = slugify(`${word} ${title.title.split(' ').pop()}`);
      person.aliases.add(`${title.title} ${word}`);
      persons.set(person.slug, person);
      byName.set(word, person);
      bySurname.set(word, [person]);
    }
  }

  // 3. Mentions, unit by unit.
  const mentions = new Map<Unit, Mention[]>();
  for (const unit of units) {
    const list: Mention[] = [];
    const orgs = orgsByUnit.get(unit)!;
    const push = (m: Omit<Mention, 'unit' | 'inQuote' | 'salient' | 'sentence' | 'person' | 'confidence'>) => {
      if (list.some((x) => m.start < x.end && x.start < m.end && x.kind !== 'ORG')) return;
      const inQuote = insideAny(m.nameStart, unit.quotes);
      const sentence = unit.sentences.findIndex((s) => m.nameStart >= s.start && m.nameStart < s.end);
      list.push({ ...m, unit, inQuote, salient: !inQuote, sentence, person: null, confidence: 0 });
    };
    for (const run of runsByUnit.get(unit)!) {
      const suffix = nameSuffix(run);
      if (suffix.length === 0) continue;
      if (orgs.some((o) => suffix[0]!.start >= o.start && suffix[0]!.start < o.end)) continue;
      const name = suffix.map((t) => t.text).join(' ');
      const key = nameKey(suffix.map((t) => t.text));
      const exact = byName.get(key);
      const candidates = exact
        ? [exact.slug]
        : nameWords(suffix).length === 1
          ? (bySurname.get(key) ?? []).map((p) => p.slug)
          : [];
      if (candidates.length === 0) continue;
      const nameStart = suffix[0]!.start;
      const title = titleBefore(unit.text, nameStart);
      push({
        kind: 'PERSON',
        start: title?.start ?? nameStart,
        end: run.end,
        nameStart,
        surface: name,
        title: title?.title ?? null,
        candidates,
        orgSlug: null,
        possessive: run.possessive,
      });
    }
    for (const o of orgs)
      push({
        kind: 'ORG',
        start: o.start,
        end: o.end,
        nameStart: o.start,
        surface: o.name,
        title: null,
        candidates: [],
        orgSlug: slugify(o.name),
        possessive: false,
      });
    for (const run of runsByUnit.get(unit)!) {
      if (run.tokens.every((t) => t.place || NATIONALITIES.has(t.text)) && run.tokens.some((t) => t.place)) {
        push({
          kind: 'PLACE',
          start: run.start,
          end: run.end,
          nameStart: run.start,
          surface: unit.text.slice(run.start, run.end),
          title: null,
          candidates: [],
          orgSlug: null,
          possessive: run.possessive,
        });
      }
    }
    // "the unification minister", "the lawmaker", "the U.S. special envoy"
    // A lookahead, so "the meeting with the unification minister" still tries "the unification minister".
    for (const m of unit.text.matchAll(/\b[Tt]he (?=((?:[\p{L}.'’-]+ ){0,3}[\p{L}.'’-]+))/gu)) {
      const all = m[1]!.split(' ');
      // The longest prefix that is a title phrase ending in a head word: "the finance minister (was …)".
      let words: string[] | null = null;
      for (let k = all.length; k >= 1 && !words; k--) {
        const candidate = all.slice(0, k).map((w, i) => (i === k - 1 ? w.replace(/['’]s$/, '') : w));
        const head = candidate[k - 1]!.toLowerCase();
        if (
          TITLE_WORDS.has(head) &&
          candidate
            .slice(0, -1)
            .every(
              (w) => /^\p{Lu}/u.test(w) || TITLE_MODIFIERS.has(w.toLowerCase()) || TITLE_WORDS.has(w.toLowerCase()),
            )
        )
          words = candidate;
      }
      if (!words) continue;
      const start = m.index;
      const end = start + 4 + words.join(' ').length;
      const after = unit.text.slice(end);
      if (/^ \p{Lu}\p{Ll}/u.test(after)) continue; // a title before a name, not a reference
      push({
        kind: 'ROLE',
        start,
        end,
        nameStart: start,
        surface: unit.text.slice(start, end),
        title: words.join(' '),
        candidates: [],
        orgSlug: null,
        possessive: /^['’]s/.test(after),
      });
    }
    // "Valdoria's trade minister said": a possessor and a lowercase role stand for whoever later carries that title.
    for (const m of unit.text.matchAll(/(?<=\p{Lu}[\p{L}.-]*['’]s )((?:[\p{Ll}-]+ ){0,3}[\p{Ll}-]+)/gu)) {
      const all = m[1]!.split(' ');
      let words: string[] | null = null;
      for (let k = all.length; k >= 1 && !words; k--) {
        const candidate = all.slice(0, k);
        if (
          TITLE_WORDS.has(candidate[k - 1]!) &&
          candidate.slice(0, -1).every((w) => TITLE_MODIFIERS.has(w) || TITLE_WORDS.has(w))
        )
          words = candidate;
      }
      if (!words) continue;
      const start = m.index;
      const end = start + words.join(' ').length;
      // A role before a name ("Acme's chief executive, Tom Berg," / "… trade minister Ana Diaz") is that name's.
      if (/^,? \p{Lu}\p{Ll}/u.test(unit.text.slice(end))) continue;
      // Only a country's or a place's office ("Valdoria's trade minister") is one person; a company
      // or a ministry has many spokesmen and directors.
      if (!list.some((x) => x.kind === 'PLACE' && x.end + 3 === start)) continue;
      push({
        kind: 'ROLE',
        start,
        end,
        nameStart: start,
        surface: unit.text.slice(start, end),
        title: words.join(' '),
        candidates: [],
        orgSlug: null,
        possessive: /^['’]s/.test(unit.text.slice(end)),
      });
    }
    for (const m of unit.text.matchAll(/\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im)\b/g)) {
      push({
        kind: 'PRONOUN',
        start: m.index,
        end: m.index + m[0].length,
        nameStart: m.index,
        surface: m[0],
        title: null,
        candidates: [],
        orgSlug: null,
        possessive: /^(?:his|her)$/i.test(m[0]),
      });
    }
    for (const m of unit.text.matchAll(/\b(?:[Tt]he |[Ss]ome |[Mm]any |[Oo]ther )?(?:\p{Ll}+ ){0,2}?(\p{Ll}+)\b/gu)) {
      if (!GENERIC_SUBJECTS.has(m[1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      push({
        kind: 'GENERIC',
        start,
        end: start + m[1]!.length,
        nameStart: start,
        surface: m[1]!,
        title: null,
        candidates: [],
        orgSlug: null,
        possessive: false,
      });
    }
    list.sort((a, b) => a.start - b.start);
    // Mentions inside another's appositive describe it; they are not who the sentence is about.
    for (const m of list) {
      if (m.kind !== 'PERSON' && m.kind !== 'ORG') continue;
      const app = appositiveAfter(unit.text, m.end + (m.possessive ? 2 : 0));
      if (!app) continue;
      for (const inner of list) if (inner !== m && inner.start > m.end && inner.start < app.end) inner.salient = false;
    }
    // "Dr. Pieter van der Meer of Wageningen University said": the organization describes the person.
    for (const m of list) {
      if (m.kind !== 'PERSON') continue;
      const of = /^ (?:of|at|from) (?:the )?/.exec(unit.text.slice(m.end));
      const org = of && list.find((o) => o.kind === 'ORG' && o.start === m.end + of[0].length);
      if (org) org.salient = false;
    }
    mentions.set(unit, list);
  }

  // 4. Titles and roles, for role-based resolution and for the stored role.
  for (const unit of units) {
    const list = mentions.get(unit)!;
    for (const m of list) {
      if (m.kind !== 'PERSON' || m.candidates.length !== 1) continue;
      const person = persons.get(m.candidates[0]!)!;
      if (m.title) {
        if (!person.titles.includes(m.title)) person.titles.push(m.title);
        addRoleWords(person, m.title);
      }
      // "Acme's chief executive, Tom Berg, said": the role before the comma is this person's.
      const before = m.inQuote ? null : roleBeforeComma(unit.text, m.nameStart, m.end);
      if (before) {
        if (!person.appositives.includes(before.role)) person.appositives.push(before.role);
        addRoleWords(person, before.role);
        const owner =
          before.ownerEnd === null
            ? undefined
            : list.find((o) => o.kind === 'ORG' && o.end === before.ownerEnd && o.orgSlug);
        if (owner) person.organizations.add(owner.orgSlug!);
      }
      const app = appositiveAfter(unit.text, m.end + (m.possessive ? 2 : 0));
      if (app?.role && !m.inQuote) {
        if (!person.appositives.includes(app.role)) person.appositives.push(app.role);
        // Words of a nested name's title ("sister of North Korean leader Kim Jong-un") are not this person's.
        let role = unit.text.slice(m.end, app.end);
        for (const x of list) {
          if (x === m || x.kind !== 'PERSON' || x.start < m.end || x.start >= app.end) continue;
          role = role.slice(0, x.start - m.end) + ' '.repeat(x.end - x.start) + role.slice(x.end - m.end);
        }
        addRoleWords(person, role.split(/\s+who\s+/)[0]!);
        for (const o of list)
          if (o.kind === 'ORG' && o.start > m.end && o.start < app.end && o.orgSlug)
            person.organizations.add(o.orgSlug);
      }
    }
  }
  for (const person of persons.values()) {
    for (const t of person.titles)
      if (t.split(' ').length > 0)
        person.aliases.add(`${t} ${person.surname === person.name ? person.name : person.name}`);
  }
  for (const unit of units) {
    for (const m of mentions.get(unit)!) {
      if (m.kind !== 'ROLE') continue;
      const words = m
        .title!.split(/\s+/)
        .map(lowerWord)
        .filter((w) => !ROLE_STOP.has(w));
      m.candidates = [...persons.values()]
        .filter((p) => !p.staffRole && words.every((w) => p.roleWords.has(w)))
        .map((p) => p.slug);
      if (m.candidates.length === 0) m.kind = 'GENERIC';
    }
  }

  // 5. Resolution in reading order; each caption is read on its own.
  const analysis: ArticleAnalysis = { article, units, persons, organizations, mentions, headers };
  const body = units.filter((u) => u.source === 'BODY');
  resolveSequence(analysis, body);
  for (const caption of units.filter((u) => u.source === 'CAPTION')) resolveSequence(analysis, [caption]);

  for (const unit of units) {
    for (const m of mentions.get(unit)!) {
      if (!m.person || m.inQuote) continue;
      const person = persons.get(m.person)!;
      if (m.kind === 'PERSON' && m.surface !== person.name)
        person.aliases.add(m.title ? `${m.title} ${m.surface}` : m.surface);
      if (m.kind === 'ROLE' && m.salient) person.aliases.add(m.surface.replace(/^The /, 'the ').replace(/['’]s$/, ''));
    }
  }
  return analysis;
}

function makeUnit(source: Unit['source'], index: number, text: string): Unit {
  const quotes = findQuotedSpans(text);
  return { source, index, text, quotes, masked: maskQuotes(text, quotes), sentences: sentenceSpans(text, quotes) };
}

interface HistoryEntry {
  person: string;
  salient: boolean;
  order: number;
}

/** True when the mention's title fits what we know of the person ("U.S. envoy" fits Sung Kim's titles). */
function titleFits(person: PersonEntity, title: string): boolean {
  const words = title
    .split(/\s+/)
    .map(lowerWord)
    .filter((w) => !ROLE_STOP.has(w));
  const content = words.filter((w) => !NATIONALITIES.has(w[0]!.toUpperCase() + w.slice(1)) && w !== 'u.s');
  return content.length > 0 && content.every((w) => person.roleWords.has(w));
}

function resolveSequence(analysis: ArticleAnalysis, units: Unit[]) {
  const history: HistoryEntry[] = [];
  let order = 0;
  let previousSentence: Mention[] = [];
  for (const unit of units) {
    const list = analysis.mentions.get(unit)!;
    for (let s = 0; s < unit.sentences.length; s++) {
      const inSentence = list.filter((m) => m.sentence === s);
      // Names first, so a pronoun can point forward ("During his meeting with …, U.S. envoy Kim said").
      const seen: HistoryEntry[] = [];
      for (const m of inSentence) {
        if (m.kind !== 'PERSON' && m.kind !== 'ROLE') continue;
        resolveNamed(analysis, m, [...history, ...seen]);
        if (m.person) seen.push({ person: m.person, salient: m.salient, order: order + m.start / 1e6 });
      }
      for (const m of inSentence)
        if (m.kind === 'PRONOUN' && !m.inQuote) resolvePronoun(m, inSentence, previousSentence, unit, history, order);
      for (const m of inSentence)
        if (m.person) history.push({ person: m.person, salient: m.salient, order: order + m.start / 1e6 });
      order++;
      previousSentence = inSentence;
    }
  }
}

function resolveNamed(analysis: ArticleAnalysis, m: Mention, history: HistoryEntry[]) {
  if (m.candidates.length === 1) {
    m.person = m.candidates[0]!;
    m.confidence = m.kind === 'ROLE' ? 0.85 : 0.95;
    return;
  }
  let candidates = m.candidates;
  if (m.title) {
    const fitting = candidates.filter((c) => titleFits(analysis.persons.get(c)!, m.title!));
    if (fitting.length === 1) {
      m.person = fitting[0]!;
      m.confidence = 0.9;
      return;
    }
    if (fitting.length > 1) candidates = fitting;
  }
  // The nearest salient mention decides; mentions inside quotes or appositives only when nothing else does.
  const recent = (salientOnly: boolean) => {
    for (let i = history.length - 1; i >= 0; i--) {
      const h = history[i]!;
      if ((!salientOnly || h.salient) && candidates.includes(h.person)) return h.person;
    }
    return null;
  };
  const chosen = recent(true) ?? recent(false);
  m.person = chosen ?? candidates[0]!;
  m.confidence = chosen ? 0.75 : 0.5;
}

const INTRO = /^(?:After|Before|During|While|When|Following|Upon|On|In|At|Earlier|Later)\b/;

function resolvePronoun(
  m: Mention,
  sentence: Mention[],
  previous: Mention[],
  unit: Unit,
  history: HistoryEntry[] = [],
  order = 0,
) {
  const isPersonish = (x: Mention) =>
    (x.kind === 'PERSON' || x.kind === 'ROLE' || x.kind === 'PRONOUN') &&
    x.salient &&
    !x.inQuote &&
    x.person &&
    x !== m;
  const sentenceStart = unit.sentences[m.sentence]?.start ?? 0;
  const intro = unit.text.slice(sentenceStart, m.start);
  // A pronoun in an opening clause refers forward to the main clause's subject.
  if (INTRO.test(intro) && !intro.includes(',')) {
    const comma = unit.masked.indexOf(',', m.end);
    const subject = sentence.find((x) => x.start > comma && comma !== -1 && isPersonish(x));
    if (subject) {
      m.person = subject.person;
      m.confidence = 0.8;
      return;
    }
  }
  const before = sentence.find((x) => x.start < m.start && isPersonish(x) && !x.possessive);
  const antecedent =
    before ?? previous.find((x) => isPersonish(x) && !x.possessive) ?? previous.find((x) => isPersonish(x));
  if (antecedent) {
    m.person = antecedent.person;
    m.confidence = 0.7;
    return;
  }
  // The previous sentence names no one (it is all quote: `"…," he said. "…"` / `"…," he added.`):
  // the last person named in the two sentences before it.
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.order < order - 3) break;
    if (h.salient) {
      m.person = h.person;
      m.confidence = 0.6;
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers for the quote and meeting extractors

export function sentenceOf(unit: Unit, pos: number): { index: number; span: Span } {
  const index = Math.max(
    0,
    unit.sentences.findIndex((s) => pos >= s.start && pos < s.end),
  );
  return { index, span: unit.sentences[index] ?? { start: 0, end: unit.text.length } };
}

/** Where the clause holding `pos` starts: after an opening phrase, "that", ", who" or ", where". */
export function clauseStart(unit: Unit, pos: number): number {
  const { span } = sentenceOf(unit, pos);
  const before = unit.masked.slice(span.start, pos);
  let start = span.start;
  const intro = INTRO.exec(before) ? before.indexOf(', ') : -1;
  if (intro !== -1) start = span.start + intro + 2;
  for (const m of before.matchAll(/(?:\bthat |, who |, where |; )/g))
    start = Math.max(start, span.start + m.index + m[0].length);
  return start;
}

export const isSpeechVerb = (word: string) => SPEECH_VERBS.has(word.toLowerCase());
