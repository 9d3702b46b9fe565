import { appositiveAfter, isSpeechVerb } from '../entities.js';
import { ADVERB, type Attribution, decide, followingWord, mentionStartingAt, reporterIn } from './attribution.js';
import type { QuoteSieve } from './candidate.js';

/** Weaker variants of the pattern: the inverted `"…," said X` and `was quoted as`, and `according to X`. */
const INVERTED = 0.95;
const ACCORDING_TO = 0.9;

/**
 * after-quote: the attribution right after the closing mark — `"…," Kim said`, `"…," said Go
 * Myong-hyun, a …`, `"…," Harold Daggett, president of the union, said`, `"…," Moon was quoted as
 * telling Kim by Park`, `"…," according to X`.
 */
export const afterQuote: QuoteSieve = {
  id: 'after-quote',
  strength: 0.97,
  apply(c) {
    return decide(c, attributionAfter(c, this.strength));
  },
};

function attributionAfter(c: Parameters<QuoteSieve['apply']>[0], strength: number): Attribution | null {
  const { unit, mentions, quote: q } = c;
  const sentenceEnd = c.bounds.end;
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
      return { subject, cue: quotedAs[0], strength: INVERTED, addressee, reportedBy: reporter, dateFrom };
    }
    const verb = followingWord(unit.masked, verbAt);
    if (verb && isSpeechVerb(verb.word) && verb.start === verbAt) {
      const addressee =
        /^tell/.test(verb.word) || verb.word === 'told' ? mentionStartingAt(mentions, verb.end + 1, unit.masked) : null;
      return {
        subject,
        cue: verb.word,
        strength,
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
    return who ? { subject: who, cue: 'according to', strength: ACCORDING_TO, dateFrom } : null;
  }
  const verb = followingWord(unit.masked, p);
  if (verb && verb.start === p && isSpeechVerb(verb.word)) {
    const who = mentionStartingAt(mentions, verb.end, unit.masked);
    if (who)
      return {
        subject: who,
        cue: verb.word,
        strength: INVERTED,
        reportedBy: reporterIn(unit, mentions, who.end, sentenceEnd),
        dateFrom,
      };
  }
  return null;
}
