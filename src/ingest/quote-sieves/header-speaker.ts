import { attributesItself, opensParagraph } from './attribution.js';
import type { QuoteSieve } from './candidate.js';

/** Opens with a quotation mark: a paragraph of quotes only, as under a header line. */
const quoteOnly = (text: string) => /^\s*["\u201C\u2018']/.test(text);

/**
 * header-speaker: a paragraph that opens with a quote and names no one, under an upper-case header
 * line naming a speaker ("ADA LINDQVIST, FINANCE MINISTER") with only quote paragraphs between.
 */
export const headerSpeaker: QuoteSieve = {
  id: 'header-speaker',
  strength: 0.85,
  apply(c) {
    if (c.previous || c.blocked || !opensParagraph(c) || attributesItself(c.unit)) return null;
    const body = c.analysis.units.filter((u) => u.source === 'BODY');
    for (let i = body.indexOf(c.unit) - 1; i >= 0; i--) {
      const u = body[i]!;
      const header = c.analysis.headers.get(u);
      if (header)
        return {
          speaker: header,
          cue: 'header',
          kind: 'CONTINUATION',
          confidence: this.strength,
          reportedBy: null,
          addressee: null,
          date: null,
        };
      if (!quoteOnly(u.text)) break;
    }
    return null;
  },
};
