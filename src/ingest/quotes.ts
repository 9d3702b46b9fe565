/**
 * Quote extraction: every quoted passage in the body, attributed by an ordered list of sieves (as
 * CoreNLP's quote attribution is built, one small rule per module in quote-sieves/). The first
 * sieve that decides names the speaker; its id and confidence are stored with the quote, so
 * `npm run eval:ingest` reports each rule's precision and a client can hide weak quotes.
 */
import type { DateMention } from './dates.js';
import { sentenceOf, type ArticleAnalysis, type Unit } from './entities.js';
import { afterQuote } from './quote-sieves/after-quote.js';
import { beforeQuote } from './quote-sieves/before-quote.js';
import type { ExtractedQuote, PlacedQuote, QuoteCandidate, QuoteSieve } from './quote-sieves/candidate.js';
import { continuedParagraph } from './quote-sieves/continued-paragraph.js';
import { dashAttribution } from './quote-sieves/dash-attribution.js';
import { headerSpeaker } from './quote-sieves/header-speaker.js';
import { paragraphContext } from './quote-sieves/paragraph-context.js';
import { sameParagraph } from './quote-sieves/same-paragraph.js';
import { sentenceEnd } from './quote-sieves/sentence-end.js';
import { sift } from './sieve.js';
import type { QuotedSpan } from './text.js';

export type { ExtractedQuote, QuoteKind, QuoteSieve } from './quote-sieves/candidate.js';

/**
 * The attribution sieves, most precise first. The three that read the quote's own sentence come
 * first; when one of them finds an organization or a group (`the ministry said`) the quote is
 * dropped and the paragraph's later quotes are not inherited. Then a name after a dash closing the
 * paragraph, and the sieves that read the context:
 * the paragraph's previous speaker, the previous paragraph's last speaker for a quote that opens a
 * paragraph, a header line above, the paragraphs before.
 */
export const QUOTE_SIEVES: readonly QuoteSieve[] = [
  afterQuote,
  beforeQuote,
  sentenceEnd,
  dashAttribution,
  sameParagraph,
  continuedParagraph,
  headerSpeaker,
  paragraphContext,
];

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

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Finds every quoted passage in the body and attributes it with QUOTE_SIEVES. Quotes whose
 * speaker is an organization, a group or nobody are left out.
 */
export function extractQuotes(analysis: ArticleAnalysis, dates: Map<Unit, DateMention[]>): ExtractedQuote[] {
  const quotes: ExtractedQuote[] = [];
  let previousParagraphLast: PlacedQuote | null = null;
  for (const unit of analysis.units) {
    if (unit.source !== 'BODY') continue;
    const mentions = analysis.mentions.get(unit)!;
    const inUnit: PlacedQuote[] = [];
    let blocked = false;
    for (const q of unit.quotes) {
      const span = quoteText(unit.text, q);
      if (!span) continue;
      const { index: sentence, span: bounds } = sentenceOf(unit, q.open);
      const before = unit.masked.slice(bounds.start, q.open);
      const candidate: QuoteCandidate = {
        analysis,
        unit,
        mentions,
        dates: dates.get(unit) ?? [],
        quote: q,
        sentence,
        bounds,
        startsSentence: /^\s*$/.test(before) || /:\s*$/.test(before),
        previous: inUnit[inUnit.length - 1],
        blocked,
        previousParagraphLast,
        quotes,
      };
      const decided = sift(QUOTE_SIEVES, candidate);
      if (!decided) continue;
      const { sieve, found: d } = decided;
      if (!d.speaker) {
        blocked = true; // an organization or a group said it
        continue;
      }
      const quote: ExtractedQuote = {
        paragraph: unit.index,
        ...span,
        speaker: d.speaker,
        kind: d.kind,
        cue: d.cue || 'said',
        sieve,
        confidence: round(Math.min(1, Math.max(0.05, d.confidence))),
        reportedBy: d.reportedBy,
        addressee: d.addressee && d.addressee !== d.speaker ? d.addressee : null,
        date: d.date,
      };
      quotes.push(quote);
      inUnit.push({
        ...quote,
        closed: q.closed,
        sentence,
        endsWithComma: /,\s*$/.test(unit.text.slice(q.open + 1, q.close)),
      });
    }
    previousParagraphLast = inUnit[inUnit.length - 1] ?? null;
  }
  return quotes;
}
