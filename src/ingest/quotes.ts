import type { DateMention } from './dates.js';
import {
  appositiveAfter,
  clauseStart,
  isSpeechVerb,
  sentenceOf,
  type ArticleAnalysis,
  type Mention,
  type Unit,
} from './entities.js';
import { SPEECH_NOUNS } from './lexicon.js';
import type { QuotedSpan } from './text.js';

export type QuoteKind = 'FULL' | 'PARTIAL' | 'CONTINUATION';

export interface ExtractedQuote {
  paragraph: number;
  text: string;
  /** Span of `text` in the paragraph: [start, end). */
  start: number;
  end: number;
  speaker: string;
  kind: QuoteKind;
  cue: string;
  /** The attribution sieve that found the speaker (see QUOTE_SIEVES). */
  sieve: string;
  confidence: number;
  reportedBy: { person?: string; organization?: string } | null;
  addressee: string | null;
  /** YYYY-MM-DD when the article says when it was said. */
  date: string | null;
}

/** Who a quote is attributed to, before the speaker mention is turned into a person. */
interface Attribution {
  /** Which sieve attributed it. */
  sieve?: string;
  subject: Mention | null;
  cue: string;
  /** How much the pattern itself is trusted; multiplied by how surely the mention was resolved. */
  strength: number;
  addressee?: Mention | null;
  reportedBy?: Mention | null;
  dateFrom: { start: number; end: number };
}

/** Words that end a noun phrase: a modifier run before a name never holds one. */
const CLAUSE_WORD =
  /^(?:and|or|but|while|whereas|although|though|as|when|because|if|so|after|before|since|that|who|which|was|is|were|are|to|by|in|on|at|with|for|of)$/;

const ADVERB = /^(?:also|later|then|again|further|previously|earlier|once|repeatedly|\p{Ll}+ly)\s+/u;

/**
 * The mention that begins at `pos`, allowing a few lowercase modifiers in front of its title
 * ("union leader Marta Silva", "a defiant Kim") but never a verb or a clause word.
 */
function mentionStartingAt(mentions: Mention[], pos: number, text: string): Mention | null {
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
        .some((w) => isSpeechVerb(w) || CLAUSE_WORD.test(w))
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
  if (!lead || lead.split(/\s+/).some((w) => isSpeechVerb(w) || CLAUSE_WORD.test(w))) return null;
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

function followingWord(text: string, pos: number): { word: string; start: number; end: number } | null {
  const m = /^\s*([\p{L}'’-]+)/u.exec(text.slice(pos));
  if (!m) return null;
  const start = pos + m[0].length - m[1]!.length;
  return { word: m[1]!, start, end: pos + m[0].length };
}

/** The person, organization or group doing the saying right before a cue at `cue`. */
function subjectBefore(unit: Unit, mentions: Mention[], cue: number): Mention | null {
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

/** `"…," Kim said`, `"…," said Go Myong-hyun, a …`, `"…," Moon was quoted as telling Kim by Park`. */
function attributionAfter(unit: Unit, mentions: Mention[], q: QuotedSpan, sentenceEnd: number): Attribution | null {
  if (!q.closed) return null;
  const inner = unit.text.slice(q.open + 1, q.close);
  const afterStart = q.close + 1;
  const leadIn = /^\s*,?\s*/.exec(unit.masked.slice(afterStart))![0].length;
  if (!/[,?!\u2014-]\s*$/.test(inner) && !unit.masked.slice(afterStart).startsWith(',')) return null;
  const p = afterStart + leadIn;
  const dateFrom = { start: afterStart, end: sentenceEnd };
  const subject = mentionStartingAt(mentions, p, unit.masked);
  if (subject) {
    // `"…," Harold Daggett, president of the union, said`: the appositive sits between name and verb.
    const apposition = subject.kind === 'PERSON' ? appositiveAfter(unit.masked, subject.end) : null;
    const subjectEnd = apposition && unit.masked[apposition.end] === ',' ? apposition.end + 1 : subject.end;
    let rest = unit.masked.slice(subjectEnd);
    const gap = /^\s+/.exec(rest)?.[0].length ?? 0;
    rest = rest.slice(gap);
    const adverb = ADVERB.exec(rest)?.[0].length ?? 0;
    const verbAt = subjectEnd + gap + adverb;
    const quotedAs = /^was quoted as (telling|saying)\b/.exec(unit.masked.slice(verbAt));
    if (quotedAs) {
      const afterVerb = verbAt + quotedAs[0].length;
      const addressee = quotedAs[1] === 'telling' ? mentionStartingAt(mentions, afterVerb + 1, unit.masked) : null;
      const by = /\bby\s+/.exec(unit.masked.slice(afterVerb, sentenceEnd));
      const reporter = by ? mentionStartingAt(mentions, afterVerb + by.index + by[0].length, unit.masked) : null;
      return { subject, cue: quotedAs[0], strength: 0.95, addressee, reportedBy: reporter, dateFrom };
    }
    const verb = followingWord(unit.masked, verbAt);
    if (verb && isSpeechVerb(verb.word) && verb.start === verbAt) {
      const addressee =
        /^tell/.test(verb.word) || verb.word === 'told' ? mentionStartingAt(mentions, verb.end + 1, unit.masked) : null;
      return {
        subject,
        cue: verb.word,
        strength: 0.97,
        addressee,
        reportedBy: reporterIn(unit, mentions, verb.end, sentenceEnd),
        dateFrom,
      };
    }
    return null;
  }
  const according = /^according to\s+/.exec(unit.masked.slice(p));
  if (according) {
    const who = mentionStartingAt(mentions, p + according[0].length, unit.masked);
    return who ? { subject: who, cue: 'according to', strength: 0.9, dateFrom } : null;
  }
  const verb = followingWord(unit.masked, p);
  if (verb && verb.start === p && isSpeechVerb(verb.word)) {
    const who = mentionStartingAt(mentions, verb.end, unit.masked);
    if (who)
      return {
        subject: who,
        cue: verb.word,
        strength: 0.95,
        reportedBy: reporterIn(unit, mentions, who.end, sentenceEnd),
        dateFrom,
      };
  }
  return null;
}

/** "in a statement carried by the Korean Central News Agency": who relayed the words. */
function reporterIn(unit: Unit, mentions: Mention[], from: number, to: number): Mention | null {
  const m = /\b(?:carried|reported|released|published|relayed) by (?:the )?/.exec(unit.masked.slice(from, to));
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

/**
 * `X said "…"`, `X said that … "…"`, `X, …, saying … "…"`, `According to X, … "…"`, and a
 * possessor of a speech noun: `Kim Jong-un's earlier comment … that … "dialogue"`. The nearest cue
 * before the quote in its sentence decides; words inside other quotes are never cues.
 */
function attributionBefore(unit: Unit, mentions: Mention[], q: QuotedSpan, sentenceStart: number): Attribution | null {
  const region = unit.masked.slice(sentenceStart, q.open);
  const dateFrom = { start: sentenceStart, end: q.open };
  const words = [...region.matchAll(/[\p{L}'’-]+/gu)].map((m) => ({
    word: m[0],
    start: sentenceStart + m.index,
    end: sentenceStart + m.index + m[0].length,
  }));
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    const lower = w.word.toLowerCase();
    if (lower === 'to' && words[i - 1]?.word.toLowerCase() === 'according') {
      const who = mentionStartingAt(mentions, w.end, unit.masked);
      if (who && who.end <= q.open) return { subject: who, cue: 'according to', strength: 0.9, dateFrom };
      continue;
    }
    if (SPEECH_NOUNS.has(lower)) {
      // Only "X's comment … that …" reports X's words; "X's comments were 'prudent'" is someone else judging them.
      const between = unit.masked.slice(w.end, q.open);
      if (!/\bthat\b|:/.test(between) || [...between.matchAll(/[\p{L}]+/gu)].some((x) => isSpeechVerb(x[0]))) continue;
      const owner = mentions.find(
        (m) =>
          m.possessive &&
          m.end + 2 <= w.start &&
          /^['’]s\s+(?:[\p{Ll}]+\s+){0,2}$/u.test(unit.masked.slice(m.end, w.start)),
      );
      if (owner) return { subject: owner, cue: w.word, strength: 0.8, dateFrom };
      continue;
    }
    if (!isSpeechVerb(lower) || mentions.some((m) => w.start >= m.start && w.start < m.end)) continue;
    let subject = subjectBefore(unit, mentions, w.start);
    if (!subject) {
      const inverted = mentionStartingAt(mentions, w.end, unit.masked);
      if (inverted && inverted.end <= q.open) subject = inverted;
    }
    const cue =
      /^(?:condemn|call|describ|brand|dismiss)/.test(lower) && /^\s+it as\b/.test(unit.masked.slice(w.end))
        ? `${w.word} it as`
        : w.word;
    const addressee = /^(?:tell|told)/.test(lower) ? mentionStartingAt(mentions, w.end, unit.masked) : null;
    // Relayed speech: "the spokesman said the prime minister had told Shoukry that '…'" — the words
    // are the prime minister's, the spokesman reported them.
    let reportedBy: Mention | null = null;
    if (subject && (subject.kind === 'PERSON' || subject.kind === 'ROLE')) {
      for (let j = i - 1; j >= 0 && !reportedBy; j--) {
        const v = words[j]!;
        if (
          !isSpeechVerb(v.word) ||
          mentions.some((m) => v.start >= m.start && v.start < m.end) ||
          v.end > subject.start
        )
          continue;
        const teller = subjectBefore(unit, mentions, v.start);
        if (
          teller &&
          (teller.kind === 'PERSON' || teller.kind === 'ROLE') &&
          teller.person &&
          teller.person !== subject.person
        )
          reportedBy = teller;
      }
    }
    return {
      subject,
      cue,
      strength: subject && subject.end > w.start ? 0.8 : 0.9,
      addressee: addressee && addressee.end <= q.open ? addressee : null,
      reportedBy,
      dateFrom,
    };
  }
  return null;
}

/** `… "years, not months" to adjust, according to Farrell.` or `…, Park said.` at the end of the sentence. */
function attributionAtSentenceEnd(
  unit: Unit,
  mentions: Mention[],
  q: QuotedSpan,
  sentenceEnd: number,
): Attribution | null {
  const rest = unit.masked.slice(q.close + 1, sentenceEnd);
  const comma = rest.lastIndexOf(', ');
  if (comma === -1) return null;
  const at = q.close + 1 + comma + 2;
  const tail = unit.masked.slice(at, sentenceEnd);
  const dateFrom = { start: q.close + 1, end: sentenceEnd };
  const according = /^according to\s+/.exec(tail);
  if (according) {
    const who = mentionStartingAt(mentions, at + according[0].length, unit.masked);
    if (who && /^\s*[.!?]?\s*$/.test(unit.masked.slice(who.end, sentenceEnd)))
      return { subject: who, cue: 'according to', strength: 0.85, dateFrom };
  }
  const who = mentionStartingAt(mentions, at, unit.masked);
  if (who) {
    // "…, Park said." / "…, Lindner told the German news agency dpa." / "…, Kim said in a statement."
    const verb = /^\s+([\p{L}]+)(?:\s+[^,;:.!?\u2591]{1,60}?)?\s*[.!?]?\s*$/u.exec(
      unit.masked.slice(who.end, sentenceEnd),
    );
    if (verb && isSpeechVerb(verb[1]!)) return { subject: who, cue: verb[1]!, strength: 0.85, dateFrom };
  }
  return null;
}

const ABBREVIATION_END = /(?:\b\p{Lu}\.){2,}$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Mr|Mrs|Ms|Dr)\.$/u;

/** The quoted words without the closing comma or full stop that belong to the sentence around them. */
function quoteText(text: string, q: QuotedSpan): { text: string; start: number; end: number } | null {
  let start = q.open + 1;
  let end = q.close;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (text[end - 1] === ',') end--;
  else if (text[end - 1] === '.' && !ABBREVIATION_END.test(text.slice(start, end))) end--;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (!/\p{L}/u.test(text.slice(start, end))) return null;
  return { text: text.slice(start, end), start, end };
}

function personOf(m: Mention | null | undefined): string | null {
  if (!m) return null;
  return m.kind === 'PERSON' || m.kind === 'ROLE' || m.kind === 'PRONOUN' ? m.person : null;
}

/** A paragraph with a verb of speech outside its quotes attributes them itself (maybe to someone we could not name). */
const attributesItself = (unit: Unit) => [...unit.masked.matchAll(/[\p{L}]+/gu)].some((w) => isSpeechVerb(w[0]));

/**
 * The speaker of a paragraph that opens with a quote and attributes it nowhere, from the paragraphs
 * before it: an upper-case header line naming the speaker (over the other quote-only paragraphs
 * under it), else the last quote's speaker or the subject of the paragraph that introduced them,
 * skipping at most two paragraphs that name no person.
 */
function speakerFromContext(
  analysis: ArticleAnalysis,
  unit: Unit,
  quotes: ExtractedQuote[],
): { speaker: string; sieve: string; cue: string; confidence: number } | null {
  if (attributesItself(unit)) return null;
  const body = analysis.units.filter((u) => u.source === 'BODY');
  const at = body.indexOf(unit);
  const quoteOnly = (u: Unit) => /^\s*["\u201C\u2018']/.test(u.text);
  // Header first: the quote-only paragraphs right above lead back to it.
  for (let i = at - 1; i >= 0; i--) {
    const u = body[i]!;
    const header = analysis.headers.get(u);
    if (header) return { speaker: header, sieve: 'header-speaker', cue: 'header', confidence: 0.85 };
    if (!quoteOnly(u)) break;
  }
  let skipped = 0;
  for (let i = at - 1; i >= 0 && at - i <= 4; i--) {
    const u = body[i]!;
    const theirs = quotes.filter((q) => q.paragraph === u.index);
    if (theirs.length) {
      const last = theirs[theirs.length - 1]!;
      return { speaker: last.speaker, sieve: 'paragraph-context', cue: last.cue, confidence: 0.6 };
    }
    const subject = (analysis.mentions.get(u) ?? []).find(
      (m) => m.salient && !m.inQuote && !m.possessive && m.person && (m.kind === 'PERSON' || m.kind === 'ROLE'),
    );
    if (subject) return { speaker: subject.person!, sieve: 'paragraph-context', cue: 'said', confidence: 0.5 };
    if (u.quotes.length || ++skipped > 2) return null;
  }
  return null;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Finds every double-quoted passage in the body and attributes it: after the quote, before it in
 * the same sentence, at the sentence's end, to the paragraph's previous speaker, or — for a
 * paragraph that opens with a quote and names no one — to the previous paragraph's last speaker.
 * Quotes whose speaker is an organization, a group or nobody are left out.
 */
export function extractQuotes(analysis: ArticleAnalysis, dates: Map<Unit, DateMention[]>): ExtractedQuote[] {
  const quotes: ExtractedQuote[] = [];
  let previousParagraphLast: (ExtractedQuote & { closed: boolean }) | null = null;
  for (const unit of analysis.units) {
    if (unit.source !== 'BODY') continue;
    const mentions = analysis.mentions.get(unit)!;
    const inUnit: (ExtractedQuote & { closed: boolean; sentence: number; endsWithComma: boolean })[] = [];
    let blocked = false;
    for (const q of unit.quotes) {
      const span = quoteText(unit.text, q);
      if (!span) continue;
      const { index: sentence, span: bounds } = sentenceOf(unit, q.open);
      const tagged = (sieve: string, a: Attribution | null) => (a ? { ...a, sieve } : null);
      const attribution =
        tagged('after-quote', attributionAfter(unit, mentions, q, bounds.end)) ??
        tagged('before-quote', attributionBefore(unit, mentions, q, bounds.start)) ??
        tagged('sentence-end', attributionAtSentenceEnd(unit, mentions, q, bounds.end));
      const startsSentence =
        /^\s*$/.test(unit.masked.slice(bounds.start, q.open)) || /:\s*$/.test(unit.masked.slice(bounds.start, q.open));
      const previous = inUnit[inUnit.length - 1];
      let speaker: string | null = null;
      let kind: QuoteKind = startsSentence ? 'FULL' : 'PARTIAL';
      let cue = attribution?.cue ?? '';
      let sieve = attribution?.sieve ?? '';
      let confidence = 0;
      let date: string | null = null;
      let reportedBy: ExtractedQuote['reportedBy'] = null;
      let addressee: string | null = null;
      if (attribution) {
        speaker = personOf(attribution.subject);
        if (!speaker) {
          blocked = true; // an organization or a group said it
          continue;
        }
        confidence = attribution.strength * (attribution.subject!.confidence || 0.5);
        addressee = personOf(attribution.addressee);
        const by = attribution.reportedBy;
        if (by?.kind === 'ORG' && by.orgSlug) reportedBy = { organization: by.orgSlug };
        else if (personOf(by)) reportedBy = { person: personOf(by)! };
        const day = (dates.get(unit) ?? []).find(
          (d) => d.precision === 'DAY' && d.start >= attribution.dateFrom.start && d.end <= attribution.dateFrom.end,
        );
        date = day?.day ?? null;
        // The second half of a sentence split by its attribution: `"We are ready," she said, "but …"`.
        if (
          !startsSentence &&
          previous &&
          previous.sentence === sentence &&
          previous.kind === 'FULL' &&
          previous.endsWithComma &&
          /^,?\s*\p{Ll}/u.test(unit.text.slice(q.open + 1))
        )
          kind = 'FULL';
      } else if (previous && !blocked) {
        speaker = previous.speaker;
        cue = previous.cue;
        sieve = 'same-paragraph';
        confidence = previous.confidence * 0.95;
        reportedBy = previous.reportedBy;
        date = previous.date;
        if (previous.sentence === sentence && previous.kind === 'FULL' && previous.endsWithComma) kind = 'FULL';
      } else if (
        !previous &&
        !blocked &&
        /^\s*$/.test(unit.text.slice(0, q.open)) &&
        !attributesItself(unit) &&
        previousParagraphLast &&
        previousParagraphLast.paragraph === unit.index - 1
      ) {
        speaker = previousParagraphLast.speaker;
        cue = previousParagraphLast.cue;
        sieve = 'continued-paragraph';
        kind = 'CONTINUATION';
        // An unclosed quote at the end of the previous paragraph is the typographic sign of a continuation.
        confidence = previousParagraphLast.confidence * (previousParagraphLast.closed ? 0.75 : 0.9);
        reportedBy = previousParagraphLast.reportedBy;
        date = previousParagraphLast.date;
      } else if (!previous && !blocked && /^\s*$/.test(unit.text.slice(0, q.open))) {
        const context = speakerFromContext(analysis, unit, quotes);
        if (context) {
          speaker = context.speaker;
          sieve = context.sieve;
          cue = context.cue;
          kind = 'CONTINUATION';
          confidence = context.confidence;
        }
      }
      if (!speaker) continue;
      const quote = {
        paragraph: unit.index,
        ...span,
        speaker,
        kind,
        cue: cue || 'said',
        sieve,
        confidence: round(Math.min(1, Math.max(0.05, confidence))),
        reportedBy,
        addressee: addressee && addressee !== speaker ? addressee : null,
        date,
      };
      quotes.push(quote);
      inUnit.push({
        ...quote,
        closed: q.closed,
        sentence,
        endsWithComma: /,\s*$/.test(unit.text.slice(q.open + 1, q.close)),
      });
    }
    const last = inUnit[inUnit.length - 1];
    previousParagraphLast = last ? { ...last, closed: last.closed } : null;
  }
  return quotes;
}
