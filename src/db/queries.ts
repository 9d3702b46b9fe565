/**
 * Top-level lists with filters: the filter documents and the paged finds behind the root
 * connections. User text only ever reaches the database as an escaped, literal regex.
 */
import type { Filter, ObjectId } from 'mongodb';
import {
  HAPPENED_MEETINGS,
  type ArticleDoc,
  type Collections,
  type MeetingDoc,
  type OrganizationDoc,
  type PersonDoc,
  type QuoteDoc,
} from './collections.js';
import type { Projection } from './batch.js';
import { byDateDescending, byNameAscending, findPage, type PageRequest } from './pages.js';

/** Escapes every regex metacharacter so the text matches literally (no patterns, no ReDoS). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

const containsIgnoringCase = (text: string) => ({ $regex: escapeRegex(text), $options: 'i' });

function dateRange(from: Date | null | undefined, to: Date | null | undefined) {
  if (!from && !to) return undefined;
  return { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
}

export interface QuoteFilter {
  speakerId?: ObjectId | null;
  articleId?: ObjectId | null;
  textContains?: string | null;
  from?: Date | null;
  to?: Date | null;
  minConfidence?: number | null;
}

export function quoteFilter(f: QuoteFilter): Filter<QuoteDoc> {
  const filter: Filter<QuoteDoc> = {};
  if (f.speakerId) filter.speakerId = f.speakerId;
  if (f.articleId) filter.articleId = f.articleId;
  if (f.textContains) filter.text = containsIgnoringCase(f.textContains);
  const date = dateRange(f.from, f.to);
  if (date) filter.date = date;
  if (f.minConfidence !== null && f.minConfidence !== undefined) filter.confidence = { $gte: f.minConfidence };
  return filter;
}

export interface MeetingFilter {
  participantId?: ObjectId | null;
  /** Every one of these took part. */
  allParticipantIds?: ObjectId[] | null;
  articleId?: ObjectId | null;
  location?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Phone and video calls are left out unless asked for. */
  includeCalls?: boolean | null;
  /** Planned, proposed or cancelled meetings are left out unless asked for. */
  includePlanned?: boolean | null;
  /** Only meetings whose sieve was at least this sure. */
  minConfidence?: number | null;
}

export function meetingFilter(f: MeetingFilter): Filter<MeetingDoc> {
  const filter: Filter<MeetingDoc> = {};
  if (!f.includeCalls) filter.kind = HAPPENED_MEETINGS.kind;
  if (!f.includePlanned) filter.status = HAPPENED_MEETINGS.status;
  if (f.minConfidence !== null && f.minConfidence !== undefined) filter.confidence = { $gte: f.minConfidence };
  const everyone = [...(f.participantId ? [f.participantId] : []), ...(f.allParticipantIds ?? [])];
  if (everyone.length === 1) filter.participantIds = everyone[0]!;
  else if (everyone.length > 1) filter.participantIds = { $all: everyone };
  if (f.articleId) filter.articleId = f.articleId;
  if (f.location) filter.location = containsIgnoringCase(f.location);
  const date = dateRange(f.from, f.to);
  if (date) filter.date = date;
  return filter;
}

/** Case-insensitive substring over the name and every alias. */
export function nameSearchFilter<T extends PersonDoc | OrganizationDoc>(search: string | null | undefined): Filter<T> {
  return (search ? { searchNames: containsIgnoringCase(search) } : {}) as Filter<T>;
}

export interface ArticleFilter {
  search?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export function articleFilter(f: ArticleFilter): Filter<ArticleDoc> {
  const filter: Filter<ArticleDoc> = {};
  if (f.search) filter.title = containsIgnoringCase(f.search);
  const date = dateRange(f.from, f.to);
  if (date) filter.publishedAt = date;
  return filter;
}

export const quoteOrdering = byDateDescending<QuoteDoc>('date');
export const meetingOrdering = byDateDescending<MeetingDoc>('date');
export const articleOrdering = byDateDescending<ArticleDoc>('publishedAt');
export const personOrdering = byNameAscending<PersonDoc>();
export const organizationOrdering = byNameAscending<OrganizationDoc>();

/** The paged finds take the projection of the fields a query reads (null: whole documents). */
export const findQuotePage = (c: Collections, f: QuoteFilter, page: PageRequest, projection?: Projection | null) =>
  findPage(c.quotes, quoteFilter(f), quoteOrdering, page, projection);
export const findMeetingPage = (c: Collections, f: MeetingFilter, page: PageRequest, projection?: Projection | null) =>
  findPage(c.meetings, meetingFilter(f), meetingOrdering, page, projection);
export const findArticlePage = (c: Collections, f: ArticleFilter, page: PageRequest, projection?: Projection | null) =>
  findPage(c.articles, articleFilter(f), articleOrdering, page, projection);
export const findPersonPage = (
  c: Collections,
  search: string | null | undefined,
  page: PageRequest,
  projection?: Projection | null,
) => findPage(c.persons, nameSearchFilter<PersonDoc>(search), personOrdering, page, projection);
export const findOrganizationPage = (c: Collections, search: string | null | undefined, page: PageRequest) =>
  findPage(c.organizations, nameSearchFilter<OrganizationDoc>(search), organizationOrdering, page);

export const countQuotes = (c: Collections, f: QuoteFilter) => c.quotes.countDocuments(quoteFilter(f));
export const countMeetings = (c: Collections, f: MeetingFilter) => c.meetings.countDocuments(meetingFilter(f));
export const countArticles = (c: Collections, f: ArticleFilter) => c.articles.countDocuments(articleFilter(f));
export const countPersons = (c: Collections, search: string | null | undefined) =>
  c.persons.countDocuments(nameSearchFilter<PersonDoc>(search));
export const countOrganizations = (c: Collections, search: string | null | undefined) =>
  c.organizations.countDocuments(nameSearchFilter<OrganizationDoc>(search));
