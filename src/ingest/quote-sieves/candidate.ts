/**
 * What a quote attribution sieve sees and what it decides. The extractor (../quotes.ts) builds one
 * QuoteCandidate per quoted passage and runs QUOTE_SIEVES over it with `sift`: the first sieve that
 * decides names the speaker, and its id and confidence are stored with the quote.
 */
import type { DateMention } from '../dates.js';
import type { ArticleAnalysis, Mention, Unit } from '../entities.js';
import type { Sieve } from '../sieve.js';
import type { QuotedSpan, Span } from '../text.js';

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

/** A quote already attributed, with where it sat (for the sieves that read earlier quotes). */
export interface PlacedQuote extends ExtractedQuote {
  /** The quote was closed in its paragraph (an unclosed one continues in the next). */
  closed: boolean;
  sentence: number;
  endsWithComma: boolean;
}

export interface QuoteCandidate {
  analysis: ArticleAnalysis;
  unit: Unit;
  mentions: Mention[];
  dates: DateMention[];
  quote: QuotedSpan;
  /** Index and bounds of the sentence the quote opens in. */
  sentence: number;
  bounds: Span;
  /** Nothing but a colon stands before the quote in its sentence. */
  startsSentence: boolean;
  /** The last quote attributed in this paragraph. */
  previous: PlacedQuote | undefined;
  /** An earlier quote of this paragraph was an organization's or a group's: nobody inherits it. */
  blocked: boolean;
  /** The last quote of the previous body paragraph, if it had any. */
  previousParagraphLast: PlacedQuote | null;
  /** Every quote attributed so far in the article. */
  quotes: readonly ExtractedQuote[];
}

/** A sieve's decision. `speaker: null` means an organization or a group said it: the quote is dropped. */
export interface QuoteDecision {
  speaker: string | null;
  cue: string;
  kind: QuoteKind;
  /** Before rounding: the sieve's strength times how surely the speaker mention was resolved. */
  confidence: number;
  reportedBy: ExtractedQuote['reportedBy'];
  addressee: string | null;
  date: string | null;
}

/** One way news attributes a quote (the shared Sieve of ../sieve.ts). */
export type QuoteSieve = Sieve<QuoteCandidate, QuoteDecision>;
