import { isSpeechVerb } from '../entities.js';
import { SPEECH_NOUNS } from '../lexicon.js';
import type { Mention } from '../entities.js';
import { type Attribution, decide, mentionStartingAt, subjectBefore } from './attribution.js';
import type { QuoteCandidate, QuoteSieve } from './candidate.js';

/** Weaker variants: a subject found only after its verb (`said X "…"`), and a possessor of a speech noun. */
const INVERTED = 0.8;
const SPEECH_NOUN = 0.8;
const ACCORDING_TO = 0.9;

/**
 * before-quote: the nearest cue before the quote in its sentence — `X said "…"`, `X said that …
 * "…"`, `X, …, saying … "…"`, `According to X, … "…"`, and a possessor of a speech noun: `Kim
 * Jong-un's earlier comment … that … "dialogue"`. Words inside other quotes are never cues.
 */
export const beforeQuote: QuoteSieve = {
  id: 'before-quote',
  strength: 0.9,
  apply(c) {
    return decide(c, attributionBefore(c, this.strength));
  },
};

function attributionBefore(c: QuoteCandidate, strength: number): Attribution | null {
  const { unit, mentions, quote: q } = c;
  const sentenceStart = c.bounds.start;
  const region = unit.masked.slice(sentenceStart, q.open);
  const dateFrom = { start: sentenceStart, end: q.open };
  const words = [...region.matchAll(/[\p{L}'’-]+/gu)].map((m) => ({
    word: m[0],
    start: sentenceStart + m.index,
    end: sentenceStart + m.index + m[0].length,
  }));
  const insideMention = (pos: number) => mentions.some((m: Mention) => pos >= m.start && pos < m.end);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    const lower = w.word.toLowerCase();
    if (lower === 'to' && words[i - 1]?.word.toLowerCase() === 'according') {
      const who = mentionStartingAt(mentions, w.end, unit.masked);
      if (who && who.end <= q.open) return { subject: who, cue: 'according to', strength: ACCORDING_TO, dateFrom };
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
      if (owner) return { subject: owner, cue: w.word, strength: SPEECH_NOUN, dateFrom };
      continue;
    }
    if (!isSpeechVerb(lower) || insideMention(w.start)) continue;
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
        if (!isSpeechVerb(v.word) || insideMention(v.start) || v.end > subject.start) continue;
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
      strength: subject && subject.end > w.start ? INVERTED : strength,
      addressee: addressee && addressee.end <= q.open ? addressee : null,
      reportedBy,
      dateFrom,
    };
  }
  return null;
}
