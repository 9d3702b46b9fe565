/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar day, YYYY-MM-DD (UTC). As a filter bound it is inclusive. */
  Date: { input: string; output: string; }
  /** An instant, as an ISO 8601 string in UTC (e.g. 2024-05-21T03:36:45.000Z). */
  DateTime: { input: string; output: string; }
};

export type ClaimRelation =
  | 'AFTER'
  | 'BEFORE';

export type ClaimSource =
  | 'BODY'
  | 'CAPTION';

export type CorrectQuoteSpeakerInput = {
  quoteId: Scalars['ID']['input'];
  /** The person who actually said it. */
  speakerId: Scalars['ID']['input'];
};

/** How much of `date` the article states: the day, only the month, or only the year. */
export type DatePrecision =
  | 'DAY'
  | 'MONTH'
  | 'YEAR';

export type DeleteArticleInput = {
  articleId: Scalars['ID']['input'];
};

export type IngestArticlesInput = {
  /** 1 to 50 articles (and within the request body limit). */
  articles: Array<RawArticleInput>;
};

export type IngestErrorCode =
  /** Not an article in the ingest text format (no title, no date, binary data…). */
  | 'BAD_ARTICLE'
  /** See KEPT_CURATED. */
  | 'CURATED_VERSION_KEPT'
  /** The extractor failed on this text. */
  | 'EXTRACTION_FAILED'
  /** The extracted facts failed validation. */
  | 'INVALID_FACTS'
  /** The write failed and undoing it failed too; retry to complete it. */
  | 'PARTIALLY_WRITTEN'
  /** The database write failed; nothing was kept (retry later). */
  | 'WRITE_FAILED';

export type IngestStatus =
  /** Nothing was stored for this article; `error` says why. */
  | 'FAILED'
  /** Stored (new, or its content changed). */
  | 'INGESTED'
  /** A curator's version of this article is stored; its facts were kept. */
  | 'KEPT_CURATED'
  /** The same article was already stored; nothing changed. */
  | 'UNCHANGED';

export type MeetingFilter = {
  /** Article slug. */
  article?: InputMaybe<Scalars['String']['input']>;
  /** On or after this day. */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** Also list phone and video calls (kind CALL). Default false. */
  includeCalls?: InputMaybe<Scalars['Boolean']['input']>;
  /** Also list planned, proposed or cancelled meetings (status PLANNED). Default false. */
  includePlanned?: InputMaybe<Scalars['Boolean']['input']>;
  /** Case-insensitive text the location contains (taken literally). */
  location?: InputMaybe<Scalars['String']['input']>;
  /** Only meetings found at least this surely (0 to 1). */
  minConfidence?: InputMaybe<Scalars['Float']['input']>;
  /** Participant slug. */
  participant?: InputMaybe<Scalars['String']['input']>;
  /** Slugs of persons who all took part (at most 10): e.g. the two ends of a network edge. */
  participants?: InputMaybe<Array<Scalars['String']['input']>>;
  /** On or before this day. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

export type MeetingKind =
  /** A phone or video call: listed only when a filter asks for calls. */
  | 'CALL'
  /** A meeting in person. */
  | 'MEETING'
  /** A summit. */
  | 'SUMMIT'
  /** Talks in person. */
  | 'TALKS';

export type MeetingStatus =
  /** The article says it took place. */
  | 'HAPPENED'
  /** Planned, proposed or cancelled: listed only when a filter asks for planned meetings. */
  | 'PLANNED';

export type MergePersonsInput = {
  /** The duplicate: its quotes, meetings and articles move to the survivor, its names become aliases, and it is removed. */
  mergedId: Scalars['ID']['input'];
  /** The person who stays (keeps its id and slug). */
  survivorId: Scalars['ID']['input'];
};

export type MergeState =
  | 'DONE'
  | 'PENDING';

export type OrganizationKind =
  | 'COMPANY'
  | 'GOVERNMENT'
  | 'MEDIA'
  | 'OTHER'
  | 'PARTY'
  | 'THINK_TANK';

export type QuoteFilter = {
  /** Article slug. */
  article?: InputMaybe<Scalars['String']['input']>;
  /** Said on or after this day. */
  from?: InputMaybe<Scalars['Date']['input']>;
  /** Only attributions at least this sure (0 to 1). */
  minConfidence?: InputMaybe<Scalars['Float']['input']>;
  /** Speaker slug. */
  speaker?: InputMaybe<Scalars['String']['input']>;
  /** Case-insensitive text the quote contains (taken literally). */
  textContains?: InputMaybe<Scalars['String']['input']>;
  /** Said on or before this day. */
  to?: InputMaybe<Scalars['Date']['input']>;
};

export type QuoteKind =
  /** A quote that continues one begun in the previous paragraph. */
  | 'CONTINUATION'
  /** A whole sentence or more in quotation marks. */
  | 'FULL'
  /** A phrase in quotation marks inside the reporter's sentence. */
  | 'PARTIAL';

export type RawArticleInput = {
  /** Where the article was read (http or https URL); kept as its raw file name. */
  sourceUrl?: InputMaybe<Scalars['String']['input']>;
  /** The article in the `npm run ingest` text format: title line, timestamp line, body. */
  text: Scalars['String']['input'];
};

/** Timeline bucket size: a UTC day, an ISO week (Monday to Sunday) or a calendar month. */
export type TimeBucket =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

/** Fields left out stay as they are. The slug, and so the id, never changes. */
export type UpdatePersonInput = {
  /** Replaces the alias list (at most 50). */
  aliases?: InputMaybe<Array<Scalars['String']['input']>>;
  name?: InputMaybe<Scalars['String']['input']>;
  personId: Scalars['ID']['input'];
  /** null clears the role. */
  role?: InputMaybe<Scalars['String']['input']>;
};

export type AnalystSearchQueryVariables = Exact<{
  text: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type AnalystSearchQuery = { persons: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { slug: string | null, name: string | null, role: string | null, aliases: Array<string> | null } }> } | null, organizations: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { slug: string | null, name: string | null, kind: OrganizationKind | null, aliases: Array<string> | null } }> } | null, articles: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { slug: string | null, title: string | null, publishedAt: string | null, source: string | null } }> } | null };

export type AnalystSearchQuotesQueryVariables = Exact<{
  text: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type AnalystSearchQuotesQuery = { quotes: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, text: string | null, date: string | null, speaker: { slug: string | null, name: string | null } | null, paragraph: { index: number | null, article: { slug: string | null, title: string | null } | null } | null } }> } | null };

export type AnalystPersonQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  partners: Scalars['Int']['input'];
}>;


export type AnalystPersonQuery = { person: { slug: string | null, name: string | null, role: string | null, aliases: Array<string> | null, organizations: Array<{ slug: string | null, name: string | null }> | null, metWith: { pageInfo: { hasNextPage: boolean }, edges: Array<{ meetingCount: number | null, node: { slug: string | null, name: string | null } }> } | null } | null };

export type AnalystPersonQuotesQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
  first: Scalars['Int']['input'];
}>;


export type AnalystPersonQuotesQuery = { quotes: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, text: string | null, kind: QuoteKind | null, date: string | null, span: { start: number | null, end: number | null } | null, paragraph: { index: number | null, text: string | null, article: { slug: string | null, title: string | null } | null } | null } }> } | null };

export type AnalystPersonMeetingsQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
  first: Scalars['Int']['input'];
}>;


export type AnalystPersonMeetingsQuery = { meetings: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, kind: MeetingKind | null, date: string | null, datePrecision: DatePrecision | null, location: string | null, conflict: string | null, participants: Array<{ slug: string | null, name: string | null }> | null, article: { slug: string | null, title: string | null } | null, claims: Array<{ source: ClaimSource | null, index: number | null, statement: string | null, relation: ClaimRelation | null, paragraph: { index: number | null, text: string | null } | null, caption: { index: number | null, text: string | null } | null }> | null } }> } | null };

export type AnalystMeetingFragment = { id: string, kind: MeetingKind | null, date: string | null, datePrecision: DatePrecision | null, location: string | null, conflict: string | null, participants: Array<{ slug: string | null, name: string | null }> | null, article: { slug: string | null, title: string | null } | null, claims: Array<{ source: ClaimSource | null, index: number | null, statement: string | null, relation: ClaimRelation | null, paragraph: { index: number | null, text: string | null } | null, caption: { index: number | null, text: string | null } | null }> | null };

export type AnalystOrganizationQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type AnalystOrganizationQuery = { organization: { slug: string | null, name: string | null, kind: OrganizationKind | null, aliases: Array<string> | null, parent: { slug: string | null, name: string | null } | null, members: { totalCount: number, edges: Array<{ node: { slug: string | null, name: string | null, role: string | null } }> } | null } | null };

export type AnalystNetworkQueryVariables = Exact<{
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
  limit: Scalars['Int']['input'];
}>;


export type AnalystNetworkQuery = { meetingGraph: { totalEdgeCount: number, people: Array<{ id: string, meetingCount: number, person: { slug: string | null, name: string | null } }>, edges: Array<{ id: string, weight: number, source: { slug: string | null, name: string | null }, target: { slug: string | null, name: string | null } }> } | null };

export type AnalystPairMeetingsQueryVariables = Exact<{
  slugs: Array<Scalars['String']['input']> | Scalars['String']['input'];
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
  first: Scalars['Int']['input'];
}>;


export type AnalystPairMeetingsQuery = { meetings: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, kind: MeetingKind | null, date: string | null, datePrecision: DatePrecision | null, location: string | null, conflict: string | null, participants: Array<{ slug: string | null, name: string | null }> | null, article: { slug: string | null, title: string | null } | null, claims: Array<{ source: ClaimSource | null, index: number | null, statement: string | null, relation: ClaimRelation | null, paragraph: { index: number | null, text: string | null } | null, caption: { index: number | null, text: string | null } | null }> | null } }> } | null };

export type AnalystTimelineQueryVariables = Exact<{
  bucket: TimeBucket;
  chartFrom?: InputMaybe<Scalars['Date']['input']>;
  chartTo?: InputMaybe<Scalars['Date']['input']>;
}>;


export type AnalystTimelineQuery = { timeline: Array<{ start: string, end: string, quoteCount: number, meetingCount: number }> | null };

export type AnalystRangeQueryVariables = Exact<{
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
  first: Scalars['Int']['input'];
}>;


export type AnalystRangeQuery = { quotes: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, text: string | null, date: string | null, speaker: { slug: string | null, name: string | null } | null, paragraph: { index: number | null, article: { slug: string | null, title: string | null } | null } | null } }> } | null, meetings: { pageInfo: { hasNextPage: boolean }, edges: Array<{ node: { id: string, date: string | null, location: string | null, participants: Array<{ slug: string | null, name: string | null }> | null, article: { slug: string | null, title: string | null } | null } }> } | null };

export type AnalystArticleQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type AnalystArticleQuery = { article: { slug: string | null, title: string | null, subtitle: string | null, byline: string | null, source: string | null, publishedAt: string | null, paragraphs: Array<{ index: number | null, text: string | null }> | null, captions: Array<{ index: number | null, text: string | null, credit: string | null }> | null, quotes: { totalCount: number, edges: Array<{ node: { id: string, text: string | null, span: { start: number | null, end: number | null } | null, paragraph: { index: number | null } | null, speaker: { slug: string | null, name: string | null } | null } }> } | null, meetings: { totalCount: number, edges: Array<{ node: { id: string, kind: MeetingKind | null, date: string | null, datePrecision: DatePrecision | null, location: string | null, conflict: string | null, participants: Array<{ slug: string | null, name: string | null }> | null, article: { slug: string | null, title: string | null } | null, claims: Array<{ source: ClaimSource | null, index: number | null, statement: string | null, relation: ClaimRelation | null, paragraph: { index: number | null, text: string | null } | null, caption: { index: number | null, text: string | null } | null }> | null } }> } | null } | null };

export type AnalystChangesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AnalystChangesSubscription = { articleIngested: { seq: number | null, change: string | null, article: { slug: string | null, title: string | null } | null } | null };

export type PersonActivityQueryVariables = Exact<{
  slug: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type PersonActivityQuery = { person: { slug: string | null, name: string | null, role: string | null, quotes: { totalCount: number, edges: Array<{ node: { text: string | null, kind: QuoteKind | null, date: string | null, paragraph: { index: number | null, article: { slug: string | null, title: string | null } | null } | null } }> } | null, meetings: { totalCount: number, edges: Array<{ node: { kind: MeetingKind | null, date: string | null, datePrecision: DatePrecision | null, location: string | null, participants: Array<{ slug: string | null, name: string | null }> | null, paragraph: { index: number | null, article: { slug: string | null, title: string | null } | null } | null } }> } | null, metWith: { totalCount: number, edges: Array<{ meetingCount: number | null, node: { slug: string | null, name: string | null } }> } | null } | null };

export type DashboardStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardStatsQuery = { stats: { articleCount: number | null, personCount: number | null, organizationCount: number | null, quoteCount: number | null, meetingCount: number | null } | null };

export type TopSpeakersQueryVariables = Exact<{
  limit: Scalars['Int']['input'];
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
}>;


export type TopSpeakersQuery = { topSpeakers: Array<{ quoteCount: number, person: { slug: string | null, name: string | null } }> | null };

export type MeetingGraphQueryVariables = Exact<{
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
  limit: Scalars['Int']['input'];
}>;


export type MeetingGraphQuery = { meetingGraph: { totalEdgeCount: number, nodes: Array<{ slug: string | null, name: string | null }>, edges: Array<{ weight: number, source: { slug: string | null }, target: { slug: string | null } }> } | null };

export type TimelineQueryVariables = Exact<{
  bucket: TimeBucket;
  from?: InputMaybe<Scalars['Date']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
}>;


export type TimelineQuery = { timeline: Array<{ start: string, end: string, quoteCount: number, meetingCount: number }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AnalystMeetingFragmentDoc = new TypedDocumentString(`
    fragment AnalystMeeting on Meeting {
  id
  kind
  date
  datePrecision
  location
  conflict
  participants {
    slug
    name
  }
  article {
    slug
    title
  }
  claims {
    source
    index
    statement
    relation
    paragraph {
      index
      text
    }
    caption {
      index
      text
    }
  }
}
    `, {"fragmentName":"AnalystMeeting"}) as unknown as TypedDocumentString<AnalystMeetingFragment, unknown>;
export const AnalystSearchDocument = new TypedDocumentString(`
    query AnalystSearch($text: String!, $first: Int!) {
  persons(search: $text, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        slug
        name
        role
        aliases
      }
    }
  }
  organizations(search: $text, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        slug
        name
        kind
        aliases
      }
    }
  }
  articles(search: $text, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        slug
        title
        publishedAt
        source
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnalystSearchQuery, AnalystSearchQueryVariables>;
export const AnalystSearchQuotesDocument = new TypedDocumentString(`
    query AnalystSearchQuotes($text: String!, $first: Int!) {
  quotes(filter: {textContains: $text}, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        id
        text
        date
        speaker {
          slug
          name
        }
        paragraph {
          index
          article {
            slug
            title
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnalystSearchQuotesQuery, AnalystSearchQuotesQueryVariables>;
export const AnalystPersonDocument = new TypedDocumentString(`
    query AnalystPerson($slug: String!, $partners: Int!) {
  person(slug: $slug) {
    slug
    name
    role
    aliases
    organizations {
      slug
      name
    }
    metWith(first: $partners) {
      pageInfo {
        hasNextPage
      }
      edges {
        meetingCount
        node {
          slug
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnalystPersonQuery, AnalystPersonQueryVariables>;
export const AnalystPersonQuotesDocument = new TypedDocumentString(`
    query AnalystPersonQuotes($slug: String!, $from: Date, $to: Date, $first: Int!) {
  quotes(filter: {speaker: $slug, from: $from, to: $to}, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        id
        text
        kind
        date
        span {
          start
          end
        }
        paragraph {
          index
          text
          article {
            slug
            title
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnalystPersonQuotesQuery, AnalystPersonQuotesQueryVariables>;
export const AnalystPersonMeetingsDocument = new TypedDocumentString(`
    query AnalystPersonMeetings($slug: String!, $from: Date, $to: Date, $first: Int!) {
  meetings(filter: {participant: $slug, from: $from, to: $to}, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        ...AnalystMeeting
      }
    }
  }
}
    fragment AnalystMeeting on Meeting {
  id
  kind
  date
  datePrecision
  location
  conflict
  participants {
    slug
    name
  }
  article {
    slug
    title
  }
  claims {
    source
    index
    statement
    relation
    paragraph {
      index
      text
    }
    caption {
      index
      text
    }
  }
}`) as unknown as TypedDocumentString<AnalystPersonMeetingsQuery, AnalystPersonMeetingsQueryVariables>;
export const AnalystOrganizationDocument = new TypedDocumentString(`
    query AnalystOrganization($slug: String!, $first: Int!) {
  organization(slug: $slug) {
    slug
    name
    kind
    aliases
    parent {
      slug
      name
    }
    members(first: $first) {
      totalCount
      edges {
        node {
          slug
          name
          role
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnalystOrganizationQuery, AnalystOrganizationQueryVariables>;
export const AnalystNetworkDocument = new TypedDocumentString(`
    query AnalystNetwork($from: Date, $to: Date, $limit: Int!) {
  meetingGraph(from: $from, to: $to, limit: $limit) {
    totalEdgeCount
    people {
      id
      meetingCount
      person {
        slug
        name
      }
    }
    edges {
      id
      weight
      source {
        slug
        name
      }
      target {
        slug
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnalystNetworkQuery, AnalystNetworkQueryVariables>;
export const AnalystPairMeetingsDocument = new TypedDocumentString(`
    query AnalystPairMeetings($slugs: [String!]!, $from: Date, $to: Date, $first: Int!) {
  meetings(filter: {participants: $slugs, from: $from, to: $to}, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        ...AnalystMeeting
      }
    }
  }
}
    fragment AnalystMeeting on Meeting {
  id
  kind
  date
  datePrecision
  location
  conflict
  participants {
    slug
    name
  }
  article {
    slug
    title
  }
  claims {
    source
    index
    statement
    relation
    paragraph {
      index
      text
    }
    caption {
      index
      text
    }
  }
}`) as unknown as TypedDocumentString<AnalystPairMeetingsQuery, AnalystPairMeetingsQueryVariables>;
export const AnalystTimelineDocument = new TypedDocumentString(`
    query AnalystTimeline($bucket: TimeBucket!, $chartFrom: Date, $chartTo: Date) {
  timeline(bucket: $bucket, from: $chartFrom, to: $chartTo) {
    start
    end
    quoteCount
    meetingCount
  }
}
    `) as unknown as TypedDocumentString<AnalystTimelineQuery, AnalystTimelineQueryVariables>;
export const AnalystRangeDocument = new TypedDocumentString(`
    query AnalystRange($from: Date, $to: Date, $first: Int!) {
  quotes(filter: {from: $from, to: $to}, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        id
        text
        date
        speaker {
          slug
          name
        }
        paragraph {
          index
          article {
            slug
            title
          }
        }
      }
    }
  }
  meetings(filter: {from: $from, to: $to}, first: $first) {
    pageInfo {
      hasNextPage
    }
    edges {
      node {
        id
        date
        location
        participants {
          slug
          name
        }
        article {
          slug
          title
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnalystRangeQuery, AnalystRangeQueryVariables>;
export const AnalystArticleDocument = new TypedDocumentString(`
    query AnalystArticle($slug: String!, $first: Int!) {
  article(slug: $slug) {
    slug
    title
    subtitle
    byline
    source
    publishedAt
    paragraphs {
      index
      text
    }
    captions {
      index
      text
      credit
    }
    quotes(first: $first) {
      totalCount
      edges {
        node {
          id
          text
          span {
            start
            end
          }
          paragraph {
            index
          }
          speaker {
            slug
            name
          }
        }
      }
    }
    meetings(first: $first) {
      totalCount
      edges {
        node {
          ...AnalystMeeting
        }
      }
    }
  }
}
    fragment AnalystMeeting on Meeting {
  id
  kind
  date
  datePrecision
  location
  conflict
  participants {
    slug
    name
  }
  article {
    slug
    title
  }
  claims {
    source
    index
    statement
    relation
    paragraph {
      index
      text
    }
    caption {
      index
      text
    }
  }
}`) as unknown as TypedDocumentString<AnalystArticleQuery, AnalystArticleQueryVariables>;
export const AnalystChangesDocument = new TypedDocumentString(`
    subscription AnalystChanges {
  articleIngested {
    seq
    change
    article {
      slug
      title
    }
  }
}
    `) as unknown as TypedDocumentString<AnalystChangesSubscription, AnalystChangesSubscriptionVariables>;
export const PersonActivityDocument = new TypedDocumentString(`
    query PersonActivity($slug: String!, $first: Int!) {
  person(slug: $slug) {
    slug
    name
    role
    quotes(first: $first) {
      totalCount
      edges {
        node {
          text
          kind
          date
          paragraph {
            index
            article {
              slug
              title
            }
          }
        }
      }
    }
    meetings(first: $first) {
      totalCount
      edges {
        node {
          kind
          date
          datePrecision
          location
          participants {
            slug
            name
          }
          paragraph {
            index
            article {
              slug
              title
            }
          }
        }
      }
    }
    metWith(first: $first) {
      totalCount
      edges {
        meetingCount
        node {
          slug
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PersonActivityQuery, PersonActivityQueryVariables>;
export const DashboardStatsDocument = new TypedDocumentString(`
    query DashboardStats {
  stats {
    articleCount
    personCount
    organizationCount
    quoteCount
    meetingCount
  }
}
    `) as unknown as TypedDocumentString<DashboardStatsQuery, DashboardStatsQueryVariables>;
export const TopSpeakersDocument = new TypedDocumentString(`
    query TopSpeakers($limit: Int!, $from: Date, $to: Date) {
  topSpeakers(limit: $limit, from: $from, to: $to) {
    quoteCount
    person {
      slug
      name
    }
  }
}
    `) as unknown as TypedDocumentString<TopSpeakersQuery, TopSpeakersQueryVariables>;
export const MeetingGraphDocument = new TypedDocumentString(`
    query MeetingGraph($from: Date, $to: Date, $limit: Int!) {
  meetingGraph(from: $from, to: $to, limit: $limit) {
    totalEdgeCount
    nodes {
      slug
      name
    }
    edges {
      weight
      source {
        slug
      }
      target {
        slug
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MeetingGraphQuery, MeetingGraphQueryVariables>;
export const TimelineDocument = new TypedDocumentString(`
    query Timeline($bucket: TimeBucket!, $from: Date, $to: Date) {
  timeline(bucket: $bucket, from: $from, to: $to) {
    start
    end
    quoteCount
    meetingCount
  }
}
    `) as unknown as TypedDocumentString<TimelineQuery, TimelineQueryVariables>;