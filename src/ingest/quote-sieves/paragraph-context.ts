import { attributesItself, opensParagraph } from './attribution.js';
import type { QuoteSieve } from './candidate.js';

/** Weaker: the speaker is only the subject of an earlier paragraph, not an earlier quote's speaker. */
const SUBJECT_ONLY = 0.5;

/**
 * paragraph-context: a paragraph that opens with a quote and names no one takes the last quote's
 * speaker of the paragraphs before it, or the subject of the paragraph that introduced them,
 * skipping at most two paragraphs that name no person (and looking back four at most).
 */
export const paragraphContext: QuoteSieve = {
  id: 'paragraph-context',
  strength: 0.6,
  apply(c) {
    if (c.previous || c.blocked || !opensParagraph(c) || attributesItself(c.unit)) return null;
    const body = c.analysis.units.filter((u) => u.source === 'BODY');
    const at = body.indexOf(c.unit);
    const decision = (speaker: string, cue: string, confidence: number) =>
      ({
        speaker,
        cue,
        kind: 'CONTINUATION',
        confidence,
        reportedBy: null,
        addressee: null,
        date: null,
      }) as const;
    let skipped = 0;
    for (let i = at - 1; i >= 0 && at - i <= 4; i--) {
      const u = body[i]!;
      const theirs = c.quotes.filter((q) => q.paragraph === u.index);
      if (theirs.length) {
        const last = theirs[theirs.length - 1]!;
        return decision(last.speaker, last.cue, this.strength);
      }
      const subject = (c.analysis.mentions.get(u) ?? []).find(
        (m) => m.salient && !m.inQuote && !m.possessive && m.person && (m.kind === 'PERSON' || m.kind === 'ROLE'),
      );
      if (subject) return decision(subject.person!, 'said', SUBJECT_ONLY);
      if (u.quotes.length || ++skipped > 2) return null;
    }
    return null;
  },
};
