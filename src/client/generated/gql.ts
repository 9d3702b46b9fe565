/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query PersonActivity($slug: String!, $first: Int!) {\n    person(slug: $slug) {\n      slug\n      name\n      role\n      quotes(first: $first) {\n        totalCount\n        edges {\n          node {\n            text\n            kind\n            date\n            paragraph {\n              index\n              article {\n                slug\n                title\n              }\n            }\n          }\n        }\n      }\n      meetings(first: $first) {\n        totalCount\n        edges {\n          node {\n            kind\n            date\n            datePrecision\n            location\n            participants {\n              slug\n              name\n            }\n            paragraph {\n              index\n              article {\n                slug\n                title\n              }\n            }\n          }\n        }\n      }\n      metWith(first: $first) {\n        totalCount\n        edges {\n          meetingCount\n          node {\n            slug\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.PersonActivityDocument,
    "\n  query DashboardStats {\n    stats {\n      articleCount\n      personCount\n      organizationCount\n      quoteCount\n      meetingCount\n    }\n  }\n": typeof types.DashboardStatsDocument,
    "\n  query TopSpeakers($limit: Int!, $from: Date, $to: Date) {\n    topSpeakers(limit: $limit, from: $from, to: $to) {\n      quoteCount\n      person {\n        slug\n        name\n      }\n    }\n  }\n": typeof types.TopSpeakersDocument,
    "\n  query MeetingGraph($from: Date, $to: Date, $limit: Int!) {\n    meetingGraph(from: $from, to: $to, limit: $limit) {\n      totalEdgeCount\n      nodes {\n        slug\n        name\n      }\n      edges {\n        weight\n        source {\n          slug\n        }\n        target {\n          slug\n        }\n      }\n    }\n  }\n": typeof types.MeetingGraphDocument,
    "\n  query Timeline($bucket: TimeBucket!, $from: Date, $to: Date) {\n    timeline(bucket: $bucket, from: $from, to: $to) {\n      start\n      end\n      quoteCount\n      meetingCount\n    }\n  }\n": typeof types.TimelineDocument,
};
const documents: Documents = {
    "\n  query PersonActivity($slug: String!, $first: Int!) {\n    person(slug: $slug) {\n      slug\n      name\n      role\n      quotes(first: $first) {\n        totalCount\n        edges {\n          node {\n            text\n            kind\n            date\n            paragraph {\n              index\n              article {\n                slug\n                title\n              }\n            }\n          }\n        }\n      }\n      meetings(first: $first) {\n        totalCount\n        edges {\n          node {\n            kind\n            date\n            datePrecision\n            location\n            participants {\n              slug\n              name\n            }\n            paragraph {\n              index\n              article {\n                slug\n                title\n              }\n            }\n          }\n        }\n      }\n      metWith(first: $first) {\n        totalCount\n        edges {\n          meetingCount\n          node {\n            slug\n            name\n          }\n        }\n      }\n    }\n  }\n": types.PersonActivityDocument,
    "\n  query DashboardStats {\n    stats {\n      articleCount\n      personCount\n      organizationCount\n      quoteCount\n      meetingCount\n    }\n  }\n": types.DashboardStatsDocument,
    "\n  query TopSpeakers($limit: Int!, $from: Date, $to: Date) {\n    topSpeakers(limit: $limit, from: $from, to: $to) {\n      quoteCount\n      person {\n        slug\n        name\n      }\n    }\n  }\n": types.TopSpeakersDocument,
    "\n  query MeetingGraph($from: Date, $to: Date, $limit: Int!) {\n    meetingGraph(from: $from, to: $to, limit: $limit) {\n      totalEdgeCount\n      nodes {\n        slug\n        name\n      }\n      edges {\n        weight\n        source {\n          slug\n        }\n        target {\n          slug\n        }\n      }\n    }\n  }\n": types.MeetingGraphDocument,
    "\n  query Timeline($bucket: TimeBucket!, $from: Date, $to: Date) {\n    timeline(bucket: $bucket, from: $from, to: $to) {\n      start\n      end\n      quoteCount\n      meetingCount\n    }\n  }\n": types.TimelineDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonActivity($slug: String!, $first: Int!) {\n    person(slug: $slug) {\n      slug\n      name\n      role\n      quotes(first: $first) {\n        totalCount\n        edges {\n          node {\n            text\n            kind\n            date\n            paragraph {\n              index\n              article {\n                slug\n                title\n              }\n            }\n          }\n        }\n      }\n      meetings(first: $first) {\n        totalCount\n        edges {\n          node {\n            kind\n            date\n            datePrecision\n            location\n            participants {\n              slug\n              name\n            }\n            paragraph {\n              index\n              article {\n                slug\n                title\n              }\n            }\n          }\n        }\n      }\n      metWith(first: $first) {\n        totalCount\n        edges {\n          meetingCount\n          node {\n            slug\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').PersonActivityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardStats {\n    stats {\n      articleCount\n      personCount\n      organizationCount\n      quoteCount\n      meetingCount\n    }\n  }\n"): typeof import('./graphql.js').DashboardStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TopSpeakers($limit: Int!, $from: Date, $to: Date) {\n    topSpeakers(limit: $limit, from: $from, to: $to) {\n      quoteCount\n      person {\n        slug\n        name\n      }\n    }\n  }\n"): typeof import('./graphql.js').TopSpeakersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeetingGraph($from: Date, $to: Date, $limit: Int!) {\n    meetingGraph(from: $from, to: $to, limit: $limit) {\n      totalEdgeCount\n      nodes {\n        slug\n        name\n      }\n      edges {\n        weight\n        source {\n          slug\n        }\n        target {\n          slug\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').MeetingGraphDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Timeline($bucket: TimeBucket!, $from: Date, $to: Date) {\n    timeline(bucket: $bucket, from: $from, to: $to) {\n      start\n      end\n      quoteCount\n      meetingCount\n    }\n  }\n"): typeof import('./graphql.js').TimelineDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
