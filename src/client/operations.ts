/**
 * The operations newsgraph's own clients send. `npm run codegen` reads these `graphql(...)` calls
 * and generates their exact result and variable types into ./generated/; `graphql()` then returns a
 * typed document for each string. A field that is not in schema.graphql fails codegen, and a
 * renamed field changes the generated types, so `npm run typecheck` catches clients that use it.
 */
import { graphql } from './generated/gql.js';

/** Who said what, who met whom: one person's quotes, meetings and meeting partners, with provenance. */
export const PersonActivityQuery = graphql(`
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
`);

/** Dashboard header: how big the graph is. */
export const DashboardStatsQuery = graphql(`
  query DashboardStats {
    stats {
      articleCount
      personCount
      organizationCount
      quoteCount
      meetingCount
    }
  }
`);

/** Dashboard: who is quoted most in a period. */
export const TopSpeakersQuery = graphql(`
  query TopSpeakers($limit: Int!, $from: Date, $to: Date) {
    topSpeakers(limit: $limit, from: $from, to: $to) {
      quoteCount
      person {
        slug
        name
      }
    }
  }
`);

/** Dashboard: the who-met-whom network of a period. */
export const MeetingGraphQuery = graphql(`
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
`);

/** Dashboard: quotes and meetings per day, week or month. */
export const TimelineQuery = graphql(`
  query Timeline($bucket: TimeBucket!, $from: Date, $to: Date) {
    timeline(bucket: $bucket, from: $from, to: $to) {
      start
      end
      quoteCount
      meetingCount
    }
  }
`);
