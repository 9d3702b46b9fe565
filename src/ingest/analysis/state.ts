/**
 * The state the analysis passes share (see ../entities.ts for their order). Each pass reads what
 * the passes before it left and adds its own part; none tokenizes again. What the quote and
 * meeting extractors read is ArticleAnalysis; the rest is working state of the passes.
 */
import type { CleanArticle } from '../clean.js';
import { slugify, type QuotedSpan, type Span } from '../text.js';

export interface Unit {
  source: 'BODY' | 'CAPTION';
  /** 1-based paragraph or caption number. */
  index: number;
  text: string;
  quotes: QuotedSpan[];
  /** `text` with quoted stretches blanked, so patterns never match words inside a quote. */
  masked: string;
  sentences: Span[];
}

export interface PersonEntity {
  slug: string;
  name: string;
  surname: string;
  /** Title phrases written before the name: "Unification Minister", "U.S. special envoy for North Korea". */
  titles: string[];
  /** Role phrases written after it: "a senior fellow at the Asan Institute for Policy Studies". */
  appositives: string[];
  /** Lowercased words of titles and roles, for matching "the unification minister" or "U.S. envoy Kim". */
  roleWords: Set<string>;
  aliases: Set<string>;
  organizations: Set<string>;
  /** A byline or photo credit rather than someone in the story. */
  staffRole: string | null;
}

export interface OrganizationEntity {
  slug: string;
  name: string;
  kind: 'GOVERNMENT' | 'MEDIA' | 'PARTY' | 'THINK_TANK' | 'COMPANY' | 'OTHER';
  aliases: Set<string>;
}

export type MentionKind = 'PERSON' | 'ROLE' | 'PRONOUN' | 'ORG' | 'PLACE' | 'GENERIC';

export interface Mention {
  unit: Unit;
  kind: MentionKind;
  /** Span including a title prefix ("U.S. envoy Kim"). */
  start: number;
  end: number;
  /** Where the name (or pronoun, or role noun phrase) itself starts. */
  nameStart: number;
  surface: string;
  title: string | null;
  candidates: string[];
  orgSlug: string | null;
  possessive: boolean;
  inQuote: boolean;
  /** False inside quotes and inside another mention's appositive ("the sister of … Kim Jong-un"). */
  salient: boolean;
  sentence: number;
  /** The person this mention refers to, once resolved. */
  person: string | null;
  confidence: number;
}

export interface ArticleAnalysis {
  article: CleanArticle;
  units: Unit[];
  persons: Map<string, PersonEntity>;
  organizations: Map<string, OrganizationEntity>;
  mentions: Map<Unit, Mention[]>;
  /** Upper-case header lines that name the speaker of the quotes under them: unit → person slug. */
  headers: Map<Unit, string>;
}

/** A capitalized word (or a particle inside a name), with its offsets in the unit's text. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** A place here: a gazetteer word, part of a multi-word place, or a word the context makes a place. */
  place?: boolean;
}

export interface Run {
  tokens: Token[];
  start: number;
  end: number;
  possessive: boolean;
}
export interface OrgSpan {
  start: number;
  end: number;
  name: string;
  kind: OrganizationEntity['kind'];
  /** Found only by the role after it ("Kelpway co-founder"): dropped when the word is a person's surname. */
  byRole?: true;
}

export function emptyPerson(name: string, staffRole: string | null = null): PersonEntity {
  return {
    slug: slugify(name),
    name,
    surname: name,
    titles: [],
    appositives: [],
    roleWords: new Set(),
    aliases: new Set(),
    organizations: new Set(),
    staffRole,
  };
}
/** An article as the passes build it up. */
export interface AnalysisState extends ArticleAnalysis {
  /** tokens: each unit's capitalized runs, found once and shared by every later pass. */
  runs: Map<Unit, Run[]>;
  /** organizations: where each unit names an organization. */
  orgSpans: Map<Unit, OrgSpan[]>;
  /** names: full names with evidence that they are persons, by name key. */
  fullNames: Map<string, Token[]>;
  /** names: upper-case header lines naming a speaker, with the role after the comma. */
  headerNames: Map<Unit, { key: string; role: string | null }>;
  /** names: a spelling variant's key → the key of the name as first written. */
  variants: Map<string, string>;
  /** persons: persons by full name key, and by the short names the article uses for them. */
  byName: Map<string, PersonEntity>;
  bySurname: Map<string, PersonEntity[]>;
}

/** One analysis pass: reads the state the passes before it left and adds to it. */
export type AnalysisPass = (state: AnalysisState) => void;

export function newState(article: CleanArticle): AnalysisState {
  return {
    article,
    units: [],
    persons: new Map(),
    organizations: new Map(),
    mentions: new Map(),
    headers: new Map(),
    runs: new Map(),
    orgSpans: new Map(),
    fullNames: new Map(),
    headerNames: new Map(),
    variants: new Map(),
    byName: new Map(),
    bySurname: new Map(),
  };
}

/** Registers an organization once per slug; returns its slug (null for a name without letters). */
export function addOrganization(state: AnalysisState, name: string, kind: OrganizationEntity['kind']): string | null {
  const slug = slugify(name);
  if (!slug) return null;
  if (!state.organizations.has(slug)) state.organizations.set(slug, { slug, name, kind, aliases: new Set() });
  return slug;
}
