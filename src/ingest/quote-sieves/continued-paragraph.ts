import { attributesItself, opensParagraph } from './attribution.js';
import type { QuoteSieve } from './candidate.js';

/** An unclosed quote at the end of the previous paragraph is the typographic sign of a continuation. */
const CLOSED_BEFORE = 0.75;

/**
 * continued-paragraph: a paragraph that opens with a quote and attributes nothing itself continues
 * the speaker of the paragraph right before it, if that one ended with a quote (multi-paragraph
 * quotes: `“… (no closing mark)` / `“…”`).
 */
export const continuedParagraph: QuoteSieve = {
  id: 'continued-paragraph',
  strength: 0.9,
  apply(c) {
    const last = c.previousParagraphLast;
    if (c.previous || c.blocked || !opensParagraph(c) || attributesItself(c.unit)) return null;
    if (!last || last.paragraph !== c.unit.index - 1) return null;
    return {
      speaker: last.speaker,
      cue: last.cue,
      kind: 'CONTINUATION',
      confidence: last.confidence * (last.closed ? CLOSED_BEFORE : this.strength),
      reportedBy: last.reportedBy,
      addressee: null,
      date: last.date,
    };
  },
};
