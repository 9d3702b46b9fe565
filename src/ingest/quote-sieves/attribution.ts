/**
 * Shared by the sieves that read an attribution in the quote's own sentence (after-quote,
 * before-quote, sentence-end): finding the mention a cue belongs to, and turning what a sieve read
 * (an Attribution) into its decision.
 */
import { clauseStart, isSpeechVerb, type Mention, type Unit } from '../entities.js';
import { ATTRIBUTION_ADVERBS, CLAUSE_WORDS, RELAY_VERBS, alternation } from '../lexicon.js';
import type { QuoteCandidate, QuoteDecision } from './candidate.js';

/** Who a quote is attributed to, before the speaker mention is turned into a person. */
export interface Attribution {
  subject: Mention | null;
  cue: string;
  /** How much the pattern itself is trusted; multiplied by how surely the mention was resolved. */
  strength: number;
  addressee?: Mention | null;
  reportedBy?: Mention | null;
  /** Where a date in the sentence dates the words. */
  dateFrom: { start: number; end: number };
}

/** Words that end a noun phrase: a modifier run before a name never holds one. */
const isClauseWord = (w: string) => CLAUSE_WORDS.has(w);

/** An adverb between the speaker and the verb: "also", "later", any word in -ly. */
export const ADVERB = new RegExp(`^(?:${alternation(ATTRIBUTION_ADVERBS)}|\\p{Ll}+ly)\\s+`, 'u');

/**
 * The mention that begins at `pos`, allowing a few lowercase modifiers in front of its title
 * ("union leader Marta Silva", "a defiant Kim") but never a verb or a clause word.
 */
export function mentionStartingAt(mentions: Mention[], pos: number, text: string): Mention | null {
  const skip = /^\s*/.exec(text.slice(pos))![0].length;
  const exact = mentions.find((m) => m.start === pos + skip && !m.inQuote);
  // "company spokeswoman Ada Lim said", "Acme chief executive Tom Berg said": a group word or an
  // organization with a role after it introduces the person named next.
  if (exact && (exact.kind === 'GENERIC' || exact.kind === 'ORG' || exact.kind === 'PLACE')) {
    const gap = /^(?:['’]s)?((?:\s+[\p{Ll}-]+){1,4})\s+/u.exec(text.slice(exact.end));
    if (
      gap &&
      !gap[1]!
        .trim()
        .split(/\s+/)
        .some((w) => isSpeechVerb(w) || isClauseWord(w))
    ) {
      const person = mentions.find(
        (m) =>
          m.start > exact.end &&
          m.start <= exact.end + gap[0].length &&
          !m.inQuote &&
          (m.kind === 'PERSON' || m.kind === 'ROLE'),
      );
      if (person) return person;
    }
  }
  if (exact) return exact;
  const lead = /^(?:(?:an?|the|[\p{Ll}-]+)\s+){1,3}/u.exec(text.slice(pos + skip))?.[0] ?? '';
  if (!lead || lead.split(/\s+/).some((w) => isSpeechVerb(w) || isClauseWord(w))) return null;
  return (
    mentions.find(
      (m) =>
        m.start > pos + skip &&
        m.start <= pos + skip + lead.length &&
        !m.inQuote &&
        (m.kind === 'PERSON' || m.kind === 'ROLE'),
    ) ?? null
  );
}

export function followingWord(text: string, pos: number): { word: string; start: number; end: number } | null {
  const m = /^\s*([\p{L}'’-]+)/u.exec(text.slice(pos));
  if (!m) return null;
  const start = pos + m[0].length - m[1]!.length;
  return { word: m[1]!, start, end: pos + m[0].length };
}

/** The person, organization or group doing the saying right before a cue at `cue`. */
export function subjectBefore(unit: Unit, mentions: Mention[], cue: number): Mention | null {
  const start = clauseStart(unit, cue);
  const eligible = (m: Mention) => m.salient && !m.inQuote && !(m.possessive && m.kind !== 'PRONOUN') && m.end <= cue;
  const inClause = mentions.filter((m) => m.start >= start && eligible(m));
  // Places only count as subjects right before the verb ("Pyongyang said").
  const nearest = [...inClause]
    .reverse()
    .find((m) => m.kind !== 'PLACE' || /^\s*(?:\p{Ll}+ly\s+|also\s+)?$/u.test(unit.masked.slice(m.end, cue)));
  if (nearest) return nearest;
  // "Li Qiang, who said …": the relative pronoun's antecedent.
  if (/, who\s*$/.test(unit.masked.slice(0, start)) || /^\s*$/.test(unit.masked.slice(start, cue))) {
    const before = mentions.filter((m) => m.end <= start && eligible(m) && m.kind !== 'PLACE');
    return before[before.length - 1] ?? null;
  }
  return null;
}

/** "carried by the", "reported by": who relayed the words comes next. */
const RELAYED_BY = new RegExp(`\\b(?:${alternation(RELAY_VERBS)}) by (?:the )?`);

/** "in a statement carried by the Korean Central News Agency": who relayed the words. */
export function reporterIn(unit: Unit, mentions: Mention[], from: number, to: number): Mention | null {
  const m = RELAYED_BY.exec(unit.masked.slice(from, to));
  if (!m) return null;
  const at = from + m.index + m[0].length;
  const skip = /^(?:[\p{L}'’]+\s){0,3}/u;
  return (
    mentions.find(
      (x) =>
        x.kind === 'ORG' && x.start >= at && x.start <= at + (skip.exec(unit.masked.slice(at))?.[0].length ?? 0) + 1,
    ) ?? null
  );
}

/** The person a mention stands for; organizations, places and groups are nobody we quote. */
export function personOf(m: Mention | null | undefined): string | null {
  if (!m) return null;
  return m.kind === 'PERSON' || m.kind === 'ROLE' || m.kind === 'PRONOUN' ? m.person : null;
}

/** What an attribution in the quote's sentence decides: speaker, addressee, reporter, date and kind. */
export function decide(c: QuoteCandidate, a: Attribution | null): QuoteDecision | null {
  if (!a) return null;
  const speaker = personOf(a.subject);
  const decision: QuoteDecision = {
    speaker,
    cue: a.cue,
    kind: c.startsSentence ? 'FULL' : 'PARTIAL',
    confidence: 0,
    reportedBy: null,
    addressee: null,
    date: null,
  };
  if (!speaker) return decision; // an organization or a group said it
  decision.confidence = a.strength * (a.subject!.confidence || 0.5);
  decision.addressee = personOf(a.addressee);
  const by = a.reportedBy;
  if (by?.kind === 'ORG' && by.orgSlug) decision.reportedBy = { organization: by.orgSlug };
  else if (personOf(by)) decision.reportedBy = { person: personOf(by)! };
  const day = c.dates.find((d) => d.precision === 'DAY' && d.start >= a.dateFrom.start && d.end <= a.dateFrom.end);
  decision.date = day?.day ?? null;
  // The second half of a sentence split by its attribution: `"We are ready," she said, "but …"`.
  const { previous, unit, quote } = c;
  if (
    !c.startsSentence &&
    previous &&
    previous.sentence === c.sentence &&
    previous.kind === 'FULL' &&
    previous.endsWithComma &&
    /^,?\s*\p{Ll}/u.test(unit.text.slice(quote.open + 1))
  )
    decision.kind = 'FULL';
  return decision;
}

/** A paragraph with a verb of speech outside its quotes attributes them itself (maybe to someone we could not name). */
export const attributesItself = (unit: Unit) => [...unit.masked.matchAll(/[\p{L}]+/gu)].some((w) => isSpeechVerb(w[0]));

/** The quote opens its paragraph. */
export const opensParagraph = (c: QuoteCandidate) => /^\s*$/.test(c.unit.text.slice(0, c.quote.open));
