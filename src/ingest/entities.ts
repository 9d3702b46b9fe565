/**
 * Article analysis: who is in the article and who every mention refers to, as a short pipeline of
 * ordered passes (like compromise's numbered passes), each a module of analysis/passes/ with one
 * function that reads the shared AnalysisState and adds to it. Word lists are data, in lexicon/.
 * The quote and meeting sieves read the result (ArticleAnalysis) and the helpers below.
 */
import type { CleanArticle } from './clean.js';
import { coreference } from './analysis/passes/coreference.js';
import { mentions } from './analysis/passes/mentions.js';
import { names } from './analysis/passes/names.js';
import { organizations } from './analysis/passes/organizations.js';
import { persons } from './analysis/passes/persons.js';
import { roles } from './analysis/passes/roles.js';
import { tokens } from './analysis/passes/tokens.js';
import { INTRO } from './analysis/phrases.js';
import { newState, type AnalysisPass, type ArticleAnalysis, type Unit } from './analysis/state.js';
import { SPEECH_VERBS } from './lexicon.js';
import type { Span } from './text.js';

export type {
  ArticleAnalysis,
  Mention,
  MentionKind,
  OrganizationEntity,
  PersonEntity,
  Unit,
} from './analysis/state.js';
export { appositiveAfter, roleBeforeComma, titleBefore } from './analysis/phrases.js';
export { capitalizedRuns, isParticle, nameKey } from './analysis/runs.js';

/** The analysis passes, in order. Each reads only what the passes before it left. */
export const ANALYSIS_PASSES: readonly { id: string; run: AnalysisPass }[] = [
  { id: 'tokens', run: tokens }, // 1. units, quotes, sentences, capitalized runs (the only tokenizing)
  { id: 'organizations', run: organizations }, // 2. where organizations are named
  { id: 'names', run: names }, // 3. full names with person evidence, header names, spelling variants
  { id: 'persons', run: persons }, // 4. organization and person entities, surnames, staff
  { id: 'mentions', run: mentions }, // 5. every mention: names, orgs, places, roles, pronouns, groups
  { id: 'roles', run: roles }, // 6. titles and roles into persons; role mentions' candidates
  { id: 'coreference', run: coreference }, // 7. each mention resolved to a person, in reading order
];

/**
 * Finds people and organizations in an article and resolves every mention of a person: full names
 * directly; surnames, titles ("the unification minister", "U.S. envoy Kim") and pronouns by the
 * nearest salient mention that fits the title.
 */
export function analyzeArticle(article: CleanArticle): ArticleAnalysis {
  const state = newState(article);
  for (const pass of ANALYSIS_PASSES) pass.run(state);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the quote and meeting extractors

export function sentenceOf(unit: Unit, pos: number): { index: number; span: Span } {
  const index = Math.max(
    0,
    unit.sentences.findIndex((s) => pos >= s.start && pos < s.end),
  );
  return { index, span: unit.sentences[index] ?? { start: 0, end: unit.text.length } };
}

/** Where the clause holding `pos` starts: after an opening phrase, "that", ", who" or ", where". */
export function clauseStart(unit: Unit, pos: number): number {
  const { span } = sentenceOf(unit, pos);
  const before = unit.masked.slice(span.start, pos);
  let start = span.start;
  const intro = INTRO.exec(before) ? before.indexOf(', ') : -1;
  if (intro !== -1) start = span.start + intro + 2;
  for (const m of before.matchAll(/(?:\bthat |, who |, where |; )/g))
    start = Math.max(start, span.start + m.index + m[0].length);
  return start;
}

export const isSpeechVerb = (word: string) => SPEECH_VERBS.has(word.toLowerCase());
