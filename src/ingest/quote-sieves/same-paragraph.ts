import type { QuoteSieve } from './candidate.js';

/**
 * same-paragraph: a quote with no attribution of its own after one that had, in the same
 * paragraph, is the same speaker's (`"…," she said. "…"`), a little less surely.
 */
export const sameParagraph: QuoteSieve = {
  id: 'same-paragraph',
  strength: 0.95,
  apply({ previous, blocked, startsSentence, sentence }) {
    if (!previous || blocked) return null;
    return {
      speaker: previous.speaker,
      cue: previous.cue,
      // The second half of a sentence split by its attribution is one FULL quote with the first.
      kind:
        startsSentence || (previous.sentence === sentence && previous.kind === 'FULL' && previous.endsWithComma)
          ? 'FULL'
          : 'PARTIAL',
      confidence: previous.confidence * this.strength,
      reportedBy: previous.reportedBy,
      addressee: null,
      date: previous.date,
    };
  },
};
