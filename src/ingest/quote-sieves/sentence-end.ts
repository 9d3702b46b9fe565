import { isSpeechVerb } from '../entities.js';
import { type Attribution, decide, mentionStartingAt } from './attribution.js';
import type { QuoteCandidate, QuoteSieve } from './candidate.js';

/**
 * sentence-end: the attribution closing the sentence after a comma — `… "years, not months" to
 * adjust, according to Farrell.`, `…, Park said.`, `…, Lindner told the German news agency dpa.`
 */
export const sentenceEnd: QuoteSieve = {
  id: 'sentence-end',
  strength: 0.85,
  apply(c) {
    return decide(c, attributionAtSentenceEnd(c, this.strength));
  },
};

function attributionAtSentenceEnd(c: QuoteCandidate, strength: number): Attribution | null {
  const { unit, mentions, quote: q } = c;
  const end = c.bounds.end;
  const rest = unit.masked.slice(q.close + 1, end);
  const comma = rest.lastIndexOf(', ');
  if (comma === -1) return null;
  const at = q.close + 1 + comma + 2;
  const tail = unit.masked.slice(at, end);
  const dateFrom = { start: q.close + 1, end };
  const according = /^according to\s+/.exec(tail);
  if (according) {
    const who = mentionStartingAt(mentions, at + according[0].length, unit.masked);
    if (who && /^\s*[.!?]?\s*$/.test(unit.masked.slice(who.end, end)))
      return { subject: who, cue: 'according to', strength, dateFrom };
  }
  const who = mentionStartingAt(mentions, at, unit.masked);
  if (who) {
    // "…, Park said." / "…, Lindner told the German news agency dpa." / "…, Kim said in a statement."
    const verb = /^\s+([\p{L}]+)(?:\s+[^,;:.!?\u2591]{1,60}?)?\s*[.!?]?\s*$/u.exec(unit.masked.slice(who.end, end));
    if (verb && isSpeechVerb(verb[1]!)) return { subject: who, cue: verb[1]!, strength, dateFrom };
  }
  return null;
}
