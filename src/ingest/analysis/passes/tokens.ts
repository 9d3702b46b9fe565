import { findQuotedSpans, maskQuotes, sentenceSpans } from '../../text.js';
import { capitalizedRuns } from '../runs.js';
import type { AnalysisState, Unit } from '../state.js';

function makeUnit(source: Unit['source'], index: number, text: string): Unit {
  const quotes = findQuotedSpans(text);
  return { source, index, text, quotes, masked: maskQuotes(text, quotes), sentences: sentenceSpans(text, quotes) };
}

/**
 * Pass 1, tokens and sentences: every body paragraph and caption becomes a unit with its quotes,
 * its text with the quotes blanked, its sentences and its capitalized runs. This is the only pass
 * that tokenizes; the others read `units` and `runs`.
 */
export function tokens(state: AnalysisState): void {
  const { article } = state;
  state.units = [
    ...article.paragraphs.map((text, i) => makeUnit('BODY', i + 1, text)),
    ...article.captions.map((c, i) => makeUnit('CAPTION', i + 1, c.text)),
  ];
  for (const unit of state.units) state.runs.set(unit, capitalizedRuns(unit.text));
}
