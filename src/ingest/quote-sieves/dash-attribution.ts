import { decide, mentionStartingAt } from './attribution.js';
import type { QuoteSieve } from './candidate.js';

/** A dash after the closing mark: `"…" — X`, `"…" – X, the mayor`, `"…" - X`. */
const DASH = /^\s*[\u2014\u2013]\s*|^\s+-\s+/;
/** What may follow the name: an appositive, a full stop, nothing. */
const REST = /^\s*(?:,[^.!?"\u201C\u201D]{1,80})?\.?\s*$/;

/**
 * dash-attribution: a quote closed by a dash and the speaker's name, which ends the paragraph —
 * the way round-ups and pull quotes credit a speaker: `"We lost two boats and no people." —
 * Ines Valcourt, harbour master`. An organization credited this way drops the quote.
 */
export const dashAttribution: QuoteSieve = {
  id: 'dash-attribution',
  strength: 0.85,
  apply(c) {
    const { unit, quote: q, mentions } = c;
    if (!q.closed) return null;
    const after = unit.masked.slice(q.close + 1);
    const dash = DASH.exec(after);
    if (!dash) return null;
    const subject = mentionStartingAt(mentions, q.close + 1 + dash[0].length, unit.masked);
    // A place is a dateline, not a speaker; an organization or a group credited so drops the quote.
    if (!subject || subject.kind === 'PLACE') return null;
    if (!REST.test(unit.masked.slice(subject.end))) return null;
    return decide(c, {
      subject,
      cue: 'dash',
      strength: this.strength,
      dateFrom: { start: q.close + 1, end: unit.text.length },
    });
  },
};
