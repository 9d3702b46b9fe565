/**
 * The analyst page's operations (web/): one per view, each asking only for what the view shows
 * (one page of each list, the heaviest N edges). Generated types come from `npm run codegen`, like
 * the other client operations.
 */
import { graphql } from './generated/gql.js';

/**
 * Search as you type: persons (names and aliases), organizations and article titles. No counts:
 * `hasNextPage` says whether there is more, without a count that would scan every match.
 */
export const AnalystSearchQuery = graphql(`
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
`);

/** Search in quote text: its own request, as it reads every quote where no index helps (shown when it comes). */
export const AnalystSearchQuotesQuery = graphql(`
  query AnalystSearchQuotes($text: String!, $first: Int!) {
    quotes(filter: { textContains: $text }, first: $first) {
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
`);

/** Person view, first part: who they are and whom they met most (all time). */
export const AnalystPersonQuery = graphql(`
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
`);

/** Person view: one page of what they said in the range, each quote in its paragraph. */
export const AnalystPersonQuotesQuery = graphql(`
  query AnalystPersonQuotes($slug: String!, $from: Date, $to: Date, $first: Int!) {
    quotes(filter: { speaker: $slug, from: $from, to: $to }, first: $first) {
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
`);

/** Person view: one page of their meetings in the range, with the claims behind each. */
export const AnalystPersonMeetingsQuery = graphql(`
  query AnalystPersonMeetings($slug: String!, $from: Date, $to: Date, $first: Int!) {
    meetings(filter: { participant: $slug, from: $from, to: $to }, first: $first) {
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
`);

/** A meeting with everything the page shows about it: the claims behind it and their disagreement. */
export const AnalystMeetingFragment = graphql(`
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
`);

/** Organization view: the name, its kind and aliases, and one page of members. */
export const AnalystOrganizationQuery = graphql(`
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
`);

/** Who met whom: the heaviest `limit` pairs of the range, with each person's meetings in the range. */
export const AnalystNetworkQuery = graphql(`
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
`);

/** An edge clicked in the network: the meetings both persons took part in, with their evidence. */
export const AnalystPairMeetingsQuery = graphql(`
  query AnalystPairMeetings($slugs: [String!]!, $from: Date, $to: Date, $first: Int!) {
    meetings(filter: { participants: $slugs, from: $from, to: $to }, first: $first) {
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
`);

/** Timeline: quotes and meetings per bucket over `chartFrom`..`chartTo` (the whole record when unset). */
export const AnalystTimelineQuery = graphql(`
  query AnalystTimeline($bucket: TimeBucket!, $chartFrom: Date, $chartTo: Date) {
    timeline(bucket: $bucket, from: $chartFrom, to: $chartTo) {
      start
      end
      quoteCount
      meetingCount
    }
  }
`);

/** Beside the timeline: one page of the quotes and of the meetings in the selected range. */
export const AnalystRangeQuery = graphql(`
  query AnalystRange($from: Date, $to: Date, $first: Int!) {
    quotes(filter: { from: $from, to: $to }, first: $first) {
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
    meetings(filter: { from: $from, to: $to }, first: $first) {
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
`);

/** Article view: the cleaned text with every quote and meeting mention it holds. */
export const AnalystArticleQuery = graphql(`
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
`);

/** Live updates: every article stored from now on (over Server-Sent Events); the page then refreshes its view. */
export const AnalystChangesSubscription = graphql(`
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
`);
