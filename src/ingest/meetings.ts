import type { SeedFile } from '../model/articleGraph.js';
import type { DateMention, DatePrecision } from './dates.js';
import { type Sieve, siftAll } from './sieve.js';
import { clauseStart, type ArticleAnalysis, type Mention, type Unit } from './entities.js';
import { MONTHS, NUMBER_WORDS, TITLE_WORDS } from './lexicon.js';
import {
  ATTENDANCE_PHRASES,
  CALL_PHRASES,
  CANCEL_WORDS,
  COUNTRY_ADJECTIVES,
  DELEGATION_NOUNS,
  DISCUSS_VERBS,
  GROUP_OBJECTS,
  LEAD_VERBS,
  MEETING_NOUNS,
  PASSIVE_RECEIVE_VERBS,
  PLAN_WORDS,
  RECEIVE_VERBS,
  TITLE_ABBREVIATIONS,
  WELCOME_NOUNS,
  WELCOME_VERBS,
} from './meeting-words.js';

type MeetingKind = 'MEETING' | 'TALKS' | 'SUMMIT' | 'CALL';
type MeetingStatus = 'HAPPENED' | 'PLANNED';

interface MeetingRecord {
  participants: string[];
  status: MeetingStatus;
  /** The sieve of the first claim, and the strongest sieve's strength among the claims. */
  sieve: string;
  confidence: number;
  /** "with Suh and Lee": one meeting of three, unless the article reports the pairs on their own. */
  group: { subjects: string[]; objects: string[] } | null;
  date: string | null;
  precision: DatePrecision;
  location: string | null;
  kind: MeetingKind;
  claims: Claim[];
  /** Set for "three summits": each of the three is its own meeting and never merges. */
  series: number | null;
}

interface Claim {
  source: 'BODY' | 'CAPTION';
  index: number;
  statement: string;
  /** This statement puts the meeting BEFORE or AFTER another one ("After meeting with Moon, Kim had talks with Suh"). */
  relation?: 'BEFORE' | 'AFTER';
  relativeTo?: MeetingRecord;
}

/** Opening phrases that order the main clause's meeting after (or before) the one they name. */
const ORDER_INTRO = /^\s*(After|Following|Upon|Before|Ahead of|Prior to)\b/;
/** Phrases that order a meeting against the one the same paragraph or caption named before it. */
const EARLIER = /\bearlier (?:in the day|that day|the same day|that morning)\b/i;
const LATER = /\b(?:later (?:in the day|that day|the same day)|afterwards|after that)\b/i;

/** Sets the ordering on this record's claim for `unit` (the first statement wins). */
function order(record: MeetingRecord, unit: Unit, relation: 'BEFORE' | 'AFTER', other: MeetingRecord) {
  if (record === other) return;
  const claim = record.claims.find((c) => c.source === unit.source && c.index === unit.index);
  if (claim && !claim.relation) {
    claim.relation = relation;
    claim.relativeTo = other;
  }
}

/**
 * A meeting sieve (the shared Sieve of src/ingest/sieve.ts): one way news reports a meeting, tried
 * in order on every sentence. `apply` returns the phrases it recognises (null for none); an earlier
 * sieve's phrase wins over a later one's where they overlap. `strength` is the confidence stored with
 * what it finds.
 */
export type MeetingSieve = Sieve<SentenceScope, Trigger[]>;

/** What a sieve sees: the sentence, its unit's mentions, and the article. */
export interface SentenceScope {
  analysis: ArticleAnalysis;
  unit: Unit;
  mentions: Mention[];
  sentence: { start: number; end: number };
  /** The sentence's masked text (quotes blanked), and where it starts in the unit. */
  text: string;
  from: number;
}

export interface Trigger {
  /** Where the phrase starts and ends ("met with", "had talks with", "summits between"). */
  start: number;
  end: number;
  kind: MeetingKind;
  form: 'VERB' | 'NOUN' | 'BETWEEN' | 'THEIR' | 'RESOLVED';
  count: number;
  /** Set by the sieve that produced it (findTriggers fills these in). */
  sieve?: string;
  strength?: number;
  /** The people, when the sieve resolved them itself (form RESOLVED): one list per meeting. */
  sides?: string[][];
}

const NOUN_KIND = (noun: string): MeetingKind =>
  /^summit/.test(noun)
    ? 'SUMMIT'
    : /^(?:talks|discussions|consultations|negotiations|parleys)/.test(noun)
      ? 'TALKS'
      : 'MEETING';
const alt = (list: string[]) =>
  list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
const NOUNS = alt(MEETING_NOUNS);
const FUTURE_BEFORE = new RegExp(
  `\\b(?:${alt(PLAN_WORDS.filter((w) => !/^(?:next|future|upcoming|possible|potential|prospective|proposed|planned|invited|invitation)$/.test(w)))}|to|may|might|could)\\s+(?:\\p{Ll}+\\s+)?$`,
  'u',
);
const INTRO = /^\s*(?:After|Before|During|While|When|Following|Upon|Ahead of|Prior to)\b/;
/** A plan further back in the clause: "is due to travel to Washington later this week for talks with". */
const FUTURE_CLAUSE =
  /\b(?:will|shall|(?:is|are|was|were)\s+(?:due|expected|set|scheduled|slated|poised|planning|going)\s+to|plans?\s+to|intends?\s+to|hop(?:e|es|ed)\s+to|agreed\s+to)\s[^,;]*$/u;
/** A plan named by the noun itself: "a planned summit with", "their next meeting". */
const PLANNED_NOUN =
  /\b(?:next|future|upcoming|possible|potential|prospective|proposed|planned|expected|first-ever planned)\s+(?:[\p{Ll}-]+\s+){0,2}$/u;
const CANCELLED = new RegExp(`\\b(?:${alt(CANCEL_WORDS)})\\b[^,;]*$`, 'u');
const CALL = new RegExp(`\\b(?:${alt(CALL_PHRASES)})\\b`, 'i');
const GROUP = new RegExp(
  `^\\s*(?:(?:a|an|the|his|her|their)\\s+)?(?:[\\p{L}-]+\\s+){0,3}?(?:${alt(GROUP_OBJECTS)})\\b`,
  'u',
);

/** Meeting phrases in one sentence: every sieve in order, an earlier sieve's phrase winning overlaps. */
function findTriggers(scope: SentenceScope): Trigger[] {
  const found: Trigger[] = [];
  for (const { sieve, strength, found: phrases } of siftAll(MEETING_SIEVES, scope)) {
    for (const t of phrases) {
      if (found.some((f) => t.start < f.end && f.start < t.end)) continue;
      found.push({ ...t, sieve, strength });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A planned, proposed or cancelled meeting: the words before the phrase say so. */
function isPlanned(masked: string, from: number, t: Trigger): boolean {
  const before = masked.slice(Math.max(from, t.start - 30), t.start);
  const clause = masked.slice(from, t.start);
  return (
    FUTURE_BEFORE.test(before) ||
    FUTURE_CLAUSE.test(clause) ||
    (t.form !== 'VERB' && t.form !== 'RESOLVED' && PLANNED_NOUN.test(before)) ||
    CANCELLED.test(masked.slice(Math.max(from, t.start - 60), t.start))
  );
}

// "three summits", "two video summits": a number word among the three words before a plural noun.
const countOf = (before: string, noun: string) => {
  if (!/s$/.test(noun) || /^(?:talks|discussions|consultations|negotiations)$/.test(noun)) return 1;
  const words = /((?:[\p{L}-]+\s+){0,3})$/u.exec(before)?.[1] ?? '';
  return (
    words
      .split(/\s+/)
      .map((w) => NUMBER_WORDS[w.toLowerCase()])
      .find((n) => n !== undefined) ?? 1
  );
};

const nonEmpty = <T>(list: T[]): T[] | null => (list.length ? list : null);

/** A sieve from one pattern: each match is one phrase of the given form. */
function patternSieve(
  id: string,
  strength: number,
  pattern: RegExp,
  make: (m: RegExpMatchArray, s: SentenceScope) => Omit<Trigger, 'start' | 'end'> & { start?: number; end?: number },
): MeetingSieve {
  return {
    id,
    strength,
    apply: (s) =>
      nonEmpty(
        [...s.text.matchAll(pattern)].map((m) => {
          const t = make(m, s);
          return { start: s.from + m.index!, end: s.from + m.index! + m[0].length, ...t };
        }),
      ),
  };
}

/**
 * The meeting sieves, strongest and most specific first. To add one: write its pattern here (words
 * in src/ingest/lexicon/meetings.ts), give it an id and a strength, and add a test sentence of our
 * own to test/ingest/meeting-sieves.test.ts.
 */
export const MEETING_SIEVES: MeetingSieve[] = [
  // "summit between", and with a time or place in between: "a meeting last week in Paris between".
  patternSieve(
    'between',
    0.9,
    /\b(meetings?|talks|summits?)(?:\s+(?!between\b|meetings?\b|talks\b|summits?\b)(?:[\p{Ll}\d-]+|\p{Lu}[\p{L}-]+)){0,5}?\s+between\b/gu,
    (m, s) => ({ kind: NOUN_KIND(m[1]!), form: 'BETWEEN', count: countOf(s.text.slice(0, m.index), m[1]!) }),
  ),
  // "paid a courtesy call on the governor": in person, whatever "call" suggests.
  patternSieve(
    'courtesy-call',
    0.85,
    /\b(?:paid|pays|paying)\s+(?:a\s+)?courtesy\s+(?:call|visit)\s+(?:on|to)\b/g,
    () => ({ kind: 'MEETING', form: 'VERB', count: 1 }),
  ),
  // "spoke by phone with", "had a phone call with", "in a video call with": a CALL, not a meeting.
  patternSieve(
    'call',
    0.8,
    /\b(?:(?:spoke|speaks|talked|talks|conferred)\s+(?:by|over\s+the|on\s+the)\s+(?:tele)?(?:phone|video(?:\s+link)?)\s+(?:with|to)|(?:held|had|hold|holds|made)\s+(?:a\s+)?(?:[\p{Ll}-]+\s+){0,2}?(?:tele)?(?:phone|video)\s+(?:call|conversation|talks|summit)\s+with|(?:phone|telephone|video)\s+(?:call|conversation)\s+with|(?:phoned|telephoned))\b/gu,
    () => ({ kind: 'CALL', form: 'VERB', count: 1 }),
  ),
  // "before their meeting at P".
  patternSieve(
    'their-meeting',
    0.75,
    /\b(?:before|after|during|ahead of|prior to|at|in|for)\s+their\s+(?:[\p{Ll}-]+\s+){0,3}?(meeting|talks|summit)\b/gu,
    (m) => ({ kind: NOUN_KIND(m[1]!), form: 'THEIR', count: 1 }),
  ),
  // "held talks with", "had a meeting in Doha with", "held long discussions on trade with".
  patternSieve(
    'held-talks-with',
    0.9,
    new RegExp(
      `\\b(?:held|had|hold|holds|holding|having|has|have|hosted|hosts|host|hosting)\\s+((?:[\\p{Ll}-]+\\s+){0,3}?)(${NOUNS})(?:\\s+(?:at|in|on|late|early|last|this|earlier|later|\\p{Lu}[\\p{L}-]*day)\\b[^,;:.]{0,60}?)?\\s+with\\b`,
      'gu',
    ),
    (m) => ({ kind: NOUN_KIND(m[2]!), form: 'VERB', count: countOf(`${m[1]}`, m[2]!) }),
  ),
  // "Daggett and Su held talks": no "with", so the people are all in the subject.
  patternSieve(
    'held-talks',
    0.75,
    /\b(?:held|had|hold|holds|holding)\s+(?:a\s+|an\s+)?((?:[\p{Ll}-]+\s+){0,2}?)(talks|meetings?|summits?)\b(?!\s+(?:with|between)\b)/gu,
    (m) => ({ kind: NOUN_KIND(m[2]!), form: 'VERB', count: countOf(`${m[1]}`, m[2]!) }),
  ),
  patternSieve(
    'met',
    0.9,
    /\b(?:met|meets|meet)(?:\s+with)?\b|\b(?:shakes|shook|shaking) hands with\b|\b(?:sat|sits) down with\b/g,
    () => ({ kind: 'MEETING', form: 'VERB', count: 1 }),
  ),
  // "Rao was welcomed at the airport by Vice-President Ilo": the agent after "by" is the host.
  patternSieve(
    'welcomed-by',
    0.8,
    new RegExp(
      `\\b(?:was|were|is|are|been|being)\\s+(?:warmly\\s+|personally\\s+|formally\\s+)?(?:${alt(PASSIVE_RECEIVE_VERBS)})\\b(?:\\s+(?!by\\b)[^,;:.]{0,80}?)?\\s+by\\b`,
      'gu',
    ),
    () => ({ kind: 'MEETING', form: 'VERB', count: 1 }),
  ),
  // "Ilo received Rao", "hosted the envoy", "welcomed her counterpart".
  patternSieve('received', 0.75, new RegExp(`\\b(?:${alt(RECEIVE_VERBS)})\\b`, 'g'), () => ({
    kind: 'MEETING',
    form: 'VERB',
    count: 1,
  })),
  // "accorded the visiting premier a warm welcome".
  {
    id: 'accorded-welcome',
    strength: 0.75,
    apply: (s) => {
      const out: Trigger[] = [];
      const re = new RegExp(
        `\\b(?:${alt(WELCOME_VERBS)})\\s+(.{2,80}?)\\s+an?\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(?:${alt(WELCOME_NOUNS)})\\b`,
        'gu',
      );
      for (const m of s.text.matchAll(re)) {
        const at = s.from + m.index! + m[0].indexOf(m[1]!, m[0].search(/\s/));
        const guest = personIn(s, at, at + m[1]!.length) ?? roleHolder(s.analysis, m[1]!);
        if (!guest) continue;
        out.push({
          start: s.from + m.index!,
          end: s.from + m.index! + m[0].length,
          kind: 'MEETING',
          form: 'RESOLVED',
          count: 1,
          sides: [[guest]],
        });
      }
      return nonEmpty(out);
    },
  },
  // "After meeting Ruiz at the ministry, Vale said": the gerund with its object, no "with".
  {
    id: 'after-meeting',
    strength: 0.85,
    apply: (s) =>
      nonEmpty(
        [
          ...s.text.matchAll(
            /\b(?:[Aa]fter|[Bb]efore|[Ff]ollowing|[Ww]hile|[Ww]hen|[Ss]ince|[Uu]pon)\s+(meeting)\s+(?=\p{Lu})/gu,
          ),
        ].map((m) => ({
          start: s.from + m.index! + m[0].indexOf('meeting'),
          end: s.from + m.index! + m[0].length - 1,
          kind: 'MEETING' as const,
          form: 'NOUN' as const,
          count: 1,
        })),
      ),
  },
  {
    id: 'meeting-with',
    strength: 0.8,
    apply: (s) =>
      nonEmpty(
        [...s.text.matchAll(/\b(meeting|talks|summit|discussions)\s+with\b/g)].map((m) => {
          const before = s.text.slice(0, m.index);
          // "Kim Yong-hyun, right, talks with …" is the verb; "his talks with", "the meeting with" are nouns.
          const verb =
            m[1] === 'talks' &&
            /(?:\p{Lu}[\p{L}-]*|,)\s+$/u.test(before) &&
            !/\b(?:the|his|her|their|its|[\p{L}]+['’]s)\s+(?:[\p{Ll}-]+\s+)?$/u.test(before);
          return {
            start: s.from + m.index!,
            end: s.from + m.index! + m[0].length,
            kind: NOUN_KIND(m[1]!),
            form: verb ? ('VERB' as const) : ('NOUN' as const),
            count: 1,
          };
        }),
      ),
  },
  // "discussed trade with X, Y and Z": weaker, talks are often by phone; a call word makes it a CALL.
  patternSieve(
    'discussed-with',
    0.6,
    new RegExp(`\\b(?:${alt(DISCUSS_VERBS)})\\b(?:\\s+(?!with\\b)[^,;:.()]{1,80}?)?\\s+with\\b`, 'g'),
    () => ({ kind: 'TALKS', form: 'VERB', count: 1 }),
  ),
];

/** The first person mentioned between `from` and `to`. */
function personIn(s: SentenceScope, from: number, to: number): string | null {
  return s.mentions.find((m) => m.start >= from && m.end <= to && personish(m))?.person ?? null;
}

const ROLE_STOP = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'of', 'visiting', 'then', 's']);
/** "the Latvian PM", "Norway's prime minister": the one person of the article whose titles say so. */
export function roleHolder(analysis: ArticleAnalysis, phrase: string, exclude: string[] = []): string | null {
  const wanted = phrase
    .replace(/['’]s\b/g, '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((w) => (TITLE_ABBREVIATIONS[w.toLowerCase()] ?? w).split(' '))
    .map((w) => COUNTRY_ADJECTIVES[w] ?? w)
    .map((w) => w.toLowerCase())
    .filter((w) => !ROLE_STOP.has(w));
  if (!wanted.some((w) => TITLE_WORDS.has(w))) return null;
  const holders = [...analysis.persons.values()].filter((p) => {
    if (exclude.includes(p.slug)) return false;
    const have = new Set(
      [...p.titles, ...p.appositives]
        .join(' ')
        .toLowerCase()
        .split(/[\s,]+/),
    );
    return wanted.every((w) => have.has(w));
  });
  return holders.length === 1 ? holders[0]!.slug : null;
}

/** "The two ministers", "both leaders", "the pair": a plural subject standing for people just named. */
const PLURAL_SUBJECT =
  /\b(?:[Tt]he\s+(two|three)\s+(?:[\p{Ll}-]+\s+)?(?:ministers|leaders|men|women|presidents|officials|envoys|diplomats|executives|sides|heads|counterparts|politicians|lawmakers|chiefs|generals|candidates)|[Bb]oth\s+(?:men|women|leaders|ministers|sides|presidents|officials)|[Tt]he\s+pair)\s+(?:[\p{Ll}-]+\s+)?$/u;

const personish = (m: Mention) =>
  (m.kind === 'PERSON' || m.kind === 'ROLE' || m.kind === 'PRONOUN') && !m.inQuote && m.person !== null;

/** "X and Y", "X, Y and Z": the people joined to `first` (a comma list must end in "and"). */
function coordinated(unit: Unit, mentions: Mention[], first: Mention): Mention[] {
  const group = [first];
  let last = first;
  let confirmed = 1;
  for (;;) {
    const joint = /^\s*(?:,\s*(?:and\s+)?|\s+and\s+)/.exec(unit.masked.slice(last.end + (last.possessive ? 2 : 0)));
    if (!joint) break;
    const next = mentions.find((m) => m.start === last.end + joint[0].length && personish(m) && !m.possessive);
    if (!next) break;
    group.push(next);
    last = next;
    if (/and\s+$/.test(joint[0])) confirmed = group.length;
  }
  return group.slice(0, confirmed);
}

const ROLE_HEAD = new RegExp(`\\b(?:${[...TITLE_WORDS].filter((w) => /^[a-z-]+$/.test(w)).join('|')})\\b`, 'i');
const DELEGATION_GAP = new RegExp(
  `^\\s*(?:(?:a|an|the|his|her|their|its)\\s+)?(?:[\\p{L}'’-]+\\s+){0,4}?(?:${DELEGATION_NOUNS.join('|')})\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(?:${LEAD_VERBS.join('|')})\\s+by\\s+(?:(?:[\\p{Ll}-]+|the)\\s+){0,3}$`,
  'u',
);

/** The people named right after a meeting phrase: "met Saito", "talks with Suh Hoon and Lee In-young". */
function objectsAfter(unit: Unit, mentions: Mention[], at: number, limit: number): Mention[] {
  // "with the head of the Port Authority, former minister Rosa Imbert": a role set off by a comma;
  // "met US special envoy on trade, Ana Ruiz,"; "a delegation headed by X" counts as X.
  const gapOk = (gap: string) =>
    /^\s*(?:(?:his|her|their|its|the|a|an)\s+)?$/.test(gap) ||
    /^\s*the\s+[^,;:.]{1,80},\s+$/.test(gap) ||
    (/^\s*(?:(?:his|her|their|its|the|a|an)\s+)?[^,;:.]{1,80},\s+$/.test(gap) && ROLE_HEAD.test(gap)) ||
    DELEGATION_GAP.test(gap);
  // "his" in "meeting with his counterpart Noh" is a determiner, not the person met.
  const first = mentions.find(
    (m) =>
      m.start >= at &&
      m.start < limit &&
      personish(m) &&
      !(m.kind === 'PRONOUN' && m.possessive) &&
      gapOk(unit.masked.slice(at, m.start)),
  );
  return first ? coordinated(unit, mentions, first) : [];
}

/** Where the people named right after a meeting phrase end ("between X and Y|"). */
function objectsEnd(unit: Unit, mentions: Mention[], at: number, limit: number): number {
  const objects = objectsAfter(unit, mentions, at, limit);
  const last = objects[objects.length - 1];
  return last ? last.end : at;
}

/** Who does the meeting: the first person of the clause (after an opening phrase), with any "and" partners. */
function subjectsOf(
  unit: Unit,
  mentions: Mention[],
  trigger: Trigger,
  sentence: { start: number; end: number },
): Mention[] {
  let start = clauseStart(unit, trigger.start);
  // "Okafor said she and Renner had a meeting": the reported clause after a speech verb has its own subject.
  for (const m of unit.masked
    .slice(start, trigger.start)
    .matchAll(/\b(?:said|says|told\s+\S+|added|noted|confirmed|recalled)\s+(?:that\s+)?/g)) {
    const after = start + m.index + m[0].length;
    if (mentions.some((x) => x.start >= after && x.end <= trigger.start && personish(x))) start = after;
  }
  const inClause = mentions.filter(
    (m) => m.start >= start && m.end <= trigger.start && m.salient && !m.inQuote && m.kind !== 'PLACE',
  );
  const first = inClause.find((m) => !m.possessive || m.kind === 'PRONOUN');
  if (first && personish(first)) return coordinated(unit, mentions, first);
  if (first) return []; // an organization or a group is meeting someone
  // "Prabowo also held talks with Premier Li Qiang, who …" has its subject before the clause.
  const before = mentions.filter(
    (m) => m.end <= trigger.start && m.start >= sentence.start && personish(m) && m.salient,
  );
  return before.length ? [before[0]!] : [];
}

/** "at the Hotel Okura in Tokyo", "in Bali, Indonesia": where, when the sentence says so. */
function locationAfter(text: string, from: number, to: number): string | null {
  const m =
    /\b(?:at|in)\s+((?:the\s+)?[\p{L}'’&-]+(?:\s[\p{L}'’&-]+){0,8}?)(?=\s+(?:on|for|to|during|before|after|with|between|that|when|where|and|according|by|last|earlier|later|this|next|which|who|as)\b|[,.;]|\s*$)/u.exec(
      text.slice(from, to),
    );
  if (!m) return null;
  let place = m[1]!.trim();
  const first = place.replace(/^the\s+/, '').split(/\s+/)[0]!;
  if (!/^\p{Lu}/u.test(first) && !/['’]s\b/.test(place)) return null;
  if (
    MONTHS.includes(first.toLowerCase()) ||
    /^\d/.test(first) ||
    /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(first)
  )
    return null;
  const after = from + m.index + m[0].length;
  const region = /^, (\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?)(?=[,.]|$)/u.exec(text.slice(after, to));
  if (
    region &&
    !/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(
      region[1]!,
    )
  )
    place += `, ${region[1]}`;
  return place.replace(/^the\s+(?=\p{Lu})/u, '');
}

function nearestDate(
  dates: DateMention[],
  trigger: Trigger,
  sentence: { start: number; end: number },
): DateMention | null {
  let best: DateMention | null = null;
  let bestDistance = Infinity;
  for (const d of dates) {
    if (d.start < sentence.start || d.end > sentence.end || d.bound) continue;
    const distance = d.start >= trigger.end ? d.start - trigger.end : trigger.start - d.end;
    if (distance < bestDistance) {
      best = d;
      bestDistance = Math.abs(distance);
    }
  }
  return best;
}

function sameDate(a: MeetingRecord, date: string | null, precision: DatePrecision): boolean {
  if (!a.date || !date) return true;
  if (a.precision === precision) return a.date === date;
  const len = (p: DatePrecision) => (p === 'DAY' ? 10 : p === 'MONTH' ? 7 : 4);
  const n = Math.min(len(a.precision), len(precision));
  return a.date.slice(0, n) === date.slice(0, n);
}

/** "Interior Minister held talks": a capitalised title right before the phrase, standing for its holder. */
function subjectByRole(
  analysis: ArticleAnalysis,
  unit: Unit,
  start: number,
  at: number,
  exclude: string[],
): string | null {
  const m =
    /(?:^|[,;]\s+|\bthe\s+|\bThe\s+)((?:\p{Lu}[\p{L}.-]*\s+){0,4}?\p{Lu}[\p{L}-]*)\s+(?:(?:also|then|later|earlier|previously|separately)\s+)?$/u.exec(
      unit.masked.slice(start, at),
    );
  return m ? roleHolder(analysis, m[1]!, exclude) : null;
}

/** "met his counterparts from Chile, Peru and Spain": the article's holders of the subject's role there. */
function counterpartsFrom(
  analysis: ArticleAnalysis,
  unit: Unit,
  at: number,
  limit: number,
  subject: string,
): string[] | null {
  const m = /^\s*(?:his|her|their)\s+(?:[\p{Ll}-]+\s+)?counterparts?\s+(?:from|of|in)\s+([^;.]{2,240})/u.exec(
    unit.masked.slice(at, limit),
  );
  if (!m) return null;
  const role = analysis.persons.get(subject);
  const roleWords = new Set(
    (role?.titles ?? [])
      .join(' ')
      .toLowerCase()
      .split(/\s+/)
      .filter(
        (w) => TITLE_WORDS.has(w) || /^(?:foreign|defen[cs]e|finance|trade|interior|prime|economy|health)$/.test(w),
      ),
  );
  const found: string[] = [];
  for (const [country, adjective] of Object.entries(COUNTRY_ADJECTIVES)) {
    if (!new RegExp(`(?:^|[\\s,])(?:the\\s+)?${country}\\b`).test(m[1]!)) continue;
    for (const p of analysis.persons.values()) {
      if (p.slug === subject) continue;
      const titles = [...p.titles, ...p.appositives].join(' ');
      const ofCountry =
        new RegExp(`\\b${adjective}\\b`).test(titles) ||
        new RegExp(`\\b(?:of|from)\\s+(?:the\\s+)?${country}\\b`).test(titles);
      const lower = titles.toLowerCase();
      if (ofCountry && [...roleWords].every((w) => lower.includes(w)) && !found.includes(p.slug)) found.push(p.slug);
    }
  }
  return found;
}

const ATTENDANCE = new RegExp(`\\b(?:${alt(ATTENDANCE_PHRASES)})\\b`);

/** Compatible places: either unknown, or one names the other ("Doha" and "the Diwan, Doha"). */
function samePlace(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.includes(y) || y.includes(x);
}

/**
 * Finds meetings with the ordered MEETING_SIEVES. Statements about the same people on a compatible
 * date and place — in the body or a caption — are one meeting with several claims; "three summits"
 * are three. Calls are kind CALL; planned, proposed and cancelled meetings have status PLANNED.
 */
export function extractMeetings(
  analysis: ArticleAnalysis,
  dates: Map<Unit, DateMention[]>,
): NonNullable<SeedFile['meetings']> {
  const records: MeetingRecord[] = [];
  let seriesId = 0;
  const ordered = [
    ...analysis.units.filter((u) => u.source === 'BODY'),
    ...analysis.units.filter((u) => u.source === 'CAPTION'),
  ];
  let mentionsBefore: Mention[] = [];
  let recent: string[] = [];
  /** "met county leaders": the subject, waiting for a sentence naming who was present. */
  let pendingGroup: { people: string[]; record: Omit<MeetingRecord, 'participants'>; unit: Unit } | null = null;
  /** "X's premier met a delegation on Saturday." whose people stay unresolved: the next paragraph's undated meeting is it. */
  let datedLead: { date: DateMention; index: number } | null = null;
  for (const unit of ordered) {
    const mentions = analysis.mentions.get(unit)!;
    let lastInUnit: MeetingRecord | null = null;
    for (const sentence of unit.sentences) {
      // People named before this sentence, most recent last, for a plural subject ("the two ministers").
      if (unit.source === 'BODY') {
        const earlier = [...mentionsBefore, ...mentions.filter((m) => m.end <= sentence.start)].filter(
          (m) => personish(m) && m.salient && m.kind !== 'PRONOUN',
        );
        recent = [];
        for (let i = earlier.length - 1; i >= 0 && recent.length < 3; i--)
          if (!recent.includes(earlier[i]!.person!)) recent.unshift(earlier[i]!.person!);
      } else recent = [];
      const statementText = unit.text.slice(sentence.start, sentence.end).trim();
      // "Governors A and B were present": the people of a group meeting reported just before.
      if (pendingGroup && ATTENDANCE.test(unit.masked.slice(sentence.start, sentence.end))) {
        const present = mentions
          .filter((m) => m.start >= sentence.start && m.end <= sentence.end && personish(m) && m.kind !== 'PRONOUN')
          .map((m) => m.person!);
        const participants = [...new Set([...pendingGroup.people, ...present])].sort();
        if (participants.length >= 2) {
          const claim = { source: unit.source, index: unit.index, statement: statementText };
          records.push({ ...pendingGroup.record, participants, claims: [...pendingGroup.record.claims, claim] });
        }
        pendingGroup = null;
      }
      const previousInUnit = lastInUnit;
      // "After meeting with Moon, Kim had talks with Suh": the opening phrase's meeting, and which way it orders.
      let intro: { records: MeetingRecord[]; relation: 'BEFORE' | 'AFTER'; comma: number } | null = null;
      const scope: SentenceScope = {
        analysis,
        unit,
        mentions,
        sentence,
        text: unit.masked.slice(sentence.start, sentence.end),
        from: sentence.start,
      };
      for (const trigger of findTriggers(scope)) {
        const touched: MeetingRecord[] = [];
        let isIntro = false;
        let sides: string[][] = [];
        let group: MeetingRecord['group'] = null;
        const status: MeetingStatus = isPlanned(unit.masked, sentence.start, trigger) ? 'PLANNED' : 'HAPPENED';
        const kind: MeetingKind =
          trigger.kind === 'CALL' ||
          (trigger.sieve !== 'courtesy-call' && CALL.test(unit.masked.slice(sentence.start, sentence.end)))
            ? 'CALL'
            : trigger.kind;
        if (trigger.form === 'BETWEEN') {
          const objects = objectsAfter(unit, mentions, trigger.end + 1, sentence.end);
          if (objects.length >= 2) sides = [objects.map((m) => m.person!)];
        } else if (trigger.form === 'THEIR') {
          const before = mentions.filter(
            (m) => m.start >= sentence.start && m.end <= trigger.start && personish(m) && m.salient,
          );
          const people = [...new Set(before.map((m) => m.person!))];
          if (people.length >= 2) sides = [people];
          else if (lastInUnit) {
            lastInUnit.location ??= locationAfter(unit.text, trigger.end, sentence.end);
            continue;
          }
        } else {
          let subjects: Mention[] = [];
          const possessor =
            trigger.form === 'NOUN'
              ? mentions.find(
                  (m) =>
                    m.possessive &&
                    /^(?:['’]s\s+)?(?:[\p{Ll}-]+\s+){0,2}$/u.test(unit.masked.slice(m.end, trigger.start)) &&
                    m.end <= trigger.start &&
                    personish(m),
                )
              : undefined;
          if (possessor) subjects = [possessor];
          else if (
            trigger.form === 'NOUN' &&
            INTRO.test(unit.masked.slice(sentence.start, trigger.start)) &&
            !unit.masked.slice(sentence.start, trigger.start).includes(',')
          ) {
            // "After meeting with Moon, Kim had talks …": the meeting is the main clause subject's.
            const comma = unit.masked.indexOf(',', trigger.end);
            const main = mentions.find(
              (m) => comma !== -1 && m.start > comma && m.start < sentence.end && personish(m) && m.salient,
            );
            if (main) subjects = coordinated(unit, mentions, main);
            const word = ORDER_INTRO.exec(unit.masked.slice(sentence.start, trigger.start))?.[1];
            if (word && comma !== -1) {
              isIntro = true;
              intro = { records: [], relation: word === 'Before' || word === 'Ahead of' ? 'BEFORE' : 'AFTER', comma };
            }
          } else subjects = subjectsOf(unit, mentions, trigger, sentence);
          let a = [...new Set(subjects.map((m) => m.person!))];
          if (a.length === 0 && trigger.form !== 'NOUN') {
            const met = objectsAfter(unit, mentions, trigger.end + 1, sentence.end).map((o) => o.person!);
            const holder = subjectByRole(analysis, unit, clauseStart(unit, trigger.start), trigger.start, met);
            if (holder) a = [holder];
          }
          // "The two ministers held talks": the two people named just before.
          const plural = PLURAL_SUBJECT.exec(unit.masked.slice(clauseStart(unit, trigger.start), trigger.start));
          if (subjects.length === 0 && plural && trigger.form === 'VERB') {
            const n = plural[1] ? (NUMBER_WORDS[plural[1].toLowerCase()] ?? 2) : 2;
            if (recent.length >= n) a = recent.slice(-n);
          }
          if (trigger.form === 'RESOLVED') {
            if (a.length) sides = trigger.sides!.map((g) => [...new Set([...a, ...g])]);
          } else {
            const objects = objectsAfter(unit, mentions, trigger.end + 1, sentence.end).map((o) => o.person!);
            const counterparts =
              objects.length === 0 && a.length === 1
                ? counterpartsFrom(analysis, unit, trigger.end, sentence.end, a[0]!)
                : null;
            const separate = /\bseparate(?:ly)?\b|\brespectively\b|\beach\b/.test(
              unit.masked.slice(clauseStart(unit, trigger.start), trigger.end),
            );
            if (a.length && counterparts?.length) sides = counterparts.map((o) => [...new Set([...a, o])]);
            else if (a.length && objects.length > 1 && !separate) {
              // "talks with X, Y and Z": one meeting of all of them.
              sides = [[...new Set([...a, ...objects])]];
              group = { subjects: a, objects };
            } else if (a.length && objects.length) sides = objects.map((o) => [...new Set([...a, o])]);
            else if (a.length >= 2 && trigger.form === 'VERB') sides = [a];
            else if (a.length && GROUP.test(unit.masked.slice(trigger.end, sentence.end)) && status === 'HAPPENED') {
              pendingGroup = {
                people: a,
                unit,
                record: {
                  status,
                  sieve: `${trigger.sieve}+attendance`,
                  confidence: Math.min(trigger.strength ?? 0.5, 0.6),
                  group: null,
                  date: null,
                  precision: 'DAY',
                  location: locationAfter(unit.text, trigger.end, sentence.end),
                  kind,
                  claims: [{ source: unit.source, index: unit.index, statement: statementText }],
                  series: null,
                },
              };
            }
          }
        }
        // Dates are measured from the end of the phrase with its people: "summits between X and Y that year".
        const anchor = {
          ...trigger,
          end: Math.max(trigger.end, objectsEnd(unit, mentions, trigger.end + 1, sentence.end)),
        };
        const date = nearestDate(dates.get(unit) ?? [], anchor, sentence);
        if (pendingGroup && pendingGroup.record.claims[0]!.statement === statementText && date) {
          pendingGroup.record.date = date.day;
          pendingGroup.record.precision = date.precision;
        }
        // "a meeting last week in Paris between …": the place can sit inside the phrase.
        // Places inside quotes are what someone spoke about, not where they met (hence masked text).
        const location = locationAfter(
          unit.masked,
          trigger.form === 'BETWEEN' ? trigger.start : trigger.end,
          sentence.end,
        );
        const resolved = sides.some((p) => new Set(p).size >= 2);
        if (!resolved && date && status === 'HAPPENED' && unit.source === 'BODY')
          datedLead = { date, index: unit.index };
        let when = date;
        if (
          resolved &&
          !when &&
          status === 'HAPPENED' &&
          datedLead &&
          unit.source === 'BODY' &&
          unit.index - datedLead.index <= 1
        )
          when = datedLead.date;
        for (const people of sides) {
          const participants = [...new Set(people)].sort();
          if (participants.length < 2) continue;
          const claim = { source: unit.source, index: unit.index, statement: statementText };
          const base = {
            status,
            sieve: trigger.sieve ?? 'unknown',
            confidence: trigger.strength ?? 0.5,
            group,
            kind,
          };
          if (trigger.count > 1) {
            seriesId++;
            for (let i = 0; i < trigger.count; i++) {
              records.push({
                ...base,
                participants,
                date: when?.day ?? null,
                precision: when?.precision ?? 'DAY',
                location,
                claims: [claim],
                series: seriesId * 100 + i + 1,
              });
            }
            continue;
          }
          const existing = records.find(
            (r) =>
              r.series === null &&
              r.status === status &&
              (r.kind === 'CALL') === (kind === 'CALL') &&
              r.participants.join() === participants.join() &&
              sameDate(r, when?.day ?? null, when?.precision ?? 'DAY') &&
              samePlace(r.location, location),
          );
          if (existing) {
            if (!existing.claims.some((c) => c.source === claim.source && c.index === claim.index))
              existing.claims.push(claim);
            if (!existing.date && when) {
              existing.date = when.day;
              existing.precision = when.precision;
            }
            existing.location ??= location;
            existing.confidence = Math.max(existing.confidence, base.confidence);
            lastInUnit = existing;
            touched.push(existing);
          } else {
            const record: MeetingRecord = {
              ...base,
              participants,
              date: when?.day ?? null,
              precision: when?.precision ?? 'DAY',
              location,
              claims: [claim],
              series: null,
            };
            records.push(record);
            lastInUnit = record;
            touched.push(record);
          }
        }
        if (isIntro && intro) intro.records.push(...touched);
        else if (intro && trigger.start > intro.comma) {
          for (const r of touched) {
            for (const i of intro.records) {
              order(r, unit, intro.relation, i);
              order(i, unit, intro.relation === 'AFTER' ? 'BEFORE' : 'AFTER', r);
            }
          }
        } else if (previousInUnit) {
          // A caption's "Kim also had talks with Suh earlier in the day" (or "Earlier in the day, Kim had
          // talks with Suh") orders against the meeting it showed first.
          const rest = `${unit.masked.slice(sentence.start, trigger.start)} ${unit.masked.slice(trigger.end, sentence.end)}`;
          const relation = EARLIER.test(rest) ? 'BEFORE' : LATER.test(rest) ? 'AFTER' : null;
          if (relation) for (const r of touched) order(r, unit, relation, previousInUnit);
        }
      }
    }
    if (unit.source === 'BODY') mentionsBefore = mentionsBefore.concat(mentions);
    // A group waits one paragraph for the sentence that names who was present.
    if (pendingGroup && pendingGroup.unit !== unit) pendingGroup = null;
  }
  return toSeedMeetings(analysis, splitGroups(records));
}

/**
 * "Kim had talks with Suh and Lee" is one meeting of three, unless the article also reports Kim
 * meeting Suh and Kim meeting Lee on their own: then the statement is a summary of those, and its
 * claim joins each of them.
 */
function splitGroups(records: MeetingRecord[]): MeetingRecord[] {
  const out = records.filter((r) => !r.group);
  for (const r of records) {
    if (!r.group) continue;
    const pairs = r.group.objects.map((o) =>
      out.find(
        (x) =>
          !x.group &&
          x.status === r.status &&
          x.participants.length === r.group!.subjects.length + 1 &&
          x.participants.includes(o) &&
          r.group!.subjects.every((s) => x.participants.includes(s)),
      ),
    );
    if (pairs.every(Boolean)) {
      for (const x of pairs as MeetingRecord[]) {
        for (const c of r.claims)
          if (!x.claims.some((y) => y.source === c.source && y.index === c.index)) x.claims.push(c);
        x.date ??= r.date;
      }
    } else out.push(r);
  }
  // Keep reading order (the keys and paragraphs depend on it).
  return records.filter((r) => out.includes(r));
}

/** "The body (paragraph 22) places it after X; caption 1 places it before. Both claims are kept." */
function conflictNote(claims: Claim[], keyOf: Map<MeetingRecord, string>): string | null {
  const where = (c: Claim) => (c.source === 'BODY' ? `the body (paragraph ${c.index})` : `caption ${c.index}`);
  for (const a of claims) {
    const b = claims.find(
      (c) => c.relativeTo && c.relativeTo === a.relativeTo && a.relation && c.relation && c.relation !== a.relation,
    );
    if (a.relation === 'AFTER' && b) {
      return `${where(a)[0]!.toUpperCase()}${where(a).slice(1)} places this meeting after ${keyOf.get(a.relativeTo!)}; ${where(b)} places it before. Both claims are kept.`;
    }
  }
  return null;
}

function toSeedMeetings(analysis: ArticleAnalysis, records: MeetingRecord[]): NonNullable<SeedFile['meetings']> {
  const published = analysis.article.publishedAt.slice(0, 10);
  const keys = new Set<string>();
  const body = analysis.units.filter((u) => u.source === 'BODY');
  const mentionsOf = (unit: Unit) =>
    new Set(
      analysis.mentions
        .get(unit)!
        .map((m) => m.person)
        .filter(Boolean),
    );
  const keyOf = new Map<MeetingRecord, string>();
  for (const r of records) {
    const base = r.participants.join('-');
    let key = base;
    if (r.series !== null)
      key = `${base}-${(r.date ?? published).slice(0, 4)}-${r.kind.toLowerCase()}-${r.series % 100}`;
    else if (keys.has(key)) key = `${base}-${(r.date ?? published).slice(0, r.precision === 'YEAR' ? 4 : 7)}`;
    for (let n = 2; keys.has(key); n++) key = `${base}-${n}`;
    keys.add(key);
    keyOf.set(r, key);
  }
  return records.map((r) => {
    const key = keyOf.get(r)!;
    const bodyClaim = r.claims.find((c) => c.source === 'BODY');
    // A meeting only a caption reports is filed under the first paragraph naming its people.
    const paragraph =
      bodyClaim?.index ??
      body.find((u) => r.participants.every((p) => mentionsOf(u).has(p)))?.index ??
      body.find((u) => r.participants.some((p) => mentionsOf(u).has(p)))?.index ??
      1;
    return {
      key,
      participants: r.participants,
      date: r.date ?? published,
      datePrecision: r.precision,
      location: r.location,
      paragraph,
      kind: r.kind,
      status: r.status,
      sieve: r.sieve,
      confidence: r.confidence,
      claims: r.claims.map((c) => ({
        source: c.source,
        index: c.index,
        statement: c.statement,
        ...(c.relation && c.relativeTo ? { relation: c.relation, relativeTo: keyOf.get(c.relativeTo)! } : {}),
      })),
      conflict: conflictNote(r.claims, keyOf),
    };
  });
}
